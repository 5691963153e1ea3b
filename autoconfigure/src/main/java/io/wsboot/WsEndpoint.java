package io.wsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean as a WebSocket endpoint served on one or more paths.
 * <p>
 * The bean is either a Spring {@link org.springframework.web.socket.WebSocketHandler},
 * registered as it is, or a plain class whose methods carry {@link OnOpen},
 * {@link OnTextMessage}, {@link OnBinaryMessage}, {@link OnPong}, {@link OnClose} and
 * {@link OnError}. Paths may hold templates such as {@code /rooms/{room}}, whose values
 * reach callbacks through {@link PathParam} and {@link WsConnection#pathParams()}.
 * <p>
 * Paths set in {@code ws.endpoints.<id>.paths} replace the ones declared here, and
 * {@code ws.endpoints.<id>.*} settings override the global {@code ws.*} ones.
 *
 * <pre class="code">
 * &#64;WsEndpoint("/echo")
 * class EchoEndpoint {
 *
 *     &#64;OnTextMessage
 *     String echo(String message) {
 *         return message;
 *     }
 *
 * }
 * </pre>
 *
 * @see ConnectionRegistry
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WsEndpoint {

	/**
	 * Alias for {@link #paths()}.
	 * @return the paths the endpoint is served on
	 */
	@AliasFor("paths")
	String[] value() default {};

	/**
	 * Paths the endpoint is served on, such as {@code /chat} or {@code /rooms/{room}}.
	 * May be left empty when {@code ws.endpoints.<id>.paths} declares them.
	 * @return the paths the endpoint is served on
	 */
	@AliasFor("value")
	String[] paths() default {};

	/**
	 * Endpoint id: the key of this endpoint's settings under {@code ws.endpoints} and the
	 * name its connections are grouped under in the {@link ConnectionRegistry}. Defaults
	 * to the bean name.
	 * @return the endpoint id
	 */
	String id() default "";

	/**
	 * Name of the {@link MessageCodec} bean that decodes this endpoint's typed messages
	 * and encodes the objects it sends; {@code ws.endpoints.<id>.codec} overrides it.
	 * Defaults to JSON through the application's {@code JsonMapper}, when Jackson is on
	 * the class path.
	 * @return the codec bean name, empty for the default
	 * @since 0.1.0
	 */
	String codec() default "";

}
