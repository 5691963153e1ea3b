package io.wsboot.it.obs;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 section 7.4.1: a message of a kind the endpoint has no method for closes the
 * connection with 1003 (unsupported data), and only that connection.
 */
@SpringBootTest(classes = ObsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class UnsupportedDataTests extends AbstractEndToEndTests {

	@Test
	void binaryMessageToAnEndpointWithoutABinaryMethodClosesWith1003() throws Exception {
		RawWebSocket other = openRaw("/text-only");
		RawWebSocket client = openRaw("/text-only");
		client.sendBinary(new byte[] { 1, 2, 3 });
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).isPresent();
		assertThat(close.get().closeCode()).isEqualTo(1003);
		assertThat(close.get().closeReason()).isEqualTo("Binary messages are not accepted");
		other.sendText("still here");
		assertThat(other.readText()).isEqualTo("still here");
	}

	@Test
	void textMessageToAnEndpointWithoutATextMethodClosesWith1003() throws Exception {
		RawWebSocket other = openRaw("/binary-only");
		RawWebSocket client = openRaw("/binary-only");
		client.sendText("hello");
		Optional<Frame> close = client.readUntilClose();
		assertThat(close).isPresent();
		assertThat(close.get().closeCode()).isEqualTo(1003);
		assertThat(close.get().closeReason()).isEqualTo("Text messages are not accepted");
		other.sendBinary("still here".getBytes(StandardCharsets.UTF_8));
		assertThat(other.readMessage().payload()).isEqualTo("still here".getBytes(StandardCharsets.UTF_8));
	}

}
