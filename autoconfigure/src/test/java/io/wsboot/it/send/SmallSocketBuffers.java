package io.wsboot.it.send;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Fixes the server sockets' send buffer at 8 KiB. Linux grows a loopback socket's send
 * buffer to megabytes on its own, which would hide a peer that stopped reading from
 * the starter for as long as the kernel takes its writes; a fixed buffer makes the
 * starter's own limits the ones under test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SmallSocketBuffers {

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> smallSendBuffers() {
		return (factory) -> factory
			.addConnectorCustomizers((connector) -> connector.setProperty("socket.txBufSize", "8192"));
	}

}
