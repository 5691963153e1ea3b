package io.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * A {@link FrameWriter} that records what it was asked to write, as lines such as
 * {@code "text hello"}, {@code "binary 3"}, {@code "ping 0"}, {@code "close 1000 bye"} and
 * {@code "abort 1001 reported 1006"} (the status sent, then the one the close callback
 * sees). By default text and binary writes complete before returning; in
 * {@linkplain #completeLater() deferred mode} they stay pending until
 * {@link #completeNext()} or {@link #failNext} is called, as they do on a peer that reads
 * slowly.
 */
final class RecordingFrameWriter implements FrameWriter {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<byte[]> binaries = new CopyOnWriteArrayList<>();

	private final Queue<Consumer<@Nullable Throwable>> pending = new ArrayDeque<>();

	private volatile boolean deferred;

	private volatile int mostPending;

	private volatile Runnable onClose = () -> {
	};

	/**
	 * Hold text and binary writes until {@link #completeNext()}.
	 * @return this writer
	 */
	RecordingFrameWriter completeLater() {
		this.deferred = true;
		return this;
	}

	/**
	 * Run an action after each close frame, as a peer that answers it would make the
	 * container do.
	 * @param action the action
	 * @return this writer
	 */
	RecordingFrameWriter whenClosed(Runnable action) {
		this.onClose = action;
		return this;
	}

	List<String> events() {
		return List.copyOf(this.events);
	}

	List<byte[]> binaries() {
		return List.copyOf(this.binaries);
	}

	synchronized int pendingWrites() {
		return this.pending.size();
	}

	/**
	 * Return the largest number of writes that were pending at once.
	 */
	int mostPendingWrites() {
		return this.mostPending;
	}

	void completeNext() {
		next().accept(null);
	}

	void failNext(Throwable error) {
		next().accept(error);
	}

	private synchronized Consumer<@Nullable Throwable> next() {
		Consumer<@Nullable Throwable> done = this.pending.poll();
		if (done == null) {
			throw new IllegalStateException("No write is pending");
		}
		return done;
	}

	@Override
	public boolean writeText(String text, Consumer<@Nullable Throwable> done) {
		this.events.add("text " + text);
		return hold(done);
	}

	@Override
	public boolean writeBinary(ByteBuffer data, Consumer<@Nullable Throwable> done) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		this.binaries.add(bytes);
		this.events.add("binary " + bytes.length);
		return hold(done);
	}

	private synchronized boolean hold(Consumer<@Nullable Throwable> done) {
		if (!this.deferred) {
			return false;
		}
		this.pending.add(done);
		this.mostPending = Math.max(this.mostPending, this.pending.size());
		return true;
	}

	@Override
	public void writeTextNow(String text) {
		this.events.add("text now " + text);
	}

	@Override
	public void writeBinaryNow(ByteBuffer data) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		this.binaries.add(bytes);
		this.events.add("binary now " + bytes.length);
	}

	@Override
	public void writePing(ByteBuffer payload) {
		this.events.add("ping " + payload.remaining());
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		this.events.add(("close " + status.getCode() + " " + nullToEmpty(status.getReason())).strip());
		this.onClose.run();
	}

	@Override
	public void abort(CloseStatus sent, CloseStatus reported) {
		this.events.add("abort " + sent.getCode() + " reported " + reported.getCode());
	}

	private static String nullToEmpty(@Nullable String text) {
		return (text != null) ? text : "";
	}

}
