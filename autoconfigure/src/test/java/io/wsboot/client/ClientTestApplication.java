package io.wsboot.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The server the client tests talk to: the starter with a few endpoints. Routes that only
 * differ in settings ({@code /silent}, {@code /pinging}) are declared in the properties
 * of {@link ClientServerTest}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ClientTestApplication {

	@Bean
	ServerLog serverLog() {
		return new ServerLog();
	}

	@Bean
	Gate gate() {
		return new Gate();
	}

	@Bean
	TestEndpoints.EchoEndpoint echo(ServerLog log) {
		return new TestEndpoints.EchoEndpoint(log);
	}

	@Bean
	TestEndpoints.CommandEndpoint command(ServerLog log) {
		return new TestEndpoints.CommandEndpoint(log);
	}

	@Bean
	TestEndpoints.HandshakeEndpoint handshake() {
		return new TestEndpoints.HandshakeEndpoint();
	}

	@Bean
	TestEndpoints.PausedEndpoint paused(Gate gate) {
		return new TestEndpoints.PausedEndpoint(gate);
	}

	/**
	 * What the server saw, for the tests to assert on.
	 */
	static final class ServerLog {

		private final List<String> closes = new CopyOnWriteArrayList<>();

		private final List<String> pongs = new CopyOnWriteArrayList<>();

		void closed(String path, int code, String reason) {
			this.closes.add(path + " " + code + " " + reason);
		}

		void ponged(byte[] payload) {
			this.pongs.add(new String(payload, StandardCharsets.UTF_8));
		}

		List<String> closes() {
			return List.copyOf(this.closes);
		}

		List<String> pongs() {
			return List.copyOf(this.pongs);
		}

	}

	/**
	 * Holds back the paused endpoint's reader until opened.
	 */
	static final class Gate {

		private volatile CountDownLatch latch = new CountDownLatch(0);

		private final AtomicInteger passed = new AtomicInteger();

		void close() {
			this.latch = new CountDownLatch(1);
		}

		void open() {
			this.latch.countDown();
		}

		int passed() {
			return this.passed.get();
		}

		void pass() throws InterruptedException {
			if (!this.latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Gate left closed");
			}
			this.passed.incrementAndGet();
		}

	}

}
