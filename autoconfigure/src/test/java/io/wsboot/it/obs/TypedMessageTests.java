package io.wsboot.it.obs;

import java.util.Optional;

import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Typed messages: JSON in and out through the application's {@code JsonMapper}, a codec
 * of an endpoint's own, decode and validation failures with and without an error
 * callback, objects sent and broadcast.
 */
@SpringBootTest(classes = ObsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TypedMessageTests extends AbstractEndToEndTests {

	@Test
	void recordInRecordOutAsJson() throws Exception {
		RawWebSocket client = openRaw("/greetings");
		client.sendText("{\"name\":\"Ada\"}");
		assertThat(client.readText()).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
	}

	@Test
	void genericParameterIsDecodedWithItsElementType() throws Exception {
		RawWebSocket client = openRaw("/roll-call");
		client.sendText("[{\"name\":\"Ada\"},{\"name\":\"Grace\"}]");
		assertThat(client.readText()).isEqualTo("[\"Ada\",\"Grace\"]");
	}

	@Test
	void messageThatDoesNotDecodeClosesWith1007NamingTheTypeAndOnlyThatConnection() throws Exception {
		RawWebSocket other = openRaw("/greetings");
		RawWebSocket client = openRaw("/greetings");
		client.sendText("not json");
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).isPresent();
		assertThat(close.get().closeCode()).isEqualTo(1007);
		assertThat(close.get().closeReason()).isEqualTo("Expected Hello");
		other.sendText("{\"name\":\"Grace\"}");
		assertThat(other.readText()).isEqualTo("{\"greeting\":\"Hello, Grace!\"}");
	}

	@Test
	void wrongShapeClosesWith1007() throws Exception {
		RawWebSocket client = openRaw("/greetings");
		client.sendText("[1, 2]");
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).isPresent();
		assertThat(close.get().closeCode()).isEqualTo(1007);
	}

	@Test
	void invalidMessageClosesWith1008() throws Exception {
		RawWebSocket client = openRaw("/greetings");
		client.sendText("{\"name\":\"\"}");
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).isPresent();
		assertThat(close.get().closeCode()).isEqualTo(1008);
		assertThat(close.get().closeReason()).startsWith("Message Hello is not valid: name: ");
	}

	@Test
	void errorCallbackTakesDecodeAndValidationFailuresAndTheConnectionStaysOpen() throws Exception {
		RawWebSocket client = openRaw("/typed");
		assertThat(client.readText()).isEqualTo("{\"greeting\":\"welcome\"}");
		client.sendText("{oops");
		assertThat(client.readText()).isEqualTo("decode failed: " + Hello.class.getName());
		client.sendText("{\"name\":\" \"}");
		assertThat(client.readText()).startsWith("invalid: [name: ");
		client.sendText("{\"name\":\"Ada\"}");
		assertThat(client.readText()).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
	}

	@Test
	void endpointNamesItsOwnCodec() throws Exception {
		RawWebSocket client = openRaw("/shout");
		client.sendText("Ada");
		assertThat(client.readText()).isEqualTo("GREETING[GREETING=HELLO, ADA!]");
	}

	@Test
	void broadcastObjectReachesEveryConnectionOfTheEndpoint() throws Exception {
		RawWebSocket first = openRaw("/typed");
		RawWebSocket second = openRaw("/typed");
		assertThat(first.readText()).isEqualTo("{\"greeting\":\"welcome\"}");
		assertThat(second.readText()).isEqualTo("{\"greeting\":\"welcome\"}");
		awaitCount("typed", 2);
		assertThat(this.registry.broadcastObject("typed", new Greeting("to all"))).isEqualTo(2);
		assertThat(first.readText()).isEqualTo("{\"greeting\":\"to all\"}");
		assertThat(second.readText()).isEqualTo("{\"greeting\":\"to all\"}");
		assertThat(this.registry.broadcastObject("greetings", new Greeting("nobody"))).isZero();
	}

	@Test
	void sendObjectOnAnEndpointWithoutRecipientsIsANoOp() {
		await().untilAsserted(() -> assertThat(this.registry.count("typed")).isZero());
		assertThat(this.registry.broadcastObject("typed", new Greeting("nobody"))).isZero();
	}

}
