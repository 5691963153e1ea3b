package io.wsboot.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * Writes through Jetty's native session. Jetty completes a write to a socket that takes
 * it on the writing thread, so most writes finish before {@code writeText} returns and
 * cost no thread hand-off; only a write to a congested peer completes later, through
 * {@code done}.
 */
final class JettyFrameWriter implements FrameWriter {

	private static final int IDLE = 0;

	// a write has been handed to Jetty, whose send has not returned yet
	private static final int SENDING = 1;

	// the write completed before Jetty's send returned
	private static final int COMPLETED = 2;

	// Jetty's send returned before the write completed: done is called later
	private static final int PENDING = 3;

	private final Session session;

	private final Duration sendTimeLimit;

	private final AtomicInteger phase = new AtomicInteger(IDLE);

	private final Callback callback = Callback.from(() -> completed(null), this::completed);

	private volatile @Nullable Consumer<@Nullable Throwable> done;

	private volatile @Nullable Throwable inlineError;

	// what the close callback sees once this side closed: Jetty would report the peer's
	// reply, which most peers send without the reason
	private volatile @Nullable CloseStatus closing;

	JettyFrameWriter(Session session, Duration sendTimeLimit) {
		this.session = session;
		this.sendTimeLimit = sendTimeLimit;
	}

	private void completed(@Nullable Throwable error) {
		this.inlineError = error;
		if (this.phase.compareAndSet(SENDING, COMPLETED)) {
			// the sender sees it when Jetty's send returns: calling done here would
			// recurse into the connection's next write on this stack
			return;
		}
		this.inlineError = null;
		Consumer<@Nullable Throwable> callback = this.done;
		this.done = null;
		this.phase.set(IDLE);
		if (callback != null) {
			callback.accept(error);
		}
	}

	@Override
	public boolean writeText(String text, Consumer<@Nullable Throwable> done) throws IOException {
		start(done);
		try {
			this.session.sendText(text, this.callback);
		}
		catch (RuntimeException ex) {
			reset();
			throw new IOException("Failed to send text message", ex);
		}
		return pending("text message");
	}

	@Override
	public boolean writeBinary(ByteBuffer data, Consumer<@Nullable Throwable> done) throws IOException {
		start(done);
		try {
			this.session.sendBinary(data, this.callback);
		}
		catch (RuntimeException ex) {
			reset();
			throw new IOException("Failed to send binary message", ex);
		}
		return pending("binary message");
	}

	private void start(Consumer<@Nullable Throwable> done) {
		this.done = done;
		this.inlineError = null;
		this.phase.set(SENDING);
	}

	private boolean pending(String what) throws IOException {
		if (this.phase.compareAndSet(SENDING, PENDING)) {
			return true;
		}
		Throwable error = this.inlineError;
		reset();
		if (error != null) {
			throw new IOException("Failed to send " + what, error);
		}
		return false;
	}

	private void reset() {
		this.done = null;
		this.inlineError = null;
		this.phase.set(IDLE);
	}

	@Override
	public void writeTextNow(String text) throws IOException {
		Callback.Completable written = new Callback.Completable();
		try {
			this.session.sendText(text, written);
		}
		catch (RuntimeException ex) {
			throw new IOException("Failed to send text message", ex);
		}
		await(written, "text message");
	}

	@Override
	public void writeBinaryNow(ByteBuffer data) throws IOException {
		Callback.Completable written = new Callback.Completable();
		try {
			this.session.sendBinary(data, written);
		}
		catch (RuntimeException ex) {
			throw new IOException("Failed to send binary message", ex);
		}
		await(written, "binary message");
	}

	private void await(Callback.Completable written, String what) throws IOException {
		try {
			written.get(this.sendTimeLimit.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while sending " + what);
		}
		catch (ExecutionException ex) {
			throw new IOException("Failed to send " + what, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IOException("Sending " + what + " took longer than " + this.sendTimeLimit.toMillis() + " ms",
					ex);
		}
	}

	@Override
	public void writePing(ByteBuffer payload) throws IOException {
		// Jetty keeps frames in order, so the next message may follow before the ping
		// is written; a write that fails fails the session, which Jetty then closes
		try {
			this.session.sendPing(payload, Callback.NOOP);
		}
		catch (RuntimeException ex) {
			throw new IOException("Failed to send ping", ex);
		}
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		this.closing = status;
		try {
			this.session.close(status.getCode(), status.getReason(), Callback.NOOP);
		}
		catch (RuntimeException ex) {
			throw new IOException("Failed to send close frame", ex);
		}
	}

	/**
	 * Close the socket at once, without a close frame: a peer that does not read would
	 * never take one. Jetty reports 1006, which {@link #reported} replaces.
	 */
	@Override
	public void abort(CloseStatus sent, CloseStatus reported) {
		this.closing = reported;
		this.session.disconnect();
	}

	@Override
	public CloseStatus reported(CloseStatus observed) {
		CloseStatus closing = this.closing;
		return (closing != null) ? closing : observed;
	}

}
