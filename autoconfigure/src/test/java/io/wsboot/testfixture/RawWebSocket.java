package io.wsboot.testfixture;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket client written by hand over a plain {@link Socket}: it does the HTTP
 * upgrade itself, writes masked (or, when asked, unmasked or malformed) frames and reads
 * frames one at a time. Unlike a real client it does only what it is told: it answers no
 * ping unless asked to, and reads nothing unless a test reads, so it can play a dead or a
 * stalled peer, and send what RFC 6455 forbids.
 * <p>
 * This class is the socket and the API the suites call; the handshake's request and
 * response are {@link RawHandshake}'s job, frames to and from bytes {@link FrameCodec}'s.
 * The types of that API ({@link Builder}, {@link Frame}, {@link HandshakeResponse}) stay
 * nested here so that the suites' many call sites read {@code RawWebSocket.Frame}.
 * <p>
 * Not thread-safe: one thread writes and reads.
 */
public final class RawWebSocket implements Closeable {

	/** Opcode of a continuation frame. */
	public static final int CONTINUATION = 0x0;

	/** Opcode of a text frame. */
	public static final int TEXT = 0x1;

	/** Opcode of a binary frame. */
	public static final int BINARY = 0x2;

	/** Opcode of a close frame. */
	public static final int CLOSE = 0x8;

	/** Opcode of a ping frame. */
	public static final int PING = 0x9;

	/** Opcode of a pong frame. */
	public static final int PONG = 0xA;

	private static final Random RANDOM = new SecureRandom();

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final HandshakeResponse handshakeResponse;

	private final int readTimeoutMillis;

	private final boolean answerPings;

	private final boolean skipHeartbeatPings;

	private final List<Frame> controlFrames = new CopyOnWriteArrayList<>();

	private RawWebSocket(Socket socket, InputStream in, OutputStream out, HandshakeResponse handshakeResponse,
			int readTimeoutMillis, boolean answerPings, boolean skipHeartbeatPings) {
		this.socket = socket;
		this.in = in;
		this.out = out;
		this.handshakeResponse = handshakeResponse;
		this.readTimeoutMillis = readTimeoutMillis;
		this.answerPings = answerPings;
		this.skipHeartbeatPings = skipHeartbeatPings;
	}

	/**
	 * Start building a connection to a server on this machine.
	 * @param port the server's port
	 * @param target the request target: path and query, such as {@code /echo?a=1}
	 * @return a builder
	 */
	public static Builder to(int port, String target) {
		return new Builder("localhost", port, target);
	}

	/**
	 * Return the server's answer to the opening handshake.
	 * @return the handshake response
	 */
	public HandshakeResponse handshakeResponse() {
		return this.handshakeResponse;
	}

	/**
	 * Return the local port of the socket, as the server sees it as the peer's port.
	 * @return the local port
	 */
	public int localPort() {
		return this.socket.getLocalPort();
	}

	/**
	 * Return the control frames {@link #readMessage()} went past, in order of arrival.
	 * @return the pings, pongs and close frames seen while reading messages
	 */
	public List<Frame> controlFrames() {
		return Collections.unmodifiableList(this.controlFrames);
	}

	// Writing

	/**
	 * Send a whole text message in one masked frame.
	 * @param text the message
	 */
	public void sendText(String text) throws IOException {
		send(Frame.text(text));
	}

	/**
	 * Send a whole binary message in one masked frame.
	 * @param data the message
	 */
	public void sendBinary(byte[] data) throws IOException {
		send(Frame.binary(data));
	}

	/**
	 * Send a ping.
	 * @param payload the payload
	 */
	public void sendPing(byte[] payload) throws IOException {
		send(Frame.ping(payload));
	}

	/**
	 * Send a pong.
	 * @param payload the payload
	 */
	public void sendPong(byte[] payload) throws IOException {
		send(Frame.pong(payload));
	}

	/**
	 * Send a close frame.
	 * @param code the close code
	 * @param reason the reason
	 */
	public void sendClose(int code, String reason) throws IOException {
		send(Frame.close(code, reason));
	}

