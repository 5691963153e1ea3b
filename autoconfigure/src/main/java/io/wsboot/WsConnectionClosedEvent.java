package io.wsboot;

import org.springframework.context.ApplicationEvent;

/**
 * Published through the application's event publisher when a connection has closed,
 * for any reason, after its endpoint's close callback ran.
 *
 * @since 0.1.0
 * @see WsConnectionOpenedEvent
 */
public class WsConnectionClosedEvent extends ApplicationEvent {

	private final int code;

	private final String reason;

	/**
	 * Create an event.
	 * @param connection the connection that closed
	 * @param code the close code, as the close callback saw it
	 * @param reason the close reason, empty when none was given
	 */
	public WsConnectionClosedEvent(WsConnection connection, int code, String reason) {
		super(connection);
		this.code = code;
		this.reason = reason;
	}

	/**
	 * Return the connection that closed.
	 * @return the connection
	 */
	public WsConnection getConnection() {
		return (WsConnection) getSource();
	}

	/**
	 * Return the close code, such as 1000 (normal closure) or 1006 (abnormal closure).
	 * @return the close code
	 */
	public int getCode() {
		return this.code;
	}

	/**
	 * Return the close reason.
	 * @return the reason, empty when none was given
	 */
	public String getReason() {
		return this.reason;
	}

}
