package io.wsboot.autoconfigure;

import io.wsboot.server.WsServer;

/**
 * Customizes the {@link WsServer.Builder} of the auto-configured server, after the
 * properties, routes and beans were applied and before it is built.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WsServerBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder
	 */
	void customize(WsServer.Builder builder);

}
