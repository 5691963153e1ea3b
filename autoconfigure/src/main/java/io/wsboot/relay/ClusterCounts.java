package io.wsboot.relay;

/**
 * Counts across every instance of the application, as last reported by each: they lag
 * the truth by up to the reporting interval, and an instance that crashed drops out once
 * its report expires.
 *
 * @since 0.1.0
 */
public interface ClusterCounts {

	/**
	 * Return the number of open connections of an endpoint on every instance.
	 * @param endpointId the endpoint id
	 * @return the approximate count
	 */
	long connections(String endpointId);

	/**
	 * Return the number of connections in a topic on every instance.
	 * @param topic the topic
	 * @return the approximate count
	 */
	long subscribers(String topic);

	/**
	 * Return whether an authenticated user has a connection open on any instance.
	 * @param principalName the user's name
	 * @return {@code true} when a connection of the user was open at the last reports
	 */
	boolean isUserConnected(String principalName);

}
