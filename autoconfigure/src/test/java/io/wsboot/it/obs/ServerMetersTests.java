package io.wsboot.it.obs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's meters, read from the application's {@link MeterRegistry} after real
 * traffic. The context is shared with other tests: counters are compared before and
 * after.
 */
@SpringBootTest(classes = ObsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ServerMetersTests extends AbstractEndToEndTests {

	@Autowired
	private MeterRegistry meters;

	@Test
	void connectionsAreGaugedAndCountedAsTheyOpenAndClose() throws Exception {
		double opened = count("ws.server.connections.opened", "endpoint", "text-only");
		double closedNormally = count("ws.server.connections.closed", "endpoint", "text-only", "code", "1000");
		double closedOther = count("ws.server.connections.closed", "endpoint", "text-only", "code", "other");
		RawWebSocket first = openRaw("/text-only");
		RawWebSocket second = openRaw("/text-only");
		awaitCount("text-only", 2);
		assertThat(gauge("ws.server.connections", "endpoint", "text-only")).isEqualTo(2);
		// counted when the open callback runs, just after the connection joins the registry
		await().untilAsserted(() -> assertThat(count("ws.server.connections.opened", "endpoint", "text-only"))
			.isEqualTo(opened + 2));
		assertThat(first.closeHandshake(1000, "")).isPresent();
		// a binary message to a text endpoint: 1003, counted as "other"
		second.sendBinary(new byte[] { 1 });
		assertThat(second.readUntilClose()).isPresent();
		await().untilAsserted(() -> {
			assertThat(count("ws.server.connections.closed", "endpoint", "text-only", "code", "1000"))
				.isEqualTo(closedNormally + 1);
			assertThat(count("ws.server.connections.closed", "endpoint", "text-only", "code", "other"))
				.isEqualTo(closedOther + 1);
			assertThat(gauge("ws.server.connections", "endpoint", "text-only")).isZero();
		});
	}

	@Test
	void messagesAndBytesAreCountedByTypeInAndOut() throws Exception {
		double textIn = count("ws.server.messages.received", "endpoint", "binary-only", "type", "text");
		double binaryIn = count("ws.server.messages.received", "endpoint", "binary-only", "type", "binary");
		double binaryOut = count("ws.server.messages.sent", "endpoint", "binary-only", "type", "binary");
		double bytesIn = count("ws.server.bytes.received", "endpoint", "binary-only");
		double bytesOut = count("ws.server.bytes.sent", "endpoint", "binary-only");
		RawWebSocket client = openRaw("/binary-only");
		for (int i = 0; i < 3; i++) {
			client.sendBinary(new byte[10]);
			assertThat(client.readMessage().payload()).hasSize(10);
		}
		assertThat(count("ws.server.messages.received", "endpoint", "binary-only", "type", "binary"))
			.isEqualTo(binaryIn + 3);
		assertThat(count("ws.server.messages.received", "endpoint", "binary-only", "type", "text")).isEqualTo(textIn);
		assertThat(count("ws.server.bytes.received", "endpoint", "binary-only")).isEqualTo(bytesIn + 30);
		await().untilAsserted(() -> {
			assertThat(count("ws.server.messages.sent", "endpoint", "binary-only", "type", "binary"))
				.isEqualTo(binaryOut + 3);
			assertThat(count("ws.server.bytes.sent", "endpoint", "binary-only")).isEqualTo(bytesOut + 30);
		});
	}

	@Test
	void broadcastCountsOneMessagePerRecipientAndTextBytesInUtf8() throws Exception {
		RawWebSocket first = openRaw("/text-only");
		RawWebSocket second = openRaw("/text-only");
		awaitCount("text-only", 2);
		double textOut = count("ws.server.messages.sent", "endpoint", "text-only", "type", "text");
		double bytesOut = count("ws.server.bytes.sent", "endpoint", "text-only");
		// two bytes of UTF-8 for the é
		assertThat(this.registry.broadcast("text-only", "café")).isEqualTo(2);
		assertThat(first.readText()).isEqualTo("café");
		assertThat(second.readText()).isEqualTo("café");
		assertThat(count("ws.server.messages.sent", "endpoint", "text-only", "type", "text")).isEqualTo(textOut + 2);
		assertThat(count("ws.server.bytes.sent", "endpoint", "text-only")).isEqualTo(bytesOut + 10);
	}

	@Test
	void refusedUpgradesAreCountedByStatus() throws Exception {
		double before = count("ws.server.upgrades.rejected", "endpoint", "text-only", "status", "403");
		RawWebSocket.HandshakeResponse response = raw("/text-only").header("Origin", "http://elsewhere.example")
			.request();
		assertThat(response.status()).isEqualTo(403);
		assertThat(count("ws.server.upgrades.rejected", "endpoint", "text-only", "status", "403"))
			.isEqualTo(before + 1);
	}

	@Test
	void everyUpgradeIsObservedWithItsStatus() throws Exception {
		long upgraded = timed("endpoint", "greetings", "status", "101");
		long refused = timed("endpoint", "greetings", "status", "403");
		openRaw("/greetings");
		RawWebSocket.HandshakeResponse response = raw("/greetings").header("Origin", "http://elsewhere.example")
			.request();
		assertThat(response.status()).isEqualTo(403);
		await().untilAsserted(() -> {
			assertThat(timed("endpoint", "greetings", "status", "101")).isEqualTo(upgraded + 1);
			assertThat(timed("endpoint", "greetings", "status", "403")).isEqualTo(refused + 1);
		});
	}

	@Test
	void bufferedBytesAreGaugedForEveryEndpoint() {
		assertThat(this.meters.find("ws.server.bytes.buffered").gauges()).extracting((gauge) -> gauge.getId()
			.getTag("endpoint")).contains("text-only", "binary-only", "greetings", "typed", "shout", "roll-call");
		assertThat(gauge("ws.server.bytes.buffered", "endpoint", "text-only")).isZero();
	}

	@Test
	void noMeterIsTaggedWithAConnectionIdOrAPath() {
		assertThat(this.meters.getMeters()).filteredOn((meter) -> meter.getId().getName().startsWith("ws.server."))
			.isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTags()).allSatisfy((tag) -> assertThat(tag.getKey())
				.isIn("endpoint", "type", "code", "status", "error")));
	}

	private double count(String name, String... tags) {
		Counter counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long timed(String... tags) {
		Timer timer = this.meters.find("ws.server.upgrades").tags(tags).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double gauge(String name, String... tags) {
		Gauge gauge = this.meters.find(name).tags(tags).gauge();
		assertThat(gauge).as("gauge %s %s", name, tags).isNotNull();
		return gauge.value();
	}

}
