package io.wsboot.it.close;

import java.net.URI;
import java.util.Collection;
import java.util.Optional;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;
import io.wsboot.it.app.Events;
import io.wsboot.it.app.ItApplication;
import io.wsboot.test.RawWebSocket;
import io.wsboot.test.RawWebSocket.Frame;
import io.wsboot.test.RecordingClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the application closes every connection with 1001 (going away) before the
 * web server stops. The application is started here, not by the test framework, so
 * that stopping it leaves the cached test contexts alone.
 */
class GracefulShutdownTests {

	@Test
	void stoppingTheApplicationClosesEveryConnectionWith1001() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
			.properties("server.port=0", "ws.shutdown.timeout=2s")
			.run();
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
			Events events = context.getBean(Events.class);
			RecordingClient echo = RecordingClient.connect(URI.create("ws://localhost:" + port + "/echo"));
			RecordingClient chat = RecordingClient.connect(URI.create("ws://localhost:" + port + "/chat"));
			RawWebSocket raw = RawWebSocket.to(port, "/feed").open();
			await().untilAsserted(() -> assertThat(registry.count()).isEqualTo(3));
			Collection<WsConnection> connections = registry.connections();

			context.close();

			assertThat(echo.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(1001, "Going away"));
			assertThat(chat.closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(1001, "Going away"));
			Optional<Frame> close = raw.readUntilClose();
			assertThat(close).as("close frame to the raw client").isPresent();
			assertThat(close.get().closeCode()).isEqualTo(1001);
			raw.close();
			for (WsConnection connection : connections) {
				assertThat(events.closesOf(connection.id())).singleElement()
					.satisfies((closed) -> assertThat(closed.code()).isEqualTo(1001));
			}
			assertThat(registry.count()).isZero();
		}
		finally {
			context.close();
		}
	}

}
