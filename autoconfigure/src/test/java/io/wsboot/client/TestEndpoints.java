package io.wsboot.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsboot.HandshakeRequest;
import io.wsboot.OnBinaryMessage;
import io.wsboot.OnClose;
import io.wsboot.OnOpen;
import io.wsboot.OnPong;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;
import io.wsboot.client.ClientTestApplication.Gate;
import io.wsboot.client.ClientTestApplication.ServerLog;

/**
 * The endpoints of {@link ClientTestApplication}, outside it so that they are beans only
 * through its {@code @Bean} methods, under the names the properties use.
 */
final class TestEndpoints {

	private TestEndpoints() {
	}

	/**
	 * Echoes text and binary, and also serves the YAML-only routes.
	 */
	@WsEndpoint("/echo")
	static final class EchoEndpoint {

		private final ServerLog log;

		EchoEndpoint(ServerLog log) {
			this.log = log;
		}

		@OnTextMessage
		String text(String message) {
			return message;
		}

		@OnBinaryMessage
		ByteBuffer binary(ByteBuffer message) {
			return message;
		}

		@OnPong
		void pong(byte[] payload) {
			this.log.ponged(payload);
		}

		@OnClose
		void close(WsConnection connection, int code, String reason) {
			this.log.closed(connection.path(), code, reason);
		}

	}

	/**
	 * Does what the client tells it: {@code close <code> <reason>}, {@code ping <payload>},
	 * {@code text <length>}, {@code fail}.
	 */
	@WsEndpoint("/command")
	static final class CommandEndpoint {

		private final ServerLog log;

		CommandEndpoint(ServerLog log) {
			this.log = log;
		}

		@OnTextMessage
		void command(WsConnection connection, String command) {
			String[] words = command.split(" ", 3);
			switch (words[0]) {
				case "close" -> connection.close(Integer.parseInt(words[1]), (words.length > 2) ? words[2] : "");
				case "ping" -> connection.ping(words[1].getBytes(StandardCharsets.UTF_8));
				case "text" -> connection.send("x".repeat(Integer.parseInt(words[1])));
				case "fail" -> throw new IllegalStateException("Failing as told");
				default -> connection.send("unknown command " + command);
			}
		}

		@OnPong
		void pong(byte[] payload) {
			this.log.ponged(payload);
		}

		@OnClose
		void close(WsConnection connection, int code, String reason) {
			this.log.closed(connection.path(), code, reason);
		}

	}

	/**
	 * Tells the client, on open, what its handshake carried.
	 */
	@WsEndpoint("/handshake")
	static final class HandshakeEndpoint {

		@OnOpen
		void open(WsConnection connection, HandshakeRequest request) {
			connection.send("origin=" + request.header("Origin") + ";x-token=" + request.header("X-Token")
					+ ";offered=" + request.offeredProtocols() + ";protocol=" + connection.protocol());
		}

	}

	/**
	 * Reads a message only when the gate lets it.
	 */
	@WsEndpoint("/paused")
	static final class PausedEndpoint {

		private final Gate gate;

		PausedEndpoint(Gate gate) {
			this.gate = gate;
		}

		@OnBinaryMessage
		void binary(byte[] message) throws InterruptedException {
			this.gate.pass();
		}

	}

}
