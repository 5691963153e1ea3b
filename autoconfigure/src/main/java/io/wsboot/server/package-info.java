/**
 * The wsboot WebSocket engine behind {@link io.wsboot.server.WsServer}: handshake,
 * connections and their outbound queues, dispatch to the endpoints' callbacks, the
 * heartbeat's sweeps and the graceful close. Everything but the entry point and its
 * settings is package-private.
 */
@NullMarked
package io.wsboot.server;

import org.jspecify.annotations.NullMarked;
