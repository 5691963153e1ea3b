package io.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * Writes frames to one container session. A connection's outbound queue calls it from
 * one thread at a time.
 */
interface FrameWriter {

	/**
	 * Start writing a text message.
	 * @param text the message
	 * @param done called once the write completed, with the error when it failed
	 * @return {@code true} when the write completes later through {@code done},
	 * {@code false} when it completed before returning (and {@code done} was not called)
	 * @throws IOException when the write failed before returning
	 */
	boolean writeText(String text, Consumer<@Nullable Throwable> done) throws IOException;

	/**
	 * Start writing a binary message, with the same contract as {@link #writeText}.
	 * @param data the message
	 * @param done called once the write completed, with the error when it failed
	 * @return whether the write completes later through {@code done}
	 * @throws IOException when the write failed before returning
	 */
	boolean writeBinary(ByteBuffer data, Consumer<@Nullable Throwable> done) throws IOException;

	/**
	 * Write a text message before returning, blocking while the peer does not take it.
	 * @param text the message
	 * @throws IOException when the write failed
	 */
	void writeTextNow(String text) throws IOException;

	/**
	 * Write a binary message before returning, blocking while the peer does not take it.
	 * @param data the message
	 * @throws IOException when the write failed
	 */
	void writeBinaryNow(ByteBuffer data) throws IOException;

	/**
	 * Write a ping frame.
	 * @param payload the payload
	 * @throws IOException when the write failed
	 */
	void writePing(ByteBuffer payload) throws IOException;

	/**
	 * Send a close frame and start the closing handshake.
	 * @param status the close code and reason
	 * @throws IOException when the write failed
	 */
	void close(CloseStatus status) throws IOException;

	/**
	 * Drop the connection without waiting for the closing handshake.
	 * @param sent the status sent on a best-effort basis, for peers that still read
	 * @param reported the status the endpoint's close callback sees
	 */
	void abort(CloseStatus sent, CloseStatus reported);

	/**
	 * Return the status the endpoint's close callback sees.
	 * @param observed the status the container reports
	 * @return the status to report
	 */
	default CloseStatus reported(CloseStatus observed) {
		return observed;
	}

}
