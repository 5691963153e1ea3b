package io.wsboot.it.tomcat;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.wsboot.WsConnection;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.it.send.SmallSocketBuffers;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RecordingClient;
import io.wsboot.testfixture.SelfSignedCertificate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine on Tomcat's socket, where the socket is not the plain NIO one of the other
 * tests: over TLS, where Tomcat encrypts into a buffer of its own that a flush may leave
 * full, and on the NIO2 connector, whose non-blocking reads and writes complete on
 * Tomcat's threads. Each echoes small and 1 MiB messages in order, broadcasts, and closes
 * with a code both sides see. On the plain socket, where large frames are written past
 * Tomcat's write buffer, a peer that stops reading gets them whole and in order.
 */
@Tag("e2e")
@Tag("tomcat")
class TomcatSocketTests {

	private static final int MIB = 1024 * 1024;

	@Nested
	@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "ws.max-message-size=2MB", "server.ssl.key-store-type=PKCS12",
					"server.ssl.key-alias=server", "server.ssl.key-store-password=" + SelfSignedCertificate.PASSWORD })
	class OverTls extends Conversations {

		private static final SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();

		private static final HttpClient http = HttpClient.newBuilder().sslContext(certificate.trustingIt()).build();

		@DynamicPropertySource
		static void keyStore(DynamicPropertyRegistry registry) {
			registry.add("server.ssl.key-store", () -> certificate.keyStore().toUri().toString());
		}

		@Override
		RecordingClient client(String target, String name) {
			RecordingClient client = RecordingClient.connect(http, URI.create("wss://localhost:" + this.port + target),
					Map.of(CLIENT_HEADER, name));
			closeAfterTheTest(client::close);
			return client;
		}

	}

	@Nested
	@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "ws.max-message-size=2MB")
	@Import(Nio2Connector.class)
	class OnTheNio2Connector extends Conversations {

		@Override
		RecordingClient client(String target, String name) {
			return connect(target, name);
		}

	}

	@Nested
	@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "ws.send-buffer-limit=4MB")
	@Import(SmallSocketBuffers.class)
	class OnThePlainSocket extends AbstractEndToEndTests {

		private static final int LARGE = 300 * 1024;

		private static final int PAIRS = 6;

		@Test
		void messagesLargerThanTomcatsBufferReachAPeerThatStoppedReadingWholeAndInOrder() throws Exception {
			// the peer reads nothing until all is sent: the socket takes part of a large
			// message written past Tomcat's buffer, Tomcat keeps the rest, and what follows
			// queues in the connection
			RawWebSocket peer = open(raw("/echo").receiveBufferSize(4096));
			WsConnection connection = serverSide(peer);
			for (int i = 0; i < PAIRS; i++) {
				assertThat(connection.send(pattern(i))).isTrue();
				assertThat(connection.send("small " + i)).isTrue();
			}
			assertThat(connection.bufferedAmount()).as("queued while the peer does not read").isPositive();
			for (int i = 0; i < PAIRS; i++) {
				RawWebSocket.Message large = peer.readMessage();
				assertThat(large.opcode()).isEqualTo(RawWebSocket.BINARY);
				assertThat(Arrays.equals(large.payload(), pattern(i))).as("large message %d, whole", i).isTrue();
				assertThat(peer.readText()).isEqualTo("small " + i);
			}
			await().untilAsserted(() -> assertThat(connection.bufferedAmount()).isZero());
			assertThat(connection.isOpen()).isTrue();
		}

		private static byte[] pattern(int seed) {
			byte[] bytes = new byte[LARGE];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) (i * 31 + seed);
			}
			return bytes;
		}

	}

	abstract static class Conversations extends AbstractEndToEndTests {

		abstract RecordingClient client(String target, String name);

		@Test
		void echoesSmallAndLargeMessagesInOrder() {
			RecordingClient client = client("/echo", "echo");
			byte[] large = new byte[MIB];
			for (int i = 0; i < large.length; i++) {
				large[i] = (byte) (i * 31);
			}
			for (int i = 0; i < 50; i++) {
				client.sendText("small " + i);
			}
			client.sendBinary(large);
			client.sendText("after");
			for (int i = 0; i < 50; i++) {
				assertThat(client.nextText()).isEqualTo("small " + i);
			}
			assertThat(Arrays.equals(client.nextBinary(), large)).as("the 1 MiB message, echoed whole").isTrue();
			assertThat(client.nextText()).isEqualTo("after");
		}

		@Test
		void broadcastsReachEveryClientAndACloseIsSeenByBoth() {
			List<RecordingClient> clients = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				clients.add(client("/echo", "client-" + i));
			}
			awaitCount("echo", 5);
			for (int i = 0; i < 20; i++) {
				assertThat(this.registry.broadcast("echo", "news " + i)).isEqualTo(5);
			}
			for (RecordingClient client : clients) {
				for (int i = 0; i < 20; i++) {
					assertThat(client.nextText()).isEqualTo("news " + i);
				}
			}
			WsConnection first = serverSide("client-0");
			first.close(4001, "done");
			assertThat(clients.get(0).closeStatus().join()).isEqualTo(new RecordingClient.CloseStatus(4001, "done"));
			await().untilAsserted(() -> assertThat(this.events.closesOf(first.id())).singleElement()
				.satisfies((closed) -> assertThat(closed.code()).isEqualTo(4001)));
			awaitCount("echo", 4);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Nio2Connector {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> nio2() {
			return (factory) -> factory.setProtocol("org.apache.coyote.http11.Http11Nio2Protocol");
		}

	}

}
