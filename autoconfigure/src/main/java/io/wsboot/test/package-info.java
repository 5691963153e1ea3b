/**
 * Test support for applications that use wsboot: {@link io.wsboot.test.WsTestClient},
 * a WebSocket client that records what it receives and awaits it with Awaitility. Needs
 * {@code org.awaitility:awaitility} on the test class path.
 */
@NullMarked
package io.wsboot.test;

import org.jspecify.annotations.NullMarked;
