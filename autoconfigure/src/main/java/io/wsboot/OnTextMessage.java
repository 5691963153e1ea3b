package io.wsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint} that receives each whole text message.
 * <p>
 * One {@code String} parameter receives the message; a {@link WsConnection}, the
 * {@link HandshakeRequest}, a {@link java.security.Principal} and {@link PathParam} values
 * may be declared too. A {@code String}, {@code byte[]} or {@link java.nio.ByteBuffer}
 * returned by the method is sent to the sender; {@code void} or {@code null} sends nothing.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnTextMessage {

}
