package io.wsboot.virtualthreads;

import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.wsboot.ConnectionRegistry;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;
import io.wsboot.test.WsTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The end-to-end suite runs in this module with {@code spring.threads.virtual.enabled}:
 * these tests make sure it really is on virtual threads, which a JVM older than 21 or a
 * lost system property would silently undo.
 */
@Tag("e2e")
@SpringBootTest(classes = VirtualThreadsTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class VirtualThreadsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ThreadEndpoint endpoint;

	@Test
	void runsOnJava21OrLater() {
		assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(21);
	}

	@Test
	void callbacksRunOnVirtualThreadsAndReplyAndBroadcastArrive() {
		try (WsTestClient first = WsTestClient.connect(url()); WsTestClient second = WsTestClient.connect(url())) {
			first.awaitOpen();
			second.awaitOpen();
			first.send("reply");
			assertThat(first.awaitText()).isEqualTo("reply");
			second.send("broadcast");
			assertThat(first.awaitText()).isEqualTo("broadcast");
			assertThat(second.awaitText()).isEqualTo("broadcast");
			await().untilAsserted(() -> assertThat(this.endpoint.threads).hasSize(2));
			assertThat(this.endpoint.threads).allSatisfy((thread) -> assertThat(isVirtual(thread)).isTrue());
		}
	}

	private String url() {
		return "ws://localhost:" + this.port + "/thread";
	}

	private static boolean isVirtual(Thread thread) {
		try {
			// Thread.isVirtual() is Java 21 API; this module compiles for Java 17
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException ex) {
			return false;
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ThreadEndpoint.class)
	static class App {

	}

	@WsEndpoint("/thread")
	static class ThreadEndpoint {

		final Collection<Thread> threads = new ConcurrentLinkedQueue<>();

		private final ConnectionRegistry registry;

		ThreadEndpoint(ConnectionRegistry registry) {
			this.registry = registry;
		}

		@OnTextMessage
		@Nullable String onText(WsConnection connection, String message) {
			this.threads.add(Thread.currentThread());
			if (message.equals("broadcast")) {
				this.registry.broadcast(connection.endpointId(), message);
				return null;
			}
			return message;
		}

	}

}
