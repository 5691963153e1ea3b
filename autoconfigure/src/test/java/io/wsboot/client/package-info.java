/**
 * Tests of the WebSocket client against the starter's own server on a random port.
 */
@NullMarked
package io.wsboot.client;

import org.jspecify.annotations.NullMarked;
