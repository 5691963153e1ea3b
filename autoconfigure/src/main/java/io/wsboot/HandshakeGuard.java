package io.wsboot;

import java.util.Set;

/**
 * Decides whether an upgrade request may open a connection: the {@code verifyClient} of
 * Node's {@code ws}. Declare it as a bean; every guard bean sees every endpoint's upgrade
 * requests, in {@link org.springframework.core.annotation.Order order}, and the first
 * rejection wins.
 *
 * <pre class="code">
 * &#64;Bean
 * HandshakeGuard tokenGuard() {
 *     return HandshakeGuard.forEndpoints((request, endpointId) -&gt; "secret".equals(request.queryParam("token"))
 *             ? HandshakeDecision.accept()
 *             : HandshakeDecision.reject(401).header("WWW-Authenticate", "Bearer"), "chat");
 * }
 * </pre>
 */
@FunctionalInterface
public interface HandshakeGuard {

	/**
	 * Check an upgrade request.
	 * @param request the upgrade request
	 * @param endpointId the id of the endpoint it is for
	 * @return the decision
	 */
	HandshakeDecision check(HandshakeRequest request, String endpointId);

	/**
	 * Return a guard that applies another to some endpoints only, and accepts the
	 * requests of the others.
	 * @param guard the guard to apply
	 * @param endpointIds the endpoints it applies to
	 * @return the guard
	 */
	static HandshakeGuard forEndpoints(HandshakeGuard guard, String... endpointIds) {
		Set<String> ids = Set.of(endpointIds);
		return (request, endpointId) -> ids.contains(endpointId) ? guard.check(request, endpointId)
				: HandshakeDecision.accept();
	}

}
