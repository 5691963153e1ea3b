package io.wsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint} that runs when the connection has closed, whatever the cause. Besides the common parameters, an {@code int} receives the close code, a {@code String} the reason and a {@link org.springframework.web.socket.CloseStatus} both. Runs once per connection.
 * The method returns {@code void}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnClose {

}
