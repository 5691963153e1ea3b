/**
 * Auto-configuration of wsboot, and the machinery behind its API: routes
 * ({@code RouteTable}), dispatch ({@code EndpointHandler}, {@code MethodCallbacks}),
 * connections and their outbound queues ({@code ServerConnection}), the registry and the
 * heartbeat ({@code HeartbeatScheduler}).
 */
@NullMarked
package io.wsboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
