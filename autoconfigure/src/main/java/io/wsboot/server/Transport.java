package io.wsboot.server;

import java.io.IOException;

/**
 * The socket under one connection, as the container's adapter offers it. A
 * connection calls it from one thread at a time.
 * <p>
 * SPI for the engine's container adapters ({@code io.wsboot.server.tomcat},
 * {@code io.wsboot.server.jetty}), public only because they live in packages of their
 * own; not for applications.
 *
 * @since 0.1.0
 */
public interface Transport {

	/**
	 * Return whether a write may start now, without blocking. When it may not, the
	 * transport calls {@link Upgrade#onWritePossible()} once it may.
	 * @return whether the output is ready
	 */
	boolean isReady();

	/**
	 * Write the bytes, without blocking: what the socket does not take at once the
	 * container keeps until it can, and {@link #isReady()} is {@code false} meanwhile.
	 * @param bytes the bytes
	 * @throws IOException when the connection is broken
	 */
	void write(byte[] bytes) throws IOException;

	/**
	 * Flush what was written, without blocking. A transport that cannot flush now says
	 * so and calls {@link Upgrade#onWritePossible()} once it can; the connection then
	 * flushes again.
	 * @return whether the flush went out, or is the container's to finish; {@code false}
	 * when it has to be made again
	 * @throws IOException when the connection is broken
	 */
	boolean flush() throws IOException;

	/**
	 * Close the socket, without a close frame.
	 */
	void close();

}
