package io.wsboot.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample gets from the settings it leaves alone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DefaultSettingsTests {

	private final int port;

	DefaultSettingsTests(@LocalServerPort int port) {
		this.port = port;
	}

	@Test
	void doesNotNegotiatePermessageDeflateThatAClientOffers() throws Exception {
		RawHandshake response = RawHandshake.offeringDeflate(this.port, "/echo");
		assertThat(response.statusLine()).startsWith("HTTP/1.1 101");
		assertThat(response.header("Sec-WebSocket-Accept")).containsExactly(RawHandshake.ACCEPT);
		assertThat(response.headers()).doesNotContainKey("Sec-WebSocket-Extensions");
	}

}
