package io.wsboot.it.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 section 5.2 (Autobahn case 1): text and binary messages at every boundary of
 * the length encodings (7-bit up to 125, 16-bit from 126 to 65535, 64-bit from 65536)
 * come back byte for byte, in frames a client may read: unmasked, no reserved bit, the
 * message's opcode. The default {@code ws.max-message-size} of 64 KiB lets 65536 bytes
 * through.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class FramingTests extends AbstractProtocolTests {

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 125, 126, 127, 65535, 65536 })
	void textOfEveryLengthEncodingIsEchoedByteIdentical(int size) throws Exception {
		byte[] text = new byte[size];
		for (int i = 0; i < size; i++) {
			text[i] = (byte) ('a' + (i % 26));
		}
		assertEchoedIdentical(RawWebSocket.TEXT, text);
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 125, 126, 127, 65535, 65536 })
	void binaryOfEveryLengthEncodingIsEchoedByteIdentical(int size) throws Exception {
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		assertEchoedIdentical(RawWebSocket.BINARY, data);
	}

	@Test
	void frameWrittenOneByteAtATimeIsEchoed() throws Exception {
		RawWebSocket client = openRaw("/echo");
		byte[] data = new byte[300];
		new Random(7).nextBytes(data);
		// the 16-bit length and the mask arrive in separate TCP segments
		byte[] wire = Frame.binary(data).encode(new byte[] { 1, 2, 3, 4 });
		for (byte b : wire) {
			client.writeRaw(new byte[] { b });
		}
		assertThat(client.readMessage().payload()).isEqualTo(data);
	}

	@Test
	void manyFramesInOneWriteAreEchoedInOrder() throws Exception {
		RawWebSocket client = openRaw("/echo");
		List<Frame> frames = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			frames.add(Frame.text("message " + i));
		}
		client.sendAll(frames);
		for (int i = 0; i < 100; i++) {
			assertThat(client.readText()).isEqualTo("message " + i);
		}
	}

	private void assertEchoedIdentical(int opcode, byte[] payload) throws Exception {
		RawWebSocket client = openRaw("/echo");
		client.send(Frame.of(opcode, payload));
		ByteArrayOutputStream echoed = new ByteArrayOutputStream();
		Frame frame;
		int frames = 0;
		do {
			// the server may fragment a large message: each fragment must be well formed
			frame = client.readFrame();
			assertThat(frame.opcode()).as("opcode of fragment %d", frames)
				.isEqualTo((frames == 0) ? opcode : RawWebSocket.CONTINUATION);
			assertThat(frame.masked()).as("masked").isFalse();
			assertThat(frame.rsv()).as("reserved bits").isZero();
			echoed.writeBytes(frame.payload());
			frames++;
		}
		while (!frame.fin());
		assertThat(echoed.toByteArray()).isEqualTo(payload);
	}

}
