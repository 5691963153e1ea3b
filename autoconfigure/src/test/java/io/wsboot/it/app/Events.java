package io.wsboot.it.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.WsConnection;

import org.springframework.stereotype.Component;

/**
 * What the test endpoints' callbacks saw, for the tests to assert on: opens, closes with
 * their codes, errors, and how many messages each endpoint's handler was given.
 */
@Component
public class Events {

	private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();

	private final Map<String, List<Closed>> closesByConnection = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> closesByEndpoint = new ConcurrentHashMap<>();

	private final Map<String, List<Throwable>> errors = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> messages = new ConcurrentHashMap<>();

	void opened(WsConnection connection) {
		counter(this.opens, connection.endpointId()).incrementAndGet();
	}

	void closed(WsConnection connection, int code, String reason) {
		this.closesByConnection.computeIfAbsent(connection.id(), (id) -> new CopyOnWriteArrayList<>())
			.add(new Closed(connection.endpointId(), code, reason));
		counter(this.closesByEndpoint, connection.endpointId()).incrementAndGet();
	}

	void error(WsConnection connection, Throwable error) {
		this.errors.computeIfAbsent(connection.id(), (id) -> new CopyOnWriteArrayList<>()).add(error);
	}

	void message(WsConnection connection) {
		counter(this.messages, connection.endpointId()).incrementAndGet();
	}

	/**
	 * Return how many connections of an endpoint were opened.
	 * @param endpointId the endpoint id
	 * @return the count
	 */
	public int opens(String endpointId) {
		return counter(this.opens, endpointId).get();
	}

	/**
	 * Return how many close callbacks ran for an endpoint's connections.
	 * @param endpointId the endpoint id
	 * @return the count
	 */
	public int closes(String endpointId) {
		return counter(this.closesByEndpoint, endpointId).get();
	}

	/**
	 * Return every close callback that ran for one connection, in order.
	 * @param connectionId the connection id
	 * @return the closes, empty while it is open
	 */
	public List<Closed> closesOf(String connectionId) {
		return List.copyOf(this.closesByConnection.getOrDefault(connectionId, List.of()));
	}

	/**
	 * Return the errors reported for one connection.
	 * @param connectionId the connection id
	 * @return the errors
	 */
	public List<Throwable> errorsOf(String connectionId) {
		return List.copyOf(this.errors.getOrDefault(connectionId, List.of()));
	}

	/**
	 * Return how many messages, text or binary, an endpoint's handler was given.
	 * @param endpointId the endpoint id
	 * @return the count
	 */
	public int messages(String endpointId) {
		return counter(this.messages, endpointId).get();
	}

	private static AtomicInteger counter(Map<String, AtomicInteger> counters, String key) {
		return counters.computeIfAbsent(key, (k) -> new AtomicInteger());
	}

	/**
	 * One run of a close callback.
	 *
	 * @param endpointId the endpoint of the connection
	 * @param code the close code the callback was given
	 * @param reason the reason it was given
	 */
	public record Closed(String endpointId, int code, String reason) {

	}

}
