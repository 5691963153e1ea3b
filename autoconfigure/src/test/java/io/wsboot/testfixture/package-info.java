/**
 * Fixtures of wsboot's own test suites, never shipped: a raw socket client that writes and
 * reads frames byte by byte ({@link io.wsboot.testfixture.RawWebSocket}), a recording client
 * on the JDK's {@code java.net.http.WebSocket} ({@link io.wsboot.testfixture.RecordingClient})
 * and a heap probe ({@link io.wsboot.testfixture.HeapUsage}). The container modules reach
 * them through this module's test jar.
 */
package io.wsboot.testfixture;
