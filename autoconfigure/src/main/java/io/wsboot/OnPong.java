package io.wsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint} that runs when a pong frame arrived. Besides the common parameters, a {@code byte[]} or {@link java.nio.ByteBuffer} receives its payload.
 * The method returns {@code void}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnPong {

}
