package io.wsboot.server;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when wsboot's configuration cannot be served: a bad route or value,
 * an unknown endpoint id, a callback method it cannot call. Carries what is wrong and
 * what to do about it, which Spring Boot shows in its "APPLICATION FAILED TO START"
 * report.
 *
 * @since 0.1.0
 */
public class WsConfigurationException extends IllegalStateException {

	private final String description;

	private final String action;

	/**
	 * Create a new exception.
	 * @param description what is wrong, naming the offending bean, method, path or
	 * property, and values as the user wrote them
	 * @param action what to do about it
	 */
	public WsConfigurationException(String description, String action) {
		this(description, action, null);
	}

	/**
	 * Create a new exception.
	 * @param description what is wrong
	 * @param action what to do about it
	 * @param cause the cause, if any
	 */
	public WsConfigurationException(String description, String action, @Nullable Throwable cause) {
		// the message holds both, for logs and callers that do not go through Spring Boot
		super(description + " " + action, cause);
		this.description = description;
		this.action = action;
	}

	/**
	 * Return what is wrong.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Return what to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
