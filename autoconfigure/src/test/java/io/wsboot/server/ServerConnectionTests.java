package io.wsboot.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.ReadyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ServerConnection}: inline writes, the queue behind a full output, the
 * limits, and the closing handshake, over a {@link RecordingTransport}.
 */
class ServerConnectionTests {

	private final RecordingTransport transport = new RecordingTransport();

	private final List<String> closes = new ArrayList<>();

	private final ServerConnection connection = TestConnections.connection("c1", "echo", TestConnections.settings(),
			this.transport, (connection, code, reason) -> this.closes.add(code + " " + reason));

	@Test
	void writesAtOnceAndFlushesWhileTheOutputIsReady() {
		assertThat(this.connection.send("one")).isTrue();
		assertThat(this.connection.send(new byte[] { 1, 2, 3 })).isTrue();
		assertThat(this.transport.events()).containsExactly("text one", "binary 3");
		assertThat(this.transport.flushes()).isEqualTo(2);
		assertThat(this.connection.bufferedAmount()).isZero();
	}

	@Test
	void queuesWhileTheOutputIsFullAndDrainsInOrderWhenItIsWritableAgain() {
		this.transport.ready(false);
		this.connection.send("one");
		this.connection.send("two");
		this.connection.send("three");
		assertThat(this.transport.events()).isEmpty();
		assertThat(this.connection.bufferedAmount()).isEqualTo(11);
		this.transport.ready(true);
		assertThat(this.transport.events()).containsExactly("text one", "text two", "text three");
		assertThat(this.connection.bufferedAmount()).isZero();
		// one flush for what the callback wrote
		assertThat(this.transport.flushes()).isEqualTo(1);
	}

	@Test
	void aSpuriousWritePossibleCallbackDoesNotWriteOutOfTurn() {
		this.connection.onWritePossible();
		this.connection.send("one");
		this.connection.onWritePossible();
		assertThat(this.transport.events()).containsExactly("text one");
	}

	@Test
	void aCallbackRacingANotReadyAnswerNeitherLosesTheMessageNorLeavesTheWriteStalled() {
		this.transport.drainsWhileAsked();
		this.connection.send("one");
		assertThat(this.transport.events()).containsExactly("text one");
		assertThat(this.connection.bufferedAmount()).isZero();
		// the stall ended before the writer could note it: the send time limit never applies
		long muchLater = System.nanoTime() + TestConnections.settings().sendTimeLimit().multipliedBy(2).toNanos();
		assertThat(this.connection.isWriteOverdue(muchLater)).isFalse();
	}

	@Test
	void aWriteThatStaysStalledIsOverdueAfterTheSendTimeLimit() {
		this.transport.ready(false);
		this.connection.send("one");
		long now = System.nanoTime();
		assertThat(this.connection.isWriteOverdue(now)).isFalse();
		long muchLater = now + TestConnections.settings().sendTimeLimit().multipliedBy(2).toNanos();
		assertThat(this.connection.isWriteOverdue(muchLater)).isTrue();
		this.transport.ready(true);
		assertThat(this.transport.events()).containsExactly("text one");
		assertThat(this.connection.isWriteOverdue(muchLater)).isFalse();
	}

	@Test
	void aFlushThatDoesNotGoOutIsMadeAgainOnceTheOutputIsWritableAndCountsAsAStall() {
		this.transport.flushesStall();
		this.connection.send("one");
		assertThat(this.transport.hasUnflushed()).isTrue();
		this.connection.send("two");
		assertThat(this.transport.events()).as("written before the stall").containsExactly("text one");
		long muchLater = System.nanoTime() + TestConnections.settings().sendTimeLimit().multipliedBy(2).toNanos();
		assertThat(this.connection.isWriteOverdue(muchLater)).isTrue();
		this.transport.ready(true);
		assertThat(this.transport.events()).containsExactly("text one", "text two");
		assertThat(this.transport.hasUnflushed()).isFalse();
		// the flush left over first, then the one for what the callback wrote
		assertThat(this.transport.flushes()).isEqualTo(2);
		assertThat(this.connection.isWriteOverdue(muchLater)).isFalse();
	}

