package io.wsboot;

import java.util.List;

/**
 * Thrown to an endpoint's {@link OnError} method when a decoded message fails the Bean
 * Validation that {@code @Valid} on the parameter asks for. Without such an error
 * method, the connection is closed with 1008 (policy violation) instead.
 *
 * @since 0.1.0
 */
public class MessageValidationException extends RuntimeException {

	private final transient Object message;

	private final List<String> violations;

	/**
	 * Create an exception.
	 * @param message the decoded message
	 * @param violations the violations, each as {@code field: message}
	 */
	public MessageValidationException(Object message, List<String> violations) {
		super("Message " + message.getClass().getSimpleName() + " is not valid: " + String.join(", ", violations));
		this.message = message;
		this.violations = List.copyOf(violations);
	}

	/**
	 * Return the decoded message that failed validation.
	 * @return the message
	 */
	public Object getInvalidMessage() {
		return this.message;
	}

	/**
	 * Return the violations, each as {@code field: message}.
	 * @return the violations
	 */
	public List<String> getViolations() {
		return this.violations;
	}

}
