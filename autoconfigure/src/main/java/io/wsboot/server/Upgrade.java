package io.wsboot.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.wsboot.HandshakeRequest;
import org.jspecify.annotations.Nullable;

/**
 * What an accepted handshake decided, handed from the upgrade request to the connection
 * it opens.
 *
 * @param handler the endpoint's handler
 * @param handshake the handshake request
 * @param pathParams the values of the path's template variables
 * @param attributes the connection's attributes
 * @param protocol the selected subprotocol, empty for none
 * @param extensions the names of the negotiated extensions
 * @param deflate what permessage-deflate agreed on, {@code null} without it
 * @param localAddress the address the request came to
 */
record Upgrade(EndpointHandler handler, HandshakeRequest handshake, Map<String, String> pathParams,
		Map<String, Object> attributes, String protocol, List<String> extensions,
		PerMessageDeflate.@Nullable Negotiated deflate, @Nullable InetSocketAddress localAddress) {
}
