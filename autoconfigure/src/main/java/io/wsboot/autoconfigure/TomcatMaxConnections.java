package io.wsboot.autoconfigure;

import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Lifts Tomcat's cap on open connections, 8192 by default ({@code server.tomcat.max-connections}),
 * which a WebSocket server reaches early: past it Tomcat stops accepting and the next
 * upgrade hangs until the client gives up. Applied only when the application has not set
 * {@code server.tomcat.max-connections}; {@code ws.max-connections} remains the cap an
 * application chooses per endpoint.
 */
final class TomcatMaxConnections implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	/**
	 * Tomcat's value for no limit.
	 */
	static final int UNLIMITED = -1;

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		// a connector customizer added after the one Spring Boot's customizer adds, so it wins
		factory.addConnectorCustomizers((connector) -> {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				protocol.setMaxConnections(UNLIMITED);
			}
		});
	}

	@Override
	public int getOrder() {
		// after Spring Boot's TomcatWebServerFactoryCustomizer, whose order is 0
		return 1;
	}

}
