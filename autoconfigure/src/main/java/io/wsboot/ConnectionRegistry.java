package io.wsboot;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The open connections of every {@link WsEndpoint}, and broadcast to them: the
 * {@code wss.clients} of Node's {@code ws}.
 * <p>
 * A connection is here from the moment its open callback runs until it closes, for any
 * reason. Broadcasts never wait on a slow peer: each message is queued to every
 * recipient's own bounded buffer, encoded once.
 */
public interface ConnectionRegistry {

	/**
	 * Return every open connection.
	 * @return a snapshot of the open connections
	 */
	Collection<WsConnection> connections();

	/**
	 * Return the open connections of one endpoint.
	 * @param endpointId the endpoint id
	 * @return a snapshot of its open connections, empty for an unknown id
	 */
	Collection<WsConnection> connections(String endpointId);

	/**
	 * Find an open connection by id.
	 * @param connectionId the connection id
	 * @return the connection, or empty when it is not open
	 */
	Optional<WsConnection> find(String connectionId);

	/**
	 * Return the number of open connections.
	 * @return the count
	 */
	int count();

	/**
	 * Return the number of open connections of one endpoint.
	 * @param endpointId the endpoint id
	 * @return the count, {@code 0} for an unknown id
	 */
	int count(String endpointId);

	/**
	 * Send a text message to the connections of an endpoint that match a filter.
	 * @param endpointId the endpoint id
	 * @param filter which connections receive the message
	 * @param text the message
	 * @return the number of connections the message was queued to
	 */
	int broadcast(String endpointId, Predicate<? super WsConnection> filter, String text);

	/**
	 * Send a binary message to the connections of an endpoint that match a filter.
	 * @param endpointId the endpoint id
	 * @param filter which connections receive the message
	 * @param data the message; it must not be changed afterwards
	 * @return the number of connections the message was queued to
	 */
	int broadcast(String endpointId, Predicate<? super WsConnection> filter, ByteBuffer data);

	/**
	 * Send an object, encoded by the endpoint's {@link MessageCodec}, to the connections
	 * of an endpoint that match a filter.
	 * <p>
	 * This default encodes it for each recipient; the registry of the server encodes it
	 * once for all.
	 * @param endpointId the endpoint id
	 * @param filter which connections receive the message
	 * @param message the object
	 * @return the number of connections the message was queued to
	 * @throws IllegalStateException when the endpoint has no codec
	 * @since 0.1.0
	 */
	default int broadcastObject(String endpointId, Predicate<? super WsConnection> filter, Object message) {
		int queued = 0;
		for (WsConnection connection : connections(endpointId)) {
			if (filter.test(connection) && connection.sendObject(message)) {
				queued++;
			}
		}
		return queued;
	}

	/**
	 * Send an object, encoded once by the endpoint's {@link MessageCodec}, to every
	 * connection of an endpoint.
	 * @param endpointId the endpoint id
	 * @param message the object
	 * @return the number of connections the message was queued to
	 * @throws IllegalStateException when the endpoint has no codec
	 * @since 0.1.0
	 */
	default int broadcastObject(String endpointId, Object message) {
		return broadcastObject(endpointId, (connection) -> true, message);
	}

	/**
	 * Send a text message to every connection of an endpoint.
	 * @param endpointId the endpoint id
	 * @param text the message
	 * @return the number of connections the message was queued to
	 */
	default int broadcast(String endpointId, String text) {
		return broadcast(endpointId, (connection) -> true, text);
	}

	/**
	 * Send a binary message to every connection of an endpoint.
	 * @param endpointId the endpoint id
	 * @param data the message; it must not be changed afterwards
	 * @return the number of connections the message was queued to
	 */
	default int broadcast(String endpointId, byte[] data) {
		return broadcast(endpointId, (connection) -> true, ByteBuffer.wrap(data));
	}

	/**
	 * Send a text message to every connection of the sender's endpoint but the sender.
	 * @param sender the connection left out
	 * @param text the message
	 * @return the number of connections the message was queued to
	 */
	default int broadcastExcept(WsConnection sender, String text) {
		return broadcast(sender.endpointId(), (connection) -> connection != sender, text);
	}

	/**
	 * Send a binary message to every connection of the sender's endpoint but the sender.
	 * @param sender the connection left out
	 * @param data the message; it must not be changed afterwards
	 * @return the number of connections the message was queued to
	 */
	default int broadcastExcept(WsConnection sender, byte[] data) {
		return broadcast(sender.endpointId(), (connection) -> connection != sender, ByteBuffer.wrap(data));
	}

}
