package io.wsboot.client;

/**
 * Customizes the {@link WsClient.Builder} that the auto-configuration hands to each
 * injection point, after the {@code ws.client.*} properties are applied. Declare it as
 * a bean; every customizer bean runs, in {@link org.springframework.core.annotation.Order
 * order}, for every builder.
 *
 * <pre class="code">
 * &#64;Bean
 * WsClientCustomizer bearerToken(TokenSource tokens) {
 *     return (builder) -&gt; builder.header("Authorization", "Bearer " + tokens.current());
 * }
 * </pre>
 */
@FunctionalInterface
public interface WsClientCustomizer {

	/**
	 * Customize a builder.
	 * @param builder the builder, with the {@code ws.client.*} properties applied
	 */
	void customize(WsClient.Builder builder);

}
