package io.wsboot;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Turns text messages into objects and objects into text messages, for the
 * {@link OnTextMessage} methods whose parameter is not a {@code String}, those that
 * return another type, and {@link WsConnection#sendObject(Object)}. With Jackson on the
 * class path, the default codec reads and writes JSON through the application's
 * {@code JsonMapper}; an endpoint may name another codec bean through
 * {@link WsEndpoint#codec()} or {@code ws.endpoints.<id>.codec}.
 *
 * @since 0.1.0
 */
public interface MessageCodec {

	/**
	 * Decode a text message.
	 * @param text the message
	 * @param type the type the method's parameter declares
	 * @return the decoded value
	 * @throws RuntimeException when the text is not a value of that type; the endpoint
	 * sees a {@link MessageDecodeException}
	 */
	@Nullable Object decode(String text, Type type);

	/**
	 * Encode a value as a text message.
	 * @param value the value
	 * @return the message
	 */
	String encode(Object value);

}
