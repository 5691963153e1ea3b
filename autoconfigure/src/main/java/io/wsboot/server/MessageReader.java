package io.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns the frames of one connection into messages for its endpoint: gathers fragments
 * up to the maximum message size (failing with 1009 as soon as a frame's header says it
 * would pass it), validates text as UTF-8 while it arrives (1007 at the first invalid
 * byte), inflates compressed messages counting the inflated bytes, and answers control
 * frames. A message in one frame whose payload arrives in one read goes to the endpoint
 * straight from the read buffer: the message itself is the only allocation.
 * <p>
 * Used by the container's thread delivering the connection's reads, one at a time.
 */
final class MessageReader implements FrameParser.Listener, PerMessageDeflate.Sink {

	private static final Log logger = LogFactory.getLog(MessageReader.class);

	private static final int INITIAL_CAPACITY = 256;

	private final ServerConnection connection;

	private final EndpointDispatcher dispatcher;

	private final long maxMessageSize;

	private final @Nullable PerMessageDeflate deflate;

	private final FrameParser parser;

	private final Utf8Validator utf8 = new Utf8Validator();

	// the message being received: its opcode, 0 between messages
	private int opcode;

	private boolean compressed;

	// a message in a single frame: delivered from the read buffer when it comes in one read
	private boolean single;

	private boolean delivered;

	private long frameLength;

	// the gathered payload of a message that did not come in one read; dropped after it
	private byte @Nullable [] bytes;

	private int length;

	MessageReader(ServerConnection connection, EndpointDispatcher dispatcher, long maxMessageSize,
			@Nullable PerMessageDeflate deflate) {
		this.connection = connection;
		this.dispatcher = dispatcher;
		this.maxMessageSize = maxMessageSize;
		this.deflate = deflate;
		this.parser = new FrameParser(this, maxMessageSize, deflate != null);
	}

	/**
	 * Take the next bytes read from the connection.
	 */
	void feed(byte[] buf, int off, int len) {
		this.parser.feed(buf, off, len);
	}

	@Override
	public void onDataFrameStart(int opcode, boolean fin, boolean rsv1, long length) {
		if (opcode != FrameEncoder.OPCODE_CONTINUATION) {
			this.opcode = opcode;
			this.compressed = rsv1;
			this.single = fin && !rsv1;
			this.delivered = false;
			this.length = 0;
			this.utf8.reset();
		}
		else {
			this.single = false;
		}
		this.frameLength = length;
		if (!this.compressed && this.length + length > this.maxMessageSize) {
			tooBig();
		}
	}

	@Override
	public void onDataPayload(byte[] buf, int off, int len) {
		if (this.compressed) {
			try {
				this.deflate.inflate(buf, off, len, this);
			}
			catch (PerMessageDeflate.InflateException ex) {
				fail(1007, "Invalid compressed data");
			}
			return;
		}
		if (this.single && len == this.frameLength) {
			// the common case: a whole message in one read
			this.delivered = true;
			deliver(buf, off, len);
			return;
		}
		accept(buf, off, len);
	}

	@Override
	public boolean accept(byte[] buf, int off, int len) {
		if (this.length + (long) len > this.maxMessageSize) {
			tooBig();
			return false;
		}
		if (this.opcode == FrameEncoder.OPCODE_TEXT && !this.utf8.feed(buf, off, len)) {
			fail(1007, "Invalid UTF-8");
			return false;
		}
		byte[] bytes = this.bytes;
		int needed = this.length + len;
		if (bytes == null || bytes.length < needed) {
			// a single frame's payload is the message: its size at once; fragments double
			long wanted = (bytes == null) ? (this.single ? this.frameLength : INITIAL_CAPACITY) : 2L * bytes.length;
			int capacity = (int) Math.max(needed, Math.min(wanted, this.maxMessageSize));
			bytes = (bytes != null) ? Arrays.copyOf(bytes, capacity) : new byte[capacity];
			this.bytes = bytes;
		}
		System.arraycopy(buf, off, bytes, this.length, len);
		this.length = needed;
		return true;
	}