	@Test
	void whatIsSentBeforeTheSocketIsAttachedGoesOutInOrderOnceItIs() {
		ServerConnection connection = TestConnections.unattached("c2", "echo", TestConnections.NOT_TOLD);
		assertThat(connection.send("one")).isTrue();
		assertThat(connection.send("two")).isTrue();
		assertThat(connection.isAttached()).isFalse();
		assertThat(connection.bufferedAmount()).isEqualTo(6);
		this.transport.connection(connection);
		assertThat(connection.attach(this.transport)).isTrue();
		// held until the open callback ran, then ahead of what it sent
		assertThat(this.transport.events()).isEmpty();
		connection.send("three");
		connection.onWritePossible();
		assertThat(this.transport.events()).containsExactly("text one", "text two", "text three");
		assertThat(connection.bufferedAmount()).isZero();
		long muchLater = System.nanoTime() + TestConnections.settings().sendTimeLimit().multipliedBy(2).toNanos();
		assertThat(connection.isWriteOverdue(muchLater)).isFalse();
	}

	@Test
	void anAttachedSocketThatSentNothingIsNeverOverdue() {
		ServerConnection connection = TestConnections.unattached("c2", "echo", TestConnections.NOT_TOLD);
		this.transport.connection(connection);
		connection.attach(this.transport);
		long muchLater = System.nanoTime() + TestConnections.settings().sendTimeLimit().multipliedBy(2).toNanos();
		assertThat(connection.isWriteOverdue(muchLater)).isFalse();
	}

	@Test
	void aSocketThatNeverComesIsOverdueAfterTheSendTimeLimit() {
		ServerConnection connection = TestConnections.unattached("c2", "echo", TestConnections.NOT_TOLD);
		long now = System.nanoTime();
		assertThat(connection.isWriteOverdue(now)).isFalse();
		long muchLater = now + TestConnections.settings().sendTimeLimit().multipliedBy(2).toNanos();
		assertThat(connection.isWriteOverdue(muchLater)).isTrue();
	}

	@Test
	void aConnectionClosedBeforeItsSocketIsAttachedClosesTheSocketThatComes() {
		ServerConnection connection = TestConnections.unattached("c2", "echo",
				(closed, code, reason) -> this.closes.add(code + " " + reason));
		connection.send("one");
		connection.terminate();
		assertThat(this.closes).containsExactly("1006 ");
		this.transport.connection(connection);
		assertThat(connection.attach(this.transport)).isFalse();
		assertThat(this.transport.isClosed()).isTrue();
		// what was queued is discarded with the connection
		assertThat(this.transport.events()).containsExactly("socket closed");
	}

	@Test
	void theCloseOfAConnectionClosedBeforeItsSocketCameWaitsForTheSocket() {
		ServerConnection early = TestConnections.unattached("c2", "echo", TestConnections.NOT_TOLD);
		CloseStatus status = new CloseStatus(1006, "");
		assertThat(early.markClosed(status)).as("reported now").isFalse();
		assertThat(early.attach(this.transport)).isFalse();
		assertThat(this.transport.isClosed()).isTrue();
		assertThat(early.takeUnreportedClose()).isSameAs(status);
		assertThat(early.takeUnreportedClose()).as("taken once").isNull();
		ServerConnection opened = TestConnections.unattached("c3", "echo", TestConnections.NOT_TOLD);
		assertThat(opened.attach(new RecordingTransport())).isTrue();
		assertThat(opened.markClosed(status)).as("reported now").isTrue();
		assertThat(opened.takeUnreportedClose()).isNull();
	}

