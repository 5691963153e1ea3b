package io.wsboot.autoconfigure.relay;

/**
 * Thrown at startup when the relay that {@code ws.relay.type} names cannot be made.
 */
class RelayUnavailableException extends IllegalStateException {

	private final String action;

	RelayUnavailableException(String description, String action) {
		super(description);
		this.action = action;
	}

	String action() {
		return this.action;
	}

}