	@Override
	public void onDataFrameEnd(boolean fin) {
		if (!fin) {
			return;
		}
		if (this.compressed) {
			try {
				this.deflate.finishMessage(this);
			}
			catch (PerMessageDeflate.InflateException ex) {
				fail(1007, "Invalid compressed data");
				return;
			}
			if (this.parser.isFailed()) {
				return;
			}
		}
		if (!this.delivered) {
			if (this.opcode == FrameEncoder.OPCODE_TEXT && !this.utf8.isComplete()) {
				fail(1007, "Invalid UTF-8");
				return;
			}
			byte[] bytes = this.bytes;
			this.bytes = null;
			if (this.opcode == FrameEncoder.OPCODE_TEXT) {
				dispatchText((bytes != null) ? new String(bytes, 0, this.length, StandardCharsets.UTF_8) : "",
						this.length);
			}
			else {
				byte[] data = (bytes == null) ? new byte[0]
						: (bytes.length == this.length) ? bytes : Arrays.copyOf(bytes, this.length);
				dispatchBinary(ByteBuffer.wrap(data));
			}
		}
		this.opcode = 0;
		this.length = 0;
	}

	private void deliver(byte[] buf, int off, int len) {
		if (this.opcode == FrameEncoder.OPCODE_TEXT) {
			if (!Utf8Validator.isValid(buf, off, len)) {
				fail(1007, "Invalid UTF-8");
				return;
			}
			dispatchText(new String(buf, off, len, StandardCharsets.UTF_8), len);
		}
		else {
			dispatchBinary(ByteBuffer.wrap(Arrays.copyOfRange(buf, off, off + len)));
		}
	}

	private void dispatchText(String text, int bytes) {
		if (this.connection.isReported()) {
			// closed for the endpoint already: neither delivered nor counted
			return;
		}
		this.dispatcher.listeners().received(this.connection, true, bytes);
		this.connection.markAlive();
		this.connection.markReceived();
		this.dispatcher.text(this.connection, text);
	}

	private void dispatchBinary(ByteBuffer data) {
		if (this.connection.isReported()) {
			return;
		}
		this.dispatcher.listeners().received(this.connection, false, data.remaining());
		this.connection.markAlive();
		this.connection.markReceived();
		this.dispatcher.binary(this.connection, data);
	}

	@Override
	public void onControlFrame(int opcode, byte[] payload, int off, int len) {
		switch (opcode) {
			case FrameEncoder.OPCODE_PING -> this.connection.enqueue(Frame.pong(payload, off, len));
			case FrameEncoder.OPCODE_PONG -> onPong(payload, off, len);
			default -> onClose(payload, off, len);
		}
	}

	private void onPong(byte[] payload, int off, int len) {
		this.connection.markAlive();
		if (!this.connection.isReported()) {
			this.dispatcher.pong(this.connection, ByteBuffer.wrap(Arrays.copyOfRange(payload, off, off + len)));
		}
	}

	private void onClose(byte[] payload, int off, int len) {
		if (len == 0) {
			this.parser.stop();
			this.connection.onCloseFrame(1005, "");
			return;
		}
		if (len == 1) {
			fail(1002, "Invalid close frame");
			return;
		}
		int code = ((payload[off] & 0xFF) << 8) | (payload[off + 1] & 0xFF);
		if (!isValidReceivedCode(code)) {
			fail(1002, "Invalid close code " + code);
			return;
		}
		if (!Utf8Validator.isValid(payload, off + 2, len - 2)) {
			fail(1007, "Invalid UTF-8 in close reason");
			return;
		}
		// nothing may follow a close frame
		this.parser.stop();
		this.connection.onCloseFrame(code, new String(payload, off + 2, len - 2, StandardCharsets.UTF_8));
	}

	@Override
	public void onProtocolError(int code, String reason) {
		if (logger.isDebugEnabled()) {
			logger.debug("Closing " + this.connection + " with " + code + ": " + reason);
		}
		this.connection.startClose(code, reason, true);
	}

	private void tooBig() {
		if (logger.isDebugEnabled()) {
			logger.debug("Closing " + this.connection + ": message larger than " + this.maxMessageSize + " bytes");
		}
		fail(1009, "Message too big");
	}

	private void fail(int code, String reason) {
		this.parser.stop();
		this.bytes = null;
		this.connection.startClose(code, reason, true);
	}

	/**
	 * Release what the reader holds outside the heap's reach: the inflater.
	 */
	void release() {
		if (this.deflate != null) {
			this.deflate.release();
		}
	}

	// RFC 6455 section 7.4: the codes it defines for use, and those of applications
	private static boolean isValidReceivedCode(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
	}

}
