package io.wsboot;

import org.springframework.context.ApplicationEvent;

/**
 * Published through the application's event publisher when a connection opens, before
 * its endpoint's open callback runs.
 *
 * @since 0.1.0
 * @see WsConnectionClosedEvent
 */
public class WsConnectionOpenedEvent extends ApplicationEvent {

	/**
	 * Create an event.
	 * @param connection the connection that opened
	 */
	public WsConnectionOpenedEvent(WsConnection connection) {
		super(connection);
	}

	/**
	 * Return the connection that opened.
	 * @return the connection
	 */
	public WsConnection getConnection() {
		return (WsConnection) getSource();
	}

}
