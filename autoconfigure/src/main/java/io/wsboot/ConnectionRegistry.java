package io.wsboot;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The open connections of every {@link WsEndpoint}, and broadcast to them: the
 * {@code wss.clients} of Node's {@code ws}.
 * <p>
 * A connection is here from the moment its open callback runs until it closes, for any
 * reason. Broadcasts never wait on a slow peer: each message is queued to every
 * recipient's own bounded buffer, encoded once.
 * <p>
 * With a relay ({@code ws.relay.type=redis}), {@code broadcast} and
 * {@code broadcastExcept} without a filter, {@code publish}, {@code publishExcept},
 * {@code send} and {@code sendToUser} reach the connections of every instance of the
 * application: each call delivers to this instance's recipients at once and hands the
 * message to the relay once, at most once for the other instances. The queries
 * ({@code connections}, {@code find}, {@code count}, {@code subscribers}) and the
 * broadcasts with a filter stay on this instance. The counts returned are those of
 * this instance's recipients.
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
	 * Send a text message to the connections of an endpoint that match a filter. The
	 * filter runs here: this broadcast reaches this instance's connections only, with or
	 * without a relay.
	 * @param endpointId the endpoint id
	 * @param filter which connections receive the message
	 * @param text the message
	 * @return the number of connections the message was queued to
	 */
	int broadcast(String endpointId, Predicate<? super WsConnection> filter, String text);

	/**
	 * Send a binary message to the connections of an endpoint that match a filter. The
	 * filter runs here: this broadcast reaches this instance's connections only, with or
	 * without a relay.
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
	 * Send a text message to every connection of an endpoint, on every instance with a
	 * relay.
	 * @param endpointId the endpoint id
	 * @param text the message
	 * @return the number of connections the message was queued to
	 */
	default int broadcast(String endpointId, String text) {
		return broadcast(endpointId, (connection) -> true, text);
	}

	/**
	 * Send a binary message to every connection of an endpoint, on every instance with a
	 * relay.
	 * @param endpointId the endpoint id
	 * @param data the message; it must not be changed afterwards
	 * @return the number of connections the message was queued to
	 */
	default int broadcast(String endpointId, byte[] data) {
		return broadcast(endpointId, (connection) -> true, ByteBuffer.wrap(data));
	}

	/**
	 * Send a text message to every connection of the sender's endpoint but the sender,
	 * on every instance with a relay.
	 * @param sender the connection left out
	 * @param text the message
	 * @return the number of connections the message was queued to
	 */
	default int broadcastExcept(WsConnection sender, String text) {
		return broadcast(sender.endpointId(), (connection) -> connection != sender, text);
	}

	/**
	 * Send a binary message to every connection of the sender's endpoint but the sender,
	 * on every instance with a relay.
	 * @param sender the connection left out
	 * @param data the message; it must not be changed afterwards
	 * @return the number of connections the message was queued to
	 */
	default int broadcastExcept(WsConnection sender, byte[] data) {
		return broadcast(sender.endpointId(), (connection) -> connection != sender, ByteBuffer.wrap(data));
	}

	/**
	 * Send a text message to every connection that {@link WsConnection#join(String)
	 * joined} a topic, on every instance with a relay.
	 * @param topic the topic
	 * @param text the message
	 * @return the number of this instance's connections the message was queued to
	 */
	int publish(String topic, String text);

	/**
	 * Send a binary message, the buffer's remaining bytes, to every connection that
	 * joined a topic, on every instance with a relay.
	 * @param topic the topic
	 * @param data the message; it must not be changed afterwards
	 * @return the number of this instance's connections the message was queued to
	 */
	int publish(String topic, ByteBuffer data);

	/**
	 * Send a binary message to every connection that joined a topic, on every instance
	 * with a relay.
	 * @param topic the topic
	 * @param data the message; it must not be changed afterwards
	 * @return the number of this instance's connections the message was queued to
	 */
	default int publish(String topic, byte[] data) {
		return publish(topic, ByteBuffer.wrap(data));
	}

	/**
	 * Send a text message to every connection that joined a topic but the sender,
	 * whether or not the sender is in the topic.
	 * @param sender the connection left out
	 * @param topic the topic
	 * @param text the message
	 * @return the number of this instance's connections the message was queued to
	 */
	int publishExcept(WsConnection sender, String topic, String text);

	/**
	 * Send a binary message, the buffer's remaining bytes, to every connection that
	 * joined a topic but the sender.
	 * @param sender the connection left out
	 * @param topic the topic
	 * @param data the message; it must not be changed afterwards
	 * @return the number of this instance's connections the message was queued to
	 */
	int publishExcept(WsConnection sender, String topic, ByteBuffer data);

	/**
	 * Send a binary message to every connection that joined a topic but the sender.
	 * @param sender the connection left out
	 * @param topic the topic
	 * @param data the message; it must not be changed afterwards
	 * @return the number of this instance's connections the message was queued to
	 */
	default int publishExcept(WsConnection sender, String topic, byte[] data) {
		return publishExcept(sender, topic, ByteBuffer.wrap(data));
	}

	/**
	 * Return the number of this instance's connections in a topic.
	 * @param topic the topic
	 * @return the count, {@code 0} for a topic nobody joined
	 */
	int subscribers(String topic);

	/**
	 * Return the topics that this instance's connections joined.
	 * @return a snapshot of the topics with at least one subscriber here
	 */
	Set<String> topics();

	/**
	 * Send a text message to one connection, on whatever instance holds it with a
	 * relay.
	 * @param connectionId the connection's {@link WsConnection#id() id}
	 * @param text the message
	 * @return {@code true} when the connection is on this instance and the message was
	 * queued to it
	 */
	boolean send(String connectionId, String text);

	/**
	 * Send a binary message, the buffer's remaining bytes, to one connection, on whatever
	 * instance holds it with a relay.
	 * @param connectionId the connection's id
	 * @param data the message; it must not be changed afterwards
	 * @return {@code true} when the connection is on this instance and the message was
	 * queued to it
	 */
	boolean send(String connectionId, ByteBuffer data);

	/**
	 * Send a binary message to one connection, on whatever instance holds it with a
	 * relay.
	 * @param connectionId the connection's id
	 * @param data the message; it must not be changed afterwards
	 * @return {@code true} when the connection is on this instance and the message was
	 * queued to it
	 */
	default boolean send(String connectionId, byte[] data) {
		return send(connectionId, ByteBuffer.wrap(data));
	}

	/**
	 * Send a text message to every connection of an authenticated user, the
	 * {@link java.security.Principal#getName() name} of the handshake's principal, on
	 * every instance with a relay.
	 * @param principalName the user's name
	 * @param text the message
	 * @return the number of this instance's connections the message was queued to
	 */
	int sendToUser(String principalName, String text);

	/**
	 * Send a binary message, the buffer's remaining bytes, to every connection of an
	 * authenticated user, on every instance with a relay.
	 * @param principalName the user's name
	 * @param data the message; it must not be changed afterwards
	 * @return the number of this instance's connections the message was queued to
	 */
	int sendToUser(String principalName, ByteBuffer data);

	/**
	 * Send a binary message to every connection of an authenticated user, on every
	 * instance with a relay.
	 * @param principalName the user's name
	 * @param data the message; it must not be changed afterwards
	 * @return the number of this instance's connections the message was queued to
	 */
	default int sendToUser(String principalName, byte[] data) {
		return sendToUser(principalName, ByteBuffer.wrap(data));
	}

}
