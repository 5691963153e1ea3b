package io.wsboot.autoconfigure.metrics;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.wsboot.relay.MessageRelay;

/**
 * The relay's counts as function counters, read from the relay as meters are
 * published: the messages handed to the broker, those received from other instances,
 * and those lost. Tagged with the relay's {@link MessageRelay#type() type}.
 */
final class RelayMeters implements MeterBinder {

	static final String PREFIX = "ws.relay.messages.";

	private final MessageRelay relay;

	RelayMeters(MessageRelay relay) {
		this.relay = relay;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		register(meterRegistry, "published", "Messages of this instance handed to the broker",
				MessageRelay::published);
		register(meterRegistry, "received", "Messages of other instances received from the broker",
				MessageRelay::received);
		register(meterRegistry, "lost",
				"Messages of this instance that reached no other instance: not accepted, not written in time, "
						+ "or published while the broker was unreachable",
				MessageRelay::lost);
	}

	private void register(MeterRegistry meterRegistry, String name, String description,
			ToDoubleFunction<MessageRelay> count) {
		FunctionCounter.builder(PREFIX + name, this.relay, count)
			.description(description)
			.tag("relay", this.relay.type())
			.register(meterRegistry);
	}

}
