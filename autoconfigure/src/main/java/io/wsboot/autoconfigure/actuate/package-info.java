/**
 * Actuator support of the WebSocket server: the {@code websockets} endpoint and health
 * contributor.
 */
@NullMarked
package io.wsboot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
