/**
 * Auto-configuration of wsboot: properties, routes ({@code RouteTable}) and the wiring
 * of the {@link io.wsboot.server.WsServer} engine.
 */
@NullMarked
package io.wsboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
