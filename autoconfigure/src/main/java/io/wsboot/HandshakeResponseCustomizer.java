package io.wsboot;

import org.springframework.http.HttpHeaders;

/**
 * Adds headers to the 101 response of an accepted upgrade: the {@code headers} event of
 * Node's {@code ws}. Declare it as a bean; it runs for every endpoint.
 */
@FunctionalInterface
public interface HandshakeResponseCustomizer {

	/**
	 * Customize the headers of a 101 response.
	 * @param request the upgrade request
	 * @param endpointId the id of the endpoint it is for
	 * @param headers the response headers, to add to
	 */
	void customize(HandshakeRequest request, String endpointId, HttpHeaders headers);

}
