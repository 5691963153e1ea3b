package io.wsboot.relay;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Carries the registry's messages to the other instances of the application, and theirs
 * to this one: the {@link io.wsboot.ConnectionRegistry} delivers to its own connections
 * first, then hands each message to {@link #publish(RelayMessage)} once.
 * <p>
 * Delivery is at most once: a message published while the broker is unreachable, or
 * that overflows the relay's outbound queue, is counted as {@link #lost()} and reaches no
 * other instance. An implementation must never block the caller of {@code publish}.
 *
 * @since 0.1.0
 */
public interface MessageRelay {

	/**
	 * Start relaying: connect to the broker, in the background, and hand every message
	 * received from another instance to the receiver. A relay that cannot reach its
	 * broker keeps trying; it does not fail the start.
	 * @param instanceId the id of this instance, the {@link RelayMessage#origin() origin}
	 * of its messages, whose echoes the relay drops
	 * @param receiver called with each message of another instance, on a thread of the
	 * relay; it only queues the message to its recipients, without waiting
	 */
	void start(String instanceId, Consumer<RelayMessage> receiver);

	/**
	 * Hand a message over for the other instances, without waiting.
	 * @param message the message
	 * @return {@code false} when it was not accepted, such as when the outbound queue is
	 * full, and was counted as lost
	 */
	boolean publish(RelayMessage message);

	/**
	 * Stop relaying and disconnect. Messages still queued are dropped. May be called more
	 * than once.
	 */
	void stop();

	/**
	 * Return the number of messages handed to the broker.
	 * @return the count since the start
	 */
	long published();

	/**
	 * Return the number of messages of other instances received.
	 * @return the count since the start
	 */
	long received();

	/**
	 * Return the number of messages that reached no other instance: not accepted, not
	 * written to the broker in time, or dropped while it was unreachable.
	 * @return the count since the start
	 */
	long lost();

	/**
	 * Return whether the relay is connected to its broker.
	 * @return {@code true} when messages can be relayed
	 */
	boolean isConnected();

	/**
	 * Return the kind of relay, as the {@code relay} tag of its meters and a detail of
	 * its health shows it.
	 * @return a short name, {@code redis} for the Redis relay; by default the simple name
	 * of the class
	 */
	default String type() {
		return getClass().getSimpleName();
	}

	/**
	 * Return why the relay is not connected, when it knows.
	 * @return the last failure to reach the broker or the cause of the last lost
	 * connection, while not {@link #isConnected() connected}; {@code null} when connected
	 * or unknown
	 */
	default @Nullable String failure() {
		return null;
	}

}
