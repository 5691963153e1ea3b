package io.wsboot.it;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;
import io.wsboot.it.app.Events;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RecordingClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the end-to-end tests: connects real clients to the running server, names them
 * so their server-side connection can be found, and closes them after each test, which
 * must leave no connection behind.
 */
@Tag("e2e")
public abstract class AbstractEndToEndTests {

	/** Handshake header that names a client, to find its server-side connection. */
	public static final String CLIENT_HEADER_NAME = "X-Test-Client";

	protected static final String CLIENT_HEADER = CLIENT_HEADER_NAME;

	@LocalServerPort
	protected int port;

	@Autowired
	protected ConnectionRegistry registry;

	@Autowired
	protected Events events;

	private final List<Closeable> clients = new ArrayList<>();

	static {
		// conditions here change within milliseconds: poll often, starting at once
		Awaitility.setDefaultPollDelay(Duration.ZERO);
		Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
	}

	@AfterEach
	void closeClientsAndExpectNoConnectionLeft() throws IOException {
		for (Closeable client : this.clients) {
			client.close();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.connections()).as("connections left open").isEmpty());
	}

	protected URI uri(String target) {
		return URI.create("ws://localhost:" + this.port + target);
	}

	/**
	 * Connect a JDK client, named so that {@link #serverSide(String)} finds its connection.
	 */
	protected RecordingClient connect(String target, String name) {
		return connect(target, Map.of(CLIENT_HEADER, name));
	}

	protected RecordingClient connect(String target, Map<String, String> headers) {
		RecordingClient client = RecordingClient.connect(uri(target), headers);
		this.clients.add(client::close);
		return client;
	}

	/**
	 * Close the given client after the test, with the others.
	 */
	protected void closeAfterTheTest(Closeable client) {
		this.clients.add(client);
	}

	/**
	 * Start building a raw client. Unless {@link #seesHeartbeatPings()}, its reads go past
	 * the heartbeat's pings: at the default interval the server pings every connection at
	 * its next sweep, which may come at any moment of a test about something else.
	 */
	protected RawWebSocket.Builder raw(String target) {
		RawWebSocket.Builder builder = RawWebSocket.to(this.port, target);
		return seesHeartbeatPings() ? builder : builder.skipHeartbeatPings();
	}

	/**
	 * Whether the raw clients of these tests read the heartbeat's pings as frames, as
	 * the tests of the heartbeat itself must.
	 * @return {@code false} unless overridden
	 */
	protected boolean seesHeartbeatPings() {
		return false;
	}

	/**
	 * Open a raw client; it is closed (without a close frame) after the test.
	 */
	protected RawWebSocket open(RawWebSocket.Builder builder) throws IOException {
		RawWebSocket client = builder.open();
		this.clients.add(client);
		return client;
	}

	protected RawWebSocket openRaw(String target) throws IOException {
		return open(raw(target));
	}

	/**
	 * Wait for the server to register the connection of a named client, and return it.
	 */
	protected WsConnection serverSide(String name) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.connections()
				.stream()
				.filter((connection) -> name.equals(connection.handshake().header(CLIENT_HEADER)))
				.findFirst()
				.orElse(null), (connection) -> connection != null);
	}

	/**
	 * Wait for the server to register the connection of a raw client, and return it.
	 */
	protected WsConnection serverSide(RawWebSocket client) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.connections()
				.stream()
				.filter((connection) -> connection.handshake().remoteAddress() != null
						&& connection.handshake().remoteAddress().getPort() == client.localPort())
				.findFirst()
				.orElse(null), (connection) -> connection != null);
	}

	protected void awaitCount(String endpointId, int count) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.count(endpointId)).isEqualTo(count));
	}

}