	/**
	 * Send a frame, masked with a fresh random key as a client must.
	 * @param frame the frame
	 */
	public void send(Frame frame) throws IOException {
		byte[] key = new byte[4];
		RANDOM.nextBytes(key);
		writeRaw(frame.encode(key));
	}

	/**
	 * Send frames, each masked with a fresh random key, in one write: a flood of small
	 * frames reaches the server as fast as the socket takes it.
	 * @param frames the frames
	 */
	public void sendAll(List<Frame> frames) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] key = new byte[4];
		for (Frame frame : frames) {
			RANDOM.nextBytes(key);
			bytes.writeBytes(frame.encode(key));
		}
		writeRaw(bytes.toByteArray());
	}

	/**
	 * Send a frame without a mask, which a server must refuse.
	 * @param frame the frame
	 */
	public void sendUnmasked(Frame frame) throws IOException {
		writeRaw(frame.encode(null));
	}

	/**
	 * Write bytes to the socket as they are.
	 * @param bytes the bytes
	 */
	public void writeRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	// Reading

	/**
	 * Read the next frame, waiting up to the read timeout.
	 * @return the frame
	 * @throws EOFException when the server closed the connection
	 * @throws SocketTimeoutException when no frame arrived in time
	 */
	public Frame readFrame() throws IOException {
		while (true) {
			Optional<Frame> frame = frameStartingWith(this.in.read());
			if (frame.isPresent()) {
				return frame.get();
			}
		}
	}

	/**
	 * Read the next frame if its first byte arrives within a time.
	 * @param timeout how long to wait for the frame to start
	 * @return the frame, or empty when none started in time
	 * @throws EOFException when the server closed the connection
	 */
	public Optional<Frame> readFrame(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			int first;
			long left = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
			this.socket.setSoTimeout((int) left);
			try {
				first = this.in.read();
			}
			catch (SocketTimeoutException ex) {
				return Optional.empty();
			}
			finally {
				this.socket.setSoTimeout(this.readTimeoutMillis);
			}
			Optional<Frame> frame = frameStartingWith(first);
			if (frame.isPresent()) {
				return frame;
			}
		}
	}

	/**
	 * Read the rest of the frame whose first byte was read, going past it (and answering
	 * it, when built to answer pings) if it is a heartbeat ping to skip.
	 * @return the frame, or empty when it was skipped
	 */
	private Optional<Frame> frameStartingWith(int first) throws IOException {
		if (first < 0) {
			throw new EOFException("Connection closed by the server");
		}
		Frame frame = readFrame(first);
		if (!this.skipHeartbeatPings || frame.opcode() != PING || frame.payload().length != 0) {
			return Optional.of(frame);
		}
		if (this.answerPings) {
			sendPong(frame.payload());
		}
		return Optional.empty();
	}

	private Frame readFrame(int first) throws IOException {
		return FrameCodec.read(this.in, first);
	}

	/**
	 * Read the next whole data message, joining its fragments. Pings are answered when
	 * the client was built to answer them; control frames are kept in
	 * {@link #controlFrames()}.
	 * @return the message
	 * @throws IllegalStateException when a close frame arrives first
	 */
	public Message readMessage() throws IOException {
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		int opcode = -1;
		while (true) {
			Frame frame = readFrame();
			if (frame.isControl()) {
				this.controlFrames.add(frame);
				if (frame.opcode() == CLOSE) {
					throw new IllegalStateException("Connection closed by the server with " + frame.closeCode()
							+ " '" + frame.closeReason() + "' while a message was expected");
				}
				if (frame.opcode() == PING && this.answerPings) {
					sendPong(frame.payload());
				}
				continue;
			}
			if (opcode == -1) {
				if (frame.opcode() == CONTINUATION) {
					throw new IllegalStateException("Continuation frame without a message to continue");
				}
				opcode = frame.opcode();
			}
			else if (frame.opcode() != CONTINUATION) {
				throw new IllegalStateException("New message (opcode " + frame.opcode()
						+ ") before the last one ended");
			}
			payload.writeBytes(frame.payload());
			if (frame.fin()) {
				return new Message(opcode, payload.toByteArray());
			}
		}
	}

	/**
	 * Read the next message and return it as text.
	 * @return the text
	 * @throws IllegalStateException when the message is binary
	 */
	public String readText() throws IOException {
		Message message = readMessage();
		if (message.opcode() != TEXT) {
			throw new IllegalStateException("Expected a text message but got opcode " + message.opcode());
		}
		return message.text();
	}

	/**
	 * Read frames, skipping data and control frames, until the server's close frame or
	 * the end of the stream.
	 * @return the close frame, or empty when the connection ended without one
	 */
	public Optional<Frame> readUntilClose() throws IOException {
		while (true) {
			Frame frame;
			try {
				frame = readFrame();
			}
			catch (EOFException ex) {
				return Optional.empty();
			}
			catch (SocketException ex) {
				// a reset: the server dropped the connection without a close frame
				return Optional.empty();
			}
			if (frame.opcode() == CLOSE) {
				return Optional.of(frame);
			}
		}
	}

	/**
	 * Read until the end of the stream, ignoring frames.
	 * @return whether the stream ended (or was reset) rather than the read timing out
	 */
	public boolean readUntilEndOfStream() throws IOException {
		try {
			while (true) {
				if (this.in.read() < 0) {
					return true;
				}
				this.in.skip(this.in.available());
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	// Closing

	/**
	 * Do the closing handshake: send a close frame and read until the server's.
	 * @param code the close code
	 * @param reason the reason
	 * @return the server's close frame, or empty when it closed without one
	 */
	public Optional<Frame> closeHandshake(int code, String reason) throws IOException {
		sendClose(code, reason);
		Optional<Frame> reply = readUntilClose();
		this.socket.close();
		return reply;
	}

	/**
	 * Close the socket with a reset, as a crashed peer or a pulled cable would: no close
	 * frame, no FIN.
	 */
	public void abort() throws IOException {
		if (!this.socket.isClosed()) {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
	}

	/**
	 * Close the socket without a close frame.
	 */
	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * Return whether the socket was closed on this side.
	 * @return whether {@link #close()} or {@link #abort()} ran
	 */
	public boolean isClosed() {
		return this.socket.isClosed();
	}

	/**
	 * Builds the opening handshake. The defaults make a valid one; each can be replaced
	 * or removed to make an invalid one.
	 */
	public static final class Builder {

		private final String host;

		private final int port;

		private final String target;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Duration readTimeout = Duration.ofSeconds(10);

		private int receiveBufferSize;

		private boolean answerPings;

		private boolean skipHeartbeatPings;

		private Builder(String host, int port, String target) {
			this.host = host;
			this.port = port;
			this.target = target;
			byte[] nonce = new byte[16];
			RANDOM.nextBytes(nonce);
			header("Host", host + ":" + port);
			header("Upgrade", "websocket");
			header("Connection", "Upgrade");
			header("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce));
			header("Sec-WebSocket-Version", "13");
		}

		/**
		 * Set a request header, replacing a default of the same name.
		 * @param name the header name
		 * @param value the value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.keySet().removeIf(name::equalsIgnoreCase);
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Leave a default header out of the request.
		 * @param name the header name
		 * @return this builder
		 */
		public Builder withoutHeader(String name) {
			this.headers.keySet().removeIf(name::equalsIgnoreCase);
			return this;
		}

		/**
		 * Set how long a read waits before it fails.
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set the socket's receive buffer, before it connects: a small one makes a peer
		 * that does not read stall the server's writes sooner.
		 * @param bytes the buffer size
		 * @return this builder
		 */
		public Builder receiveBufferSize(int bytes) {
			this.receiveBufferSize = bytes;
			return this;
		}

		/**
		 * Answer the pings that {@link RawWebSocket#readMessage()} goes past. Off by
		 * default: this client answers nothing unless told to.
		 * @return this builder
		 */
		public Builder answerPings() {
			this.answerPings = true;
			return this;
		}

		/**
		 * Go past the server's heartbeat pings (pings without payload) in every read,
		 * neither returning them nor keeping them in
		 * {@link RawWebSocket#controlFrames()}: for tests of
		 * something else, on a server whose heartbeat may ping a new connection at its
		 * next sweep, whenever that comes. Off by default.
		 * @return this builder
		 */
		public Builder skipHeartbeatPings() {
			this.skipHeartbeatPings = true;
			return this;
		}

		/**
		 * Do the opening handshake and expect the upgrade.
		 * @return the open connection
		 * @throws HandshakeFailedException when the server did not switch protocols or
		 * its {@code Sec-WebSocket-Accept} is wrong
		 */
		public RawWebSocket open() throws IOException {
			Socket socket = new Socket();
			try {
				InputStream in = connect(socket);
				HandshakeResponse response = HandshakeResponse.read(in);
				if (response.status() != 101) {
					throw new HandshakeFailedException(response);
				}
				String key = this.headers.get("Sec-WebSocket-Key");
				if (key != null && !accept(key).equals(response.header("Sec-WebSocket-Accept"))) {
					throw new HandshakeFailedException(response);
				}
				return new RawWebSocket(socket, in, socket.getOutputStream(), response,
						(int) this.readTimeout.toMillis(), this.answerPings, this.skipHeartbeatPings);
			}
			catch (IOException | RuntimeException ex) {
				socket.close();
				throw ex;
			}
		}

		/**
		 * Send the handshake request and return the response whatever it is, then
		 * close the socket. For handshakes expected to fail.
		 * @return the response
		 */
		public HandshakeResponse request() throws IOException {
			try (Socket socket = new Socket()) {
				return HandshakeResponse.read(connect(socket));
			}
		}

		/**
		 * Send the handshake request and reset the connection right behind it (a TCP
		 * reset, not a close): a client gone before the server could answer.
		 */
		public void resetAfterRequest() throws IOException {
			try (Socket socket = new Socket()) {
				connect(socket);
				socket.setSoLinger(true, 0);
			}
		}

		private InputStream connect(Socket socket) throws IOException {
			return RawHandshake.send(socket, this.host, this.port, this.target, this.headers, this.receiveBufferSize,
					this.readTimeout);
		}

		/**
		 * Compute the {@code Sec-WebSocket-Accept} a server must answer to a key.
		 * @param key the {@code Sec-WebSocket-Key}
		 * @return the expected accept value
		 */
		public static String accept(String key) {
			return RawHandshake.accept(key);
		}

	}

	/**
	 * The server's answer to the opening handshake: status and headers. The body of a
	 * refusal is not read.
	 *
	 * @param status the HTTP status
	 * @param statusLine the whole status line
	 * @param headers the headers, by name in any case
	 */
	public record HandshakeResponse(int status, String statusLine, Map<String, List<String>> headers) {

		/**
		 * Return the first value of a header.
		 * @param name the header name, in any case
		 * @return the value, or {@code null} when absent
		 */
		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		static HandshakeResponse read(InputStream in) throws IOException {
			return RawHandshake.readResponse(in);
		}

	}

	/**
	 * Thrown by {@link Builder#open()} when the server did not accept the upgrade.
	 */
	public static final class HandshakeFailedException extends IOException {

		private final transient HandshakeResponse response;

		HandshakeFailedException(HandshakeResponse response) {
			super("Handshake refused: " + response.statusLine());
			this.response = response;
		}

		/**
		 * Return the server's response.
		 * @return the response
		 */
		public HandshakeResponse response() {
			return this.response;
		}

	}

	/**
	 * One frame, as read or to be written.
	 *
	 * @param fin whether this is the last frame of its message
	 * @param rsv the three reserved bits, RSV1 the highest
	 * @param opcode the opcode
	 * @param masked whether the frame as read carried a mask (a server's must not)
	 * @param payload the payload, unmasked
	 */
	public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

		/**
		 * Create a final frame with no reserved bits.
		 * @param opcode the opcode
		 * @param payload the payload
		 * @return the frame
		 */
		public static Frame of(int opcode, byte[] payload) {
			return new Frame(true, 0, opcode, false, payload);
		}

		/**
		 * Create a whole text message.
		 * @param text the message
		 * @return the frame
		 */
		public static Frame text(String text) {
			return of(TEXT, text.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * Create a whole binary message.
		 * @param data the message
		 * @return the frame
		 */
		public static Frame binary(byte[] data) {
			return of(BINARY, data);
		}

		/**
		 * Create a ping.
		 * @param payload the payload
		 * @return the frame
		 */
		public static Frame ping(byte[] payload) {
			return of(PING, payload);
		}

		/**
		 * Create a pong.
		 * @param payload the payload
		 * @return the frame
		 */
		public static Frame pong(byte[] payload) {
			return of(PONG, payload);
		}

		/**
		 * Create a close frame.
		 * @param code the close code
		 * @param reason the reason
		 * @return the frame
		 */
		public static Frame close(int code, String reason) {
			byte[] text = reason.getBytes(StandardCharsets.UTF_8);
			byte[] payload = new byte[2 + text.length];
			payload[0] = (byte) (code >> 8);
			payload[1] = (byte) code;
			System.arraycopy(text, 0, payload, 2, text.length);
			return of(CLOSE, payload);
		}

		/**
		 * Return a copy with another FIN bit: {@code false} for every fragment but the
		 * last.
		 * @param fin the FIN bit
		 * @return the copy
		 */
		public Frame withFin(boolean fin) {
			return new Frame(fin, this.rsv, this.opcode, this.masked, this.payload);
		}

		/**
		 * Return a copy with other reserved bits.
		 * @param rsv the three reserved bits, RSV1 the highest
		 * @return the copy
		 */
		public Frame withRsv(int rsv) {
			return new Frame(this.fin, rsv, this.opcode, this.masked, this.payload);
		}

		/**
		 * Return whether this is a control frame.
		 * @return whether the opcode is 0x8 or above
		 */
		public boolean isControl() {
			return (this.opcode & 0x8) != 0;
		}

		/**
		 * Return the payload decoded as UTF-8.
		 * @return the text
		 */
		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/**
		 * Return the code of a close frame.
		 * @return the code, or 1005 (no status) when the frame has none
		 */
		public int closeCode() {
			requireClose();
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
		}

		/**
		 * Return the reason of a close frame.
		 * @return the reason, empty when there is none
		 */
		public String closeReason() {
			requireClose();
			return (this.payload.length > 2)
					? new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8) : "";
		}

		private void requireClose() {
			if (this.opcode != CLOSE) {
				throw new IllegalStateException("Not a close frame: " + this);
			}
		}

		/**
		 * Encode the frame for the wire.
		 * @param maskKey the four-byte mask key, or {@code null} to send it unmasked
		 * @return the bytes
		 */
		public byte[] encode(byte[] maskKey) {
			return FrameCodec.encode(this.fin, this.rsv, this.opcode, this.payload, maskKey);
		}

		/**
		 * Encode a frame header alone, declaring any payload length: with the payload
		 * written after it, or not, it can say what no real frame could, such as a
		 * length with the top bit of its 64 bits set.
		 * @param fin the FIN bit
		 * @param rsv the three reserved bits, RSV1 the highest
		 * @param opcode the opcode
		 * @param length the declared payload length, in the shortest encoding that
		 * holds it
		 * @param maskKey the four-byte mask key, or {@code null} for none
		 * @return the header bytes
		 */
		public static byte[] header(boolean fin, int rsv, int opcode, long length, byte[] maskKey) {
			return FrameCodec.header(fin, rsv, opcode, length, maskKey);
		}

		@Override
		public String toString() {
			String shown = (this.opcode == TEXT || this.opcode == CLOSE) && this.payload.length <= 64
					? " '" + text() + "'" : "";
			return String.format(Locale.ROOT, "Frame[fin=%s, rsv=%d, opcode=0x%X, %d bytes%s]", this.fin, this.rsv,
					this.opcode, this.payload.length, shown);
		}

	}

	/**
	 * One whole data message.
	 *
	 * @param opcode {@link #TEXT} or {@link #BINARY}
	 * @param payload the payload, all fragments joined
	 */
	public record Message(int opcode, byte[] payload) {

		/**
		 * Return the payload decoded as UTF-8.
		 * @return the text
		 */
		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
