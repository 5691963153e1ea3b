package io.wsboot.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The frames a {@link WsClient} has to send on one connection, written in order, one at
 * a time: the JDK's {@link WebSocket} takes one outstanding send, so every caller's send
 * waits here for its turn instead of failing. Counts the bytes of the messages queued
 * and not yet written, the {@code bufferedAmount} of {@code ws}.
 */
final class OutboundQueue {

	private final WebSocket socket;

	private final Object lock = new Object();

	private final ArrayDeque<Entry> entries = new ArrayDeque<>();

	private volatile long bufferedAmount;

	private boolean writing;

	private @Nullable Throwable failure;

	OutboundQueue(WebSocket socket) {
		this.socket = socket;
	}

	/**
	 * Return the number of bytes of the messages queued and not yet written.
	 * @return the buffered amount
	 */
	long bufferedAmount() {
		return this.bufferedAmount;
	}

	CompletableFuture<Void> text(String text) {
		return add(utf8Length(text), (socket) -> socket.sendText(text, true));
	}

	CompletableFuture<Void> binary(ByteBuffer data) {
		ByteBuffer frame = data.duplicate();
		return add(frame.remaining(), (socket) -> socket.sendBinary(frame, true));
	}

	CompletableFuture<Void> ping(ByteBuffer payload) {
		ByteBuffer frame = payload.duplicate();
		return add(0, (socket) -> socket.sendPing(frame));
	}

	CompletableFuture<Void> pong(ByteBuffer payload) {
		ByteBuffer frame = payload.duplicate();
		return add(0, (socket) -> socket.sendPong(frame));
	}

	/**
	 * Check the payload of a ping or pong before it is queued.
	 * @param payload the payload
	 * @throws IllegalArgumentException when it is longer than a control frame allows
	 */
	static void checkControlPayload(byte[] payload) {
		if (payload.length > 125) {
			throw new IllegalArgumentException(
					"A ping or pong payload is at most 125 bytes but this one is " + payload.length);
		}
	}

	/**
	 * Check a close frame before it is queued: a client may send only some codes.
	 * @param code the close code
	 * @param reason the close reason
	 * @throws IllegalArgumentException when the code is not one a client sends, or the
	 * reason is longer than a control frame allows
	 */
	static void checkCloseFrame(int code, String reason) {
		boolean legal = code == 1000 || code == 1001 || code == 1008 || code == 1011 || (code >= 3000 && code <= 4999);
		if (!legal) {
			throw new IllegalArgumentException(
					"Close code " + code + " cannot be sent by a client: use 1000, 1001, 1008, 1011 or 3000 to 4999");
		}
		int length = reason.getBytes(StandardCharsets.UTF_8).length;
		if (length > 123) {
			throw new IllegalArgumentException("A close reason is at most 123 bytes of UTF-8 but this one is " + length);
		}
	}

	/**
	 * Queue the close frame, after the messages already queued.
	 */
	CompletableFuture<Void> close(int code, String reason) {
		return add(0, (socket) -> socket.sendClose(code, reason));
	}

	/**
	 * Fail every frame not written yet, and the ones queued from now on; the one being
	 * written, if any, completes as its write does.
	 * @param cause the failure to report
	 */
	void fail(Throwable cause) {
		List<Entry> failed = new ArrayList<>();
		synchronized (this.lock) {
			if (this.failure != null) {
				return;
			}
			this.failure = cause;
			Entry current = this.writing ? this.entries.pollFirst() : null;
			failed.addAll(this.entries);
			this.entries.clear();
			long remaining = 0;
			if (current != null) {
				this.entries.add(current);
				remaining = current.size();
			}
			this.bufferedAmount = remaining;
		}
		for (Entry entry : failed) {
			entry.done().completeExceptionally(cause);
		}
	}

	private CompletableFuture<Void> add(long size, Function<WebSocket, CompletableFuture<WebSocket>> write) {
		Entry entry = new Entry(size, write, new CompletableFuture<>());
		synchronized (this.lock) {
			if (this.failure != null) {
				return CompletableFuture.failedFuture(this.failure);
			}
			this.entries.add(entry);
			this.bufferedAmount += size;
		}
		writeNext();
		return entry.done();
	}

	private void writeNext() {
		while (true) {
			Entry entry;
			synchronized (this.lock) {
				entry = this.entries.peekFirst();
				if (this.writing || entry == null) {
					return;
				}
				this.writing = true;
			}
			CompletableFuture<WebSocket> write;
			try {
				write = entry.write().apply(this.socket);
			}
			catch (RuntimeException ex) {
				write = CompletableFuture.failedFuture(ex);
			}
			if (!write.isDone()) {
				write.whenComplete((socket, ex) -> {
					written(entry, ex);
					writeNext();
				});
				return;
			}
			// completed at once, as small writes often do: loop rather than recurse
			written(entry, write.isCompletedExceptionally() ? write.handle((socket, ex) -> ex).join() : null);
		}
	}

	private void written(Entry entry, @Nullable Throwable failure) {
		synchronized (this.lock) {
			this.entries.remove(entry);
			this.writing = false;
			this.bufferedAmount = Math.max(0, this.bufferedAmount - entry.size());
		}
		if (failure != null) {
			entry.done().completeExceptionally(failure);
		}
		else {
			entry.done().complete(null);
		}
	}

	/**
	 * Return the number of bytes of a text in UTF-8, without encoding it.
	 * @param text the text
	 * @return the number of bytes
	 */
	static long utf8Length(CharSequence text) {
		long length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

	private record Entry(long size, Function<WebSocket, CompletableFuture<WebSocket>> write,
			CompletableFuture<Void> done) {

	}

}
