package io.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.wsboot.ReadyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ServerConnection}: its outbound queue, written through a recording
 * {@link FrameWriter} whose writes complete when the test says so.
 */
class ServerConnectionTests {

	private final RecordingFrameWriter writer = new RecordingFrameWriter().completeLater();

	private final ServerConnection connection = TestConnections.connection("c1", "chat", this.writer);

	@Test
	void repliesOnTheThreadDeliveringThePeersMessageAreWrittenAtOnceAndOthersAsynchronously() {
		this.connection.reader(Thread.currentThread());
		this.connection.send("reply");
		this.connection.send(new byte[] { 1, 2 });
		this.connection.reader(null);
		this.connection.send("broadcast");
		assertThat(this.writer.events()).containsExactly("text now reply", "binary now 2", "text broadcast");
		assertThat(this.writer.pendingWrites()).isOne();
		this.writer.completeNext();
		assertThat(this.connection.bufferedAmount()).isZero();
	}

	@Test
	void writesQueuedMessagesInOrderOneAtATime() {
		assertThat(this.connection.send("one")).isTrue();
		assertThat(this.connection.send("two")).isTrue();
		assertThat(this.connection.send("three".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(this.writer.events()).containsExactly("text one");
		this.writer.completeNext();
		assertThat(this.writer.events()).containsExactly("text one", "text two");
		this.writer.completeNext();
		this.writer.completeNext();
		assertThat(this.writer.events()).containsExactly("text one", "text two", "binary 5");
		assertThat(this.writer.mostPendingWrites()).isEqualTo(1);
		assertThat(this.writer.pendingWrites()).isZero();
	}

	@Test
	void startsTheNextWriteWhenTheWriterCompletesBeforeReturning() {
		RecordingFrameWriter immediate = new RecordingFrameWriter();
		ServerConnection connection = TestConnections.connection("c2", "chat", immediate);
		connection.send("one");
		connection.send("two");
		assertThat(immediate.events()).containsExactly("text one", "text two");
		assertThat(connection.bufferedAmount()).isZero();
	}

	@Test
	void bufferedAmountCountsQueuedBytesUntilTheirWriteCompletes() {
		this.connection.send("héllo");
		this.connection.send(new byte[10]);
		assertThat(this.connection.bufferedAmount()).isEqualTo(6 + 10);
		this.writer.completeNext();
		assertThat(this.connection.bufferedAmount()).isEqualTo(10);
		this.writer.completeNext();
		assertThat(this.connection.bufferedAmount()).isZero();
	}

	@Test
	void sendOfAByteBufferTakesItsRemainingBytesAndLeavesItsPositionAlone() {
		ByteBuffer data = ByteBuffer.wrap(new byte[] { 1, 2, 3, 4, 5 });
		data.position(2);
		this.connection.send(data);
		this.writer.completeNext();
		assertThat(this.writer.binaries()).singleElement().isEqualTo(new byte[] { 3, 4, 5 });
		assertThat(data.position()).isEqualTo(2);
	}

	@Test
	void closesASlowPeerWith1008ThroughTheGivenExecutorWhenTheSendBufferLimitIsPassed() {
		List<Runnable> closerTasks = new ArrayList<>();
		Executor closer = closerTasks::add;
		ServerConnection connection = TestConnections.connection("slow", "chat", TestConnections.sendBufferLimit(10),
				this.writer, closer);
		assertThat(connection.send("123456")).isTrue();
		assertThat(connection.send("1234")).isTrue();
		assertThat(connection.bufferedAmount()).isEqualTo(10);
		assertThat(connection.send("1")).isFalse();
		assertThat(connection.readyState()).isEqualTo(ReadyState.CLOSING);
		// the sender's thread does not close the peer itself
		assertThat(this.writer.events()).containsExactly("text 123456");
		assertThat(closerTasks).hasSize(1);
		closerTasks.forEach(Runnable::run);
		assertThat(this.writer.events()).containsExactly("text 123456", "abort 1008 reported 1008");
		// the queued message is dropped, only the write in flight is still counted
		assertThat(connection.bufferedAmount()).isEqualTo(6);
		assertThat(connection.send("later")).isFalse();
	}

	@Test
	void sendReturnsFalseOnceASlowPeerWasClosed() {
		ServerConnection connection = TestConnections.connection("slow", "chat", TestConnections.sendBufferLimit(4),
				this.writer, TestConnections.DIRECT);
		connection.send("1234");
		assertThat(connection.send("5")).isFalse();
		assertThat(this.writer.events()).containsExactly("text 1234", "abort 1008 reported 1008");
		assertThat(connection.send("6")).isFalse();
		assertThat(connection.send(new byte[1])).isFalse();
		assertThat(connection.send(ByteBuffer.allocate(1))).isFalse();
	}

	@Test
	void dropsAndCountsWhatASlowPeerCannotTakeWhenTheOverflowPolicyIsDrop() {
		ServerConnection connection = TestConnections.connection("slow", "chat", TestConnections.dropping(4),
				this.writer, TestConnections.DIRECT);
		assertThat(connection.send("1234")).isTrue();
		assertThat(connection.send("5")).isFalse();
		assertThat(connection.send(new byte[2])).isFalse();
		assertThat(connection.droppedMessages()).isEqualTo(2);
		assertThat(connection.readyState()).isEqualTo(ReadyState.OPEN);
		assertThat(connection.bufferedAmount()).isEqualTo(4);
		this.writer.completeNext();
		assertThat(connection.send("6")).isTrue();
		connection.close(1000, "");
		this.writer.completeNext();
		assertThat(this.writer.events()).containsExactly("text 1234", "text 6", "close 1000");
		assertThat(connection.droppedMessages()).isEqualTo(2);
	}

	@Test
	void countsNoDroppedMessagesWhenTheOverflowPolicyIsClose() {
		ServerConnection connection = TestConnections.connection("slow", "chat", TestConnections.sendBufferLimit(4),
				this.writer, TestConnections.DIRECT);
		connection.send("1234");
		connection.send("5");
		assertThat(connection.droppedMessages()).isZero();
	}

	@Test
	void sendsOneMessageLargerThanTheSendBufferLimitToAnIdlePeer() {
		ServerConnection connection = TestConnections.connection("big", "chat", TestConnections.sendBufferLimit(4),
				this.writer, TestConnections.DIRECT);
		assertThat(connection.send("123456789")).isTrue();
		assertThat(connection.readyState()).isEqualTo(ReadyState.OPEN);
		assertThat(this.writer.events()).containsExactly("text 123456789");
	}

	@Test
	void closeGoesAfterTheQueuedMessages() {
		this.connection.send("one");
		this.connection.send("two");
		this.connection.close(4000, "bye");
		assertThat(this.connection.readyState()).isEqualTo(ReadyState.CLOSING);
		assertThat(this.connection.send("three")).isFalse();
		assertThat(this.writer.events()).containsExactly("text one");
		this.writer.completeNext();
		this.writer.completeNext();
		assertThat(this.writer.events()).containsExactly("text one", "text two", "close 4000 bye");
	}

	@Test
	void closeWithoutArgumentsSendsNormalClosure() {
		RecordingFrameWriter immediate = new RecordingFrameWriter();
		ServerConnection connection = TestConnections.connection("c2", "chat", immediate);
		connection.close();
		connection.close(4001, "twice");
		assertThat(immediate.events()).containsExactly("close 1000");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000 })
	void rejectsCloseCodesThatMayNotBeSent(int code) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.connection.close(code, ""))
			.withMessageContaining("Close code " + code);
		assertThat(this.connection.readyState()).isEqualTo(ReadyState.OPEN);
		assertThat(this.writer.events()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1011, 1014, 3000, 4999 })
	void acceptsCloseCodesThatMaySent(int code) {
		assertThatNoException().isThrownBy(() -> this.connection.close(code, "reason"));
		assertThat(this.writer.events()).containsExactly("close " + code + " reason");
	}

	@Test
	void rejectsACloseReasonLongerThan123BytesOfUtf8() {
		assertThatNoException().isThrownBy(() -> TestConnections.connection("ok", "chat").close(1000, "é".repeat(61)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.connection.close(1000, "é".repeat(62)))
			.withMessageContaining("123 bytes");
	}

	@Test
	void rejectsAPingPayloadLargerThan125Bytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.connection.ping(new byte[126]))
			.withMessageContaining("125");
		assertThat(this.writer.events()).isEmpty();
		this.connection.ping(new byte[125]);
		assertThat(this.writer.events()).containsExactly("ping 125");
	}

	@Test
	void pingWaitsBehindTheMessagesAlreadyQueued() {
		this.connection.send("one");
		this.connection.ping();
		assertThat(this.writer.events()).containsExactly("text one");
		this.writer.completeNext();
		assertThat(this.writer.events()).containsExactly("text one", "ping 0");
	}

	@Test
	void terminateAbortsWithTheWriterAndDiscardsTheQueue() {
		this.connection.send("one");
		this.connection.send("two");
		this.connection.terminate();
		assertThat(this.writer.events()).containsExactly("text one", "abort 1001 reported 1006");
		assertThat(this.connection.readyState()).isEqualTo(ReadyState.CLOSING);
		assertThat(this.connection.send("three")).isFalse();
		this.writer.completeNext();
		assertThat(this.writer.events()).containsExactly("text one", "abort 1001 reported 1006");
		assertThat(this.connection.bufferedAmount()).isZero();
	}

	@Test
	void aFailedWriteAbortsTheConnectionWith1011() {
		this.connection.send("one");
		this.connection.send("two");
		this.writer.failNext(new IOException("broken pipe"));
		assertThat(this.writer.events()).containsExactly("text one", "abort 1011 reported 1006");
		assertThat(this.connection.bufferedAmount()).isZero();
		assertThat(this.connection.send("three")).isFalse();
	}

	@Test
	void markClosedClosesTheConnectionOnceAndDiscardsTheQueue() {
		this.connection.send("one");
		this.connection.send("two");
		assertThat(this.connection.markClosed()).isTrue();
		assertThat(this.connection.markClosed()).isFalse();
		assertThat(this.connection.readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(this.connection.isOpen()).isFalse();
		assertThat(this.connection.send("three")).isFalse();
		this.connection.terminate();
		assertThat(this.writer.events()).containsExactly("text one");
	}

}
