package io.wsboot.autoconfigure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.wsboot.ConnectionRegistry;
import io.wsboot.WsConnection;
import io.wsboot.server.WsServer;

/**
 * Gauges read from the server's registry as meters are published: the open
 * connections and the outbound bytes queued, of each endpoint.
 */
final class ServerGauges implements MeterBinder {

	private final WsServer server;

	ServerGauges(WsServer server) {
		this.server = server;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		ConnectionRegistry connections = this.server.registry();
		for (WsServer.EndpointDescription endpoint : this.server.endpoints()) {
			String id = endpoint.id();
			Gauge.builder(ServerMeters.PREFIX + "connections", connections, (registry) -> registry.count(id))
				.description("Open connections")
				.tag("endpoint", id)
				.register(meterRegistry);
			Gauge.builder(ServerMeters.PREFIX + "bytes.buffered", connections, (registry) -> buffered(registry, id))
				.description("Outbound bytes queued across the open connections, not yet written")
				.baseUnit("bytes")
				.tag("endpoint", id)
				.register(meterRegistry);
		}
	}

	private static double buffered(ConnectionRegistry registry, String endpointId) {
		long total = 0;
		for (WsConnection connection : registry.connections(endpointId)) {
			total += connection.bufferedAmount();
		}
		return total;
	}

}
