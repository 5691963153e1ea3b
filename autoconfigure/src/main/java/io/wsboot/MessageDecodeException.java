package io.wsboot;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Thrown to an endpoint's {@link OnError} method when a text message does not decode to
 * the type of its {@link OnTextMessage} method's parameter. Without such an error
 * method, the connection is closed with 1007 (invalid payload data) instead.
 *
 * @since 0.1.0
 */
public class MessageDecodeException extends RuntimeException {

	private final Type expectedType;

	/**
	 * Create an exception.
	 * @param expectedType the type the message should have decoded to
	 * @param cause the codec's failure
	 */
	public MessageDecodeException(Type expectedType, @Nullable Throwable cause) {
		super("Message is not a valid " + expectedType.getTypeName()
				+ ((cause != null && cause.getMessage() != null) ? ": " + cause.getMessage() : ""), cause);
		this.expectedType = expectedType;
	}

	/**
	 * Return the type the message should have decoded to.
	 * @return the expected type
	 */
	public Type getExpectedType() {
		return this.expectedType;
	}

}
