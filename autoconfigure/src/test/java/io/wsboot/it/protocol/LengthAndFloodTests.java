package io.wsboot.it.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.wsboot.WsConnection;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.HeapUsage;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Declared lengths and fragment counts a server must not trust: a 64-bit length with its
 * top bit set, lengths far past {@code ws.max-message-size}, and floods of fragments that
 * never end. Each fails the connection, or costs nothing, without the server allocating
 * what the client claims; the server goes on serving. The default limit of 64 KiB
 * applies.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class LengthAndFloodTests extends AbstractProtocolTests {

	private static final int LIMIT = 64 * 1024;

	// a mask of zeros leaves the payload as it is: valid, and the payload can be
	// written as plain bytes after the header
	private static final byte[] ZERO_MASK = new byte[4];

	/**
	 * Bound on the heap a scenario may leave in use. Allocating the declared length of
	 * a frame below would take gigabytes, if it did not fail outright; holding each of
	 * 100,000 fragments would take at least a String, its array and a list slot, some
	 * 60 bytes, each: 6 MB. A sound server ends each scenario here with less than 1 MB
	 * more in use than before it.
	 */
	private static final long HEAP_BOUND = 4 * 1024 * 1024;

	@ParameterizedTest(name = "opcode {0}")
	@ValueSource(ints = { RawWebSocket.TEXT, RawWebSocket.BINARY })
	void lengthWithTheTopBitSetFailsTheConnectionWithoutAllocatingIt(int opcode) throws Exception {
		long heapBefore = HeapUsage.usedAfterGc();
		int handledBefore = this.events.messages("echo");
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		// 0x8000000000000000: RFC 6455 section 5.2 says the most significant bit MUST be 0
		client.writeRaw(Frame.header(true, 0, opcode, Long.MIN_VALUE, ZERO_MASK));
		writeIgnoringReset(client, new byte[1024]);

		Optional<Frame> close = client.readUntilClose();
		// failed: a close frame with 1002 (or 1009), or the connection dropped
		close.ifPresent((frame) -> assertThat(frame.closeCode()).isIn(1002, 1009));
		await().untilAsserted(() -> assertThat(this.events.closesOf(connection.id())).hasSize(1));
		awaitCount("echo", 0);
		assertThat(this.events.messages("echo")).isEqualTo(handledBefore);
		assertThat(HeapUsage.usedAfterGc() - heapBefore).as("heap growth").isLessThan(HEAP_BOUND);
		assertStillServing();
	}

	@ParameterizedTest(name = "declared length {0}")
	@ValueSource(longs = { 2 * LIMIT, 1L << 32, Long.MAX_VALUE })
	void declaredLengthPastTheLimitFailsWith1009OnceTheLimitIsPassed(long length) throws Exception {
		long heapBefore = HeapUsage.usedAfterGc();
		int handledBefore = this.events.messages("echo");
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		client.writeRaw(Frame.header(true, 0, RawWebSocket.BINARY, length, ZERO_MASK));
		// twice the limit of the payload it announced, then nothing: the container
		// passes a frame on in parts of its 8 KiB buffer, holding back the last one
		writeIgnoringReset(client, new byte[2 * LIMIT]);

		assertThat(closeCode(client)).isEqualTo(1009);
		assertClosedOnceWith(connection, 1009);
		assertThat(this.events.messages("echo")).as("messages given to the handler").isEqualTo(handledBefore);
		assertThat(HeapUsage.usedAfterGc() - heapBefore).as("heap growth").isLessThan(HEAP_BOUND);
		assertStillServing();
	}

	@ParameterizedTest(name = "opcode {0}")
	@ValueSource(ints = { RawWebSocket.TEXT, RawWebSocket.BINARY })
	// Jetty gathers fragments itself, a buffer for each, and pools the buffers it frees:
	// measured at up to 11 MB for a binary flood, so left out of the Jetty run
	@Tag("tomcat")
	void floodOfOneByteFragmentsIsClosedWith1009AtTheLimit(int opcode) throws Exception {
		long heapBefore = HeapUsage.usedAfterGc();
		int handledBefore = this.events.messages("echo");
		RawWebSocket client = openRaw("/echo");
		WsConnection connection = serverSide(client);
		// 100,000 fragments of one byte and no FIN: the message passes the limit at
		// fragment 65,537
		List<Frame> frames = new ArrayList<>(100_000);
		frames.add(Frame.of(opcode, new byte[] { 'a' }).withFin(false));
		for (int i = 1; i < 100_000; i++) {
			frames.add(Frame.of(RawWebSocket.CONTINUATION, new byte[] { 'a' }).withFin(false));
		}
		try {
			client.sendAll(frames);
		}
		catch (IOException ex) {
			// the server may drop the connection before it read the whole flood
		}
		// the client's own frames are not to count as the server's heap
		frames = null;

		assertClosedOnceWith(connection, 1009);
		assertThat(this.events.messages("echo")).as("messages given to the handler").isEqualTo(handledBefore);
		Optional<Frame> close = client.readUntilClose();
		close.ifPresent((frame) -> assertThat(frame.closeCode()).isEqualTo(1009));
		assertThat(HeapUsage.usedAfterGc() - heapBefore).as("heap growth").isLessThan(HEAP_BOUND);
		assertStillServing();
	}

	@Test
	void floodOfEmptyFragmentsCostsNothingAndTheMessageStillArrives() throws Exception {
		long heapBefore = HeapUsage.usedAfterGc();
		RawWebSocket client = openRaw("/echo");
		List<Frame> frames = new ArrayList<>(100_002);
		frames.add(Frame.of(RawWebSocket.TEXT, new byte[] { 's' }).withFin(false));
		for (int i = 0; i < 100_000; i++) {
			frames.add(Frame.of(RawWebSocket.CONTINUATION, new byte[0]).withFin(false));
		}
		frames.add(Frame.of(RawWebSocket.CONTINUATION, new byte[] { 'e' }));
		client.sendAll(frames);
		// the client's own frames are not to count as the server's heap
		frames = null;

		// empty fragments never pass the size limit: they must cost nothing either
		assertThat(client.readText()).isEqualTo("se");
		assertThat(HeapUsage.usedAfterGc() - heapBefore).as("heap growth").isLessThan(HEAP_BOUND);
	}

	private static void writeIgnoringReset(RawWebSocket client, byte[] bytes) {
		try {
			client.writeRaw(bytes);
		}
		catch (IOException ex) {
			// the server dropped the connection before reading it all
		}
	}

}
