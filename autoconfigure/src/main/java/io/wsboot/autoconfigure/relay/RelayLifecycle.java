package io.wsboot.autoconfigure.relay;

import io.wsboot.relay.MessageRelay;

import org.springframework.context.SmartLifecycle;

/**
 * Stops the relay as the application stops, in a phase after the web server's graceful
 * shutdown and before that of the Redis connection factory, so that the relay takes its
 * leave of Redis instead of seeing it go away.
 */
class RelayLifecycle implements SmartLifecycle {

	// the Redis connection factory stops in phase 0
	static final int PHASE = 1;

	private final MessageRelay relay;

	private volatile boolean running;

	RelayLifecycle(MessageRelay relay) {
		this.relay = relay;
	}

	@Override
	public void start() {
		// the registry starts the relay, with the receiver only it has
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.relay.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
