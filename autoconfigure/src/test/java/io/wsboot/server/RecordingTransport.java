package io.wsboot.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} for unit tests: records the frames written to it, and takes them
 * only while {@link #ready(boolean) ready}, as a full socket would not.
 */
final class RecordingTransport implements Transport {

	private final List<byte[]> written = new ArrayList<>();

	private volatile boolean ready = true;

	private volatile boolean closed;

	private volatile int flushes;

	private volatile boolean failWrites;

	private volatile boolean drainsWhileAsked;

	private volatile boolean flushesStall;

	private volatile boolean unflushed;

	private ServerConnection connection;

	private Runnable onCloseFrame = () -> {
	};

	void connection(ServerConnection connection) {
		this.connection = connection;
	}

	/**
	 * Make the output take bytes or not; becoming ready calls the connection's
	 * write-possible callback, as the container does.
	 */
	RecordingTransport ready(boolean ready) {
		boolean was = this.ready;
		this.ready = ready;
		if (ready && !was && this.connection != null) {
			this.connection.onWritePossible();
		}
		return this;
	}

	/**
	 * Make the next {@link #isReady()} answer {@code false} for a socket that drains
	 * before the answer reaches the caller: the container's write-possible callback runs
	 * to its end on another thread meanwhile, as Tomcat's poller or Jetty's selector may.
	 */
	RecordingTransport drainsWhileAsked() {
		this.drainsWhileAsked = true;
		return this;
	}

	RecordingTransport failWrites() {
		this.failWrites = true;
		return this;
	}

	@Override
	public boolean isReady() {
		if (this.drainsWhileAsked) {
			this.drainsWhileAsked = false;
			Thread callback = new Thread(this.connection::onWritePossible, "write-possible");
			callback.start();
			try {
				callback.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			return false;
		}
		return this.ready && !this.closed;
	}

	@Override
	public synchronized void write(byte[] bytes) throws IOException {
		if (this.failWrites) {
			throw new IOException("Broken pipe");
		}
		if (!this.ready) {
			throw new IllegalStateException("Write while not ready");
		}
		this.written.add(bytes);
		if ((bytes[0] & 0x0F) == 8) {
			this.onCloseFrame.run();
		}
	}

	/**
	 * Run an action when a close frame is written, as a peer answering it would.
	 */
	RecordingTransport whenCloseFrameWritten(Runnable action) {
		this.onCloseFrame = action;
		return this;
	}

	/**
	 * Make the next flushes fail to go out, as a socket whose buffer is full: the
	 * output is not ready until {@link #ready(boolean) made ready} again.
	 */
	RecordingTransport flushesStall() {
		this.flushesStall = true;
		return this;
	}

	@Override
	public boolean flush() {
		if (this.flushesStall) {
			this.flushesStall = false;
			this.ready = false;
			this.unflushed = true;
			return false;
		}
		if (!this.ready) {
			// as a Servlet output: no flush while a write is pending
			this.unflushed = true;
			return false;
		}
		this.flushes++;
		this.unflushed = false;
		return true;
	}

	/**
	 * Return whether a flush that did not go out was not made again.
	 */
	boolean hasUnflushed() {
		return this.unflushed;
	}

	@Override
	public void close() {
		this.closed = true;
	}

	boolean isClosed() {
		return this.closed;
	}

	int flushes() {
		return this.flushes;
	}

	/**
	 * Return what happened, in order: {@code "text hi"}, {@code "binary 3"},
	 * {@code "ping 0"}, {@code "pong 0"}, {@code "close 1000 reason"}, then
	 * {@code "socket closed"} once the socket was closed.
	 */
	synchronized List<String> events() {
		List<String> events = new ArrayList<>();
		for (String frame : frames()) {
			int colon = frame.indexOf(':');
			String kind = (colon < 0) ? frame : frame.substring(0, colon);
			String rest = (colon < 0) ? "" : frame.substring(colon + 1);
			events.add(switch (kind) {
				case "binary" -> "binary " + rest.replace(" bytes", "");
				case "close" -> rest.isEmpty() ? "close" : "close " + rest;
				case "ping", "pong" -> kind + " " + payloads().get(events.size()).length;
				default -> kind + " " + rest;
			});
		}
		if (this.closed) {
			events.add("socket closed");
		}
		return events;
	}

	/**
	 * Return the payloads of the binary frames written.
	 */
	synchronized List<byte[]> binaries() {
		List<byte[]> binaries = new ArrayList<>();
		List<byte[]> payloads = payloads();
		for (int i = 0; i < payloads.size(); i++) {
			if ((this.written.get(i)[0] & 0x0F) == 2) {
				binaries.add(payloads.get(i));
			}
		}
		return binaries;
	}

	private List<byte[]> payloads() {
		List<byte[]> payloads = new ArrayList<>();
		for (byte[] frame : this.written) {
			int length = frame[1] & 0x7F;
			int offset = (length < 126) ? 2 : (length == 126) ? 4 : 10;
			payloads.add(java.util.Arrays.copyOfRange(frame, offset, frame.length));
		}
		return payloads;
	}

	/**
	 * Return the frames written, each as its opcode and payload: {@code "text:hi"},
	 * {@code "binary:3 bytes"}, {@code "ping"}, {@code "pong"}, {@code "close:1000 reason"}.
	 */
	synchronized List<String> frames() {
		List<String> frames = new ArrayList<>();
		for (byte[] frame : this.written) {
			int opcode = frame[0] & 0x0F;
			int length = frame[1] & 0x7F;
			int offset = (length < 126) ? 2 : (length == 126) ? 4 : 10;
			ByteArrayOutputStream payload = new ByteArrayOutputStream();
			payload.write(frame, offset, frame.length - offset);
			byte[] bytes = payload.toByteArray();
			frames.add(switch (opcode) {
				case 1 -> "text:" + new String(bytes, StandardCharsets.UTF_8);
				case 2 -> "binary:" + bytes.length + " bytes";
				case 9 -> "ping";
				case 10 -> "pong";
				case 8 -> (bytes.length == 0) ? "close"
						: ("close:" + (((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF)) + " "
								+ new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_8)).trim();
				default -> "opcode " + opcode;
			});
		}
		return frames;
	}

}
