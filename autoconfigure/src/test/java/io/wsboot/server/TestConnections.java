package io.wsboot.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

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

	static final Executor DIRECT = Runnable::run;

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
		return connection(id, endpointId, settings(), new RecordingFrameWriter(), DIRECT);
	}

	static ServerConnection connection(String id, String endpointId, FrameWriter writer) {
		return connection(id, endpointId, settings(), writer, DIRECT);
	}

	static ServerConnection connection(String id, String endpointId, EndpointSettings settings, FrameWriter writer,
			Executor closer) {
		return connection(id, endpointId, "/" + endpointId, Map.of(), settings, writer, closer);
	}

	static ServerConnection connection(String id, String endpointId, String path, Map<String, String> pathParams,
			EndpointSettings settings, FrameWriter writer, Executor closer) {
		HandshakeRequest handshake = new HandshakeRequest(URI.create("ws://localhost" + path), new HttpHeaders(),
				new LinkedMultiValueMap<>(), Map.of(), null, null);
		return new ServerConnection(id, endpointId, path, pathParams, handshake, new ConcurrentHashMap<>(), "",
				List.of(), settings, writer, closer);
	}

}
