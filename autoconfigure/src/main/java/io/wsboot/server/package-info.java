/**
 * The wsboot WebSocket engine behind {@link io.wsboot.server.WsServer}: handshake,
 * connections and their outbound queues, dispatch to the endpoints' callbacks, the
 * heartbeat's sweeps and the graceful close. Everything but the entry point, its settings
 * and the container adapters' SPI ({@link io.wsboot.server.Transport},
 * {@link io.wsboot.server.Upgrade}) is package-private; the adapters themselves are in
 * {@code .servlet}, {@code .tomcat} and {@code .jetty}.
 */
@NullMarked
package io.wsboot.server;

import org.jspecify.annotations.NullMarked;
