package io.wsboot.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.wsboot.HandshakeRequest;
import io.wsboot.autoconfigure.WsProperties;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Builds {@link ServerConnection}s and {@link EndpointSettings} for unit tests, with the
 * defaults of {@link WsProperties} unless told otherwise.
 */
final class TestConnections {

	static final long MAX_MESSAGE_SIZE = 64 * 1024;

	static final long SEND_BUFFER_LIMIT = 1024 * 1024;

	static final ServerConnection.Closed NOT_TOLD = (connection, code, reason) -> {
	};

	private TestConnections() {
	}

	static EndpointSettings settings() {
		return new EndpointSettings(MAX_MESSAGE_SIZE, SEND_BUFFER_LIMIT, Duration.ofSeconds(10), true,
				Duration.ofSeconds(30), false);
	}

	static EndpointSettings sendBufferLimit(long bytes) {
		return new EndpointSettings(MAX_MESSAGE_SIZE, bytes, Duration.ofSeconds(10), true, Duration.ofSeconds(30),
				false);
	}

	static EndpointSettings heartbeatEvery(Duration interval) {
		return new EndpointSettings(MAX_MESSAGE_SIZE, SEND_BUFFER_LIMIT, Duration.ofSeconds(10), true, interval,
				false);
	}

	static EndpointSettings noHeartbeat() {
		return new EndpointSettings(MAX_MESSAGE_SIZE, SEND_BUFFER_LIMIT, Duration.ofSeconds(10), false,
				Duration.ofSeconds(30), false);
	}

	static EndpointSettings dropping(long sendBufferLimit) {
		return new EndpointSettings(MAX_MESSAGE_SIZE, sendBufferLimit, Duration.ofSeconds(10), true,
				Duration.ofSeconds(30), false, OverflowPolicy.DROP, List.of(), Integer.MAX_VALUE,
				Duration.ZERO, true, List.of(), false);
	}

	static EndpointSettings idleTimeout(Duration idleTimeout) {
		return new EndpointSettings(MAX_MESSAGE_SIZE, SEND_BUFFER_LIMIT, Duration.ofSeconds(10), false,
				Duration.ofSeconds(30), false, OverflowPolicy.CLOSE, List.of(), Integer.MAX_VALUE,
				idleTimeout, true, List.of(), false);
	}

	static ServerConnection connection(String id, String endpointId) {
		return connection(id, endpointId, settings(), new RecordingTransport());
	}

	static ServerConnection connection(String id, String endpointId, RecordingTransport transport) {
		return connection(id, endpointId, settings(), transport);
	}

	static ServerConnection connection(String id, String endpointId, EndpointSettings settings,
			RecordingTransport transport) {
		return connection(id, endpointId, "/" + endpointId, Map.of(), settings, transport, NOT_TOLD);
	}

	static ServerConnection connection(String id, String endpointId, EndpointSettings settings,
			RecordingTransport transport, ServerConnection.Closed closed) {
		return connection(id, endpointId, "/" + endpointId, Map.of(), settings, transport, closed);
	}

	/**
	 * A connection as the handshake registers it, before the container hands over its
	 * socket.
	 */
	static ServerConnection unattached(String id, String endpointId, ServerConnection.Closed closed) {
		HandshakeRequest handshake = new HandshakeRequest(URI.create("ws://localhost/" + endpointId),
				new HttpHeaders(), new LinkedMultiValueMap<>(), Map.of(), null, null);
		return new ServerConnection(id, endpointId, "/" + endpointId, Map.of(), handshake, new ConcurrentHashMap<>(),
				"", List.of(), settings(), null, 0, ServerConnection.NOT_ATTACHED, closed);
	}

	static ServerConnection connection(String id, String endpointId, String path, Map<String, String> pathParams,
			EndpointSettings settings, RecordingTransport transport, ServerConnection.Closed closed) {
		HandshakeRequest handshake = new HandshakeRequest(URI.create("ws://localhost" + path), new HttpHeaders(),
				new LinkedMultiValueMap<>(), Map.of(), null, null);
		ServerConnection connection = new ServerConnection(id, endpointId, path, pathParams, handshake,
				new ConcurrentHashMap<>(), "", List.of(), settings, null, 0, transport, closed);
		transport.connection(connection);
		return connection;
	}

}