	@Test
	void sendOfAByteBufferTakesItsRemainingBytesAndLeavesItsPositionAlone() {
		ByteBuffer data = ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 });
		data.position(1);
		this.connection.send(data);
		assertThat(this.transport.binaries()).singleElement().isEqualTo(new byte[] { 2, 3, 4 });
		assertThat(data.position()).isOne();
	}

	@Test
	void closesASlowPeerWith1008WhenTheSendBufferLimitIsPassed() {
		ServerConnection connection = TestConnections.connection("c2", "echo", TestConnections.sendBufferLimit(10),
				this.transport, (closed, code, reason) -> this.closes.add(code + " " + reason));
		this.transport.ready(false);
		assertThat(connection.send("123456")).isTrue();
		assertThat(connection.send("123456")).isFalse();
		assertThat(this.closes).containsExactly("1008 Slow consumer");
		assertThat(this.transport.isClosed()).isTrue();
		assertThat(connection.readyState()).isEqualTo(ReadyState.CLOSED);
		assertThat(connection.bufferedAmount()).isZero();
		assertThat(connection.send("later")).isFalse();
	}

	@Test
	void sendsOneMessageLargerThanTheSendBufferLimitToAnIdlePeer() {
		ServerConnection connection = TestConnections.connection("c2", "echo", TestConnections.sendBufferLimit(4),
				this.transport);
		this.transport.ready(false);
		assertThat(connection.send("larger than four")).isTrue();
		this.transport.ready(true);
		assertThat(this.transport.events()).containsExactly("text larger than four");
	}

	@Test
	void dropsAndCountsWhatASlowPeerCannotTakeWhenTheOverflowPolicyIsDrop() {
		ServerConnection connection = TestConnections.connection("c2", "echo", TestConnections.dropping(10),
				this.transport);
		this.transport.ready(false);
		assertThat(connection.send("123456")).isTrue();
		assertThat(connection.send("123456")).isFalse();
		assertThat(connection.send("123456")).isFalse();
		assertThat(connection.droppedMessages()).isEqualTo(2);
		assertThat(connection.isOpen()).isTrue();
		this.transport.ready(true);
		assertThat(this.transport.events()).containsExactly("text 123456");
	}

	@Test
	void closeGoesAfterTheQueuedMessagesAndNothingAfterIt() {
		this.transport.ready(false);
		this.connection.send("one");
		this.connection.close(4001, "done");
		assertThat(this.connection.send("late")).isFalse();
		assertThat(this.connection.readyState()).isEqualTo(ReadyState.CLOSING);
		this.transport.ready(true);
		assertThat(this.transport.events()).containsExactly("text one", "close 4001 done");
		// closed for the endpoint once its close frame is out; the socket waits for the peer
		assertThat(this.closes).containsExactly("4001 done");
		assertThat(this.transport.isClosed()).isFalse();
		this.connection.onCloseFrame(4001, "");
		assertThat(this.transport.isClosed()).isTrue();
		assertThat(this.closes).containsExactly("4001 done");
	}

	@Test
	void aPeersCloseIsAnsweredWithItsCodeAndReported() {
		this.connection.onCloseFrame(4000, "bye");
		assertThat(this.transport.events()).containsExactly("close 4000 bye", "socket closed");
		assertThat(this.closes).containsExactly("4000 bye");
		assertThat(this.connection.readyState()).isEqualTo(ReadyState.CLOSED);
	}

	@Test
	void aPeersCloseWithoutACodeIsAnsweredWith1000AndReportedAs1005() {
		this.connection.onCloseFrame(1005, "");
		assertThat(this.transport.events()).containsExactly("close 1000", "socket closed");
		assertThat(this.closes).containsExactly("1005 ");
	}

	@Test
	void aFailureClosesTheSocketOnceTheCloseFrameIsOut() {
		this.connection.startClose(1002, "Protocol error", true);
		assertThat(this.transport.events()).containsExactly("close 1002 Protocol error", "socket closed");
		assertThat(this.closes).containsExactly("1002 Protocol error");
	}

	@Test
	void terminateClosesTheSocketWithoutACloseFrameAndReports1006() {
		this.transport.ready(false);
		this.connection.send("queued");
		this.connection.terminate();
		assertThat(this.transport.events()).containsExactly("socket closed");
		assertThat(this.closes).containsExactly("1006 ");
		assertThat(this.connection.bufferedAmount()).isZero();
	}

	@Test
	void aPeerGoneWithoutAClosingHandshakeIsReportedAs1006Once() {
		this.connection.onTransportClosed();
		this.connection.onTransportClosed();
		this.connection.terminate();
		assertThat(this.closes).containsExactly("1006 ");
	}

	@Test
	void aCloseNobodyCouldSendIsReportedAs1006WhenTheSocketGoes() {
		this.transport.ready(false);
		this.connection.close(1001, "Going away");
		this.connection.terminate();
		assertThat(this.closes).containsExactly("1006 ");
	}

	@Test
	void aFailedWriteDropsTheConnection() {
		this.transport.failWrites();
		this.connection.send("one");
		assertThat(this.closes).containsExactly("1006 ");
		assertThat(this.transport.isClosed()).isTrue();
	}

	@Test
	void pingWaitsBehindTheMessagesAlreadyQueued() {
		this.transport.ready(false);
		this.connection.send("one");
		this.connection.ping(new byte[] { 7 });
		this.transport.ready(true);
		assertThat(this.transport.events()).containsExactly("text one", "ping 1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 999, 1004, 1005, 1006, 1015, 2000, 5000 })
	void rejectsCloseCodesThatMayNotBeSent(int code) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.connection.close(code, ""));
	}

	@Test
	void rejectsACloseReasonLongerThan123BytesOfUtf8() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.connection.close(1000, "é".repeat(62)));
	}

	@Test
	void rejectsAPingPayloadLargerThan125Bytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.connection.ping(new byte[126]));
	}

}
