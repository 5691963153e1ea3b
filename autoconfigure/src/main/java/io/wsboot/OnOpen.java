package io.wsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint} that runs when the connection has opened. Parameters may be a {@link WsConnection}, the {@link HandshakeRequest}, a {@link java.security.Principal} and {@link PathParam} values.
 * The method returns {@code void}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnOpen {

}
