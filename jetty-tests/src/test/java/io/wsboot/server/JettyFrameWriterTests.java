package io.wsboot.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Tests of {@link JettyFrameWriter} against a Jetty session that completes writes when
 * told to.
 */
class JettyFrameWriterTests {

	private final Session session = mock(Session.class);

	private final List<Callback> pending = new ArrayList<>();

	private final JettyFrameWriter writer = new JettyFrameWriter(this.session, Duration.ofSeconds(5));

	@Test
	void writeCompletedBeforeSendReturnsIsNotPendingAndSkipsDone() throws IOException {
		completeInline(null);
		AtomicInteger calls = new AtomicInteger();
		assertThat(this.writer.writeText("hello", (error) -> calls.incrementAndGet())).isFalse();
		assertThat(calls).hasValue(0);
	}

	@Test
	void writeFailedBeforeSendReturnsThrows() {
		completeInline(new IOException("broken pipe"));
		assertThatIOException().isThrownBy(() -> this.writer.writeText("hello", (error) -> {
		})).withRootCauseInstanceOf(IOException.class).withStackTraceContaining("broken pipe");
	}

	@Test
	void writeCompletedLaterCallsDoneOnce() throws IOException {
		completeLater();
		AtomicInteger calls = new AtomicInteger();
		AtomicReference<@Nullable Throwable> result = new AtomicReference<>(new Throwable("not called"));
		assertThat(this.writer.writeText("hello", (error) -> {
			calls.incrementAndGet();
			result.set(error);
		})).isTrue();
		assertThat(calls).hasValue(0);
		this.pending.remove(0).succeed();
		assertThat(calls).hasValue(1);
		assertThat(result.get()).isNull();
	}

	@Test
	void writeFailedLaterPassesTheErrorToDone() throws IOException {
		completeLater();
		AtomicReference<@Nullable Throwable> result = new AtomicReference<>();
		assertThat(this.writer.writeText("hello", result::set)).isTrue();
		IOException failure = new IOException("reset");
		this.pending.remove(0).fail(failure);
		assertThat(result.get()).isSameAs(failure);
	}

	@Test
	void manyMessagesCompletedInlineDrainWithoutDeepRecursion() {
		completeInline(null);
		ServerConnection connection = TestConnections.connection("c", "feed", this.writer);
		for (int i = 0; i < 100_000; i++) {
			assertThat(connection.send("m" + i)).isTrue();
		}
		assertThat(connection.bufferedAmount()).isZero();
	}

	@Test
	void closeCallbackSeesTheStatusThisSideSent() throws IOException {
		CloseStatus peerReply = new CloseStatus(4001);
		assertThat(this.writer.reported(peerReply)).isEqualTo(peerReply);
		this.writer.close(new CloseStatus(4001, "done for today"));
		assertThat(this.writer.reported(peerReply)).isEqualTo(new CloseStatus(4001, "done for today"));
	}

	@Test
	void abortDisconnectsAndReportsTheGivenStatus() {
		this.writer.abort(new CloseStatus(1008, "Slow consumer"), new CloseStatus(1008, "Slow consumer"));
		verify(this.session).disconnect();
		assertThat(this.writer.reported(CloseStatus.NO_CLOSE_FRAME)).isEqualTo(new CloseStatus(1008, "Slow consumer"));
	}

	private void completeInline(@Nullable Throwable error) {
		willAnswer((invocation) -> {
			Callback callback = invocation.getArgument(1);
			if (error == null) {
				callback.succeed();
			}
			else {
				callback.fail(error);
			}
			return null;
		}).given(this.session).sendText(anyString(), any(Callback.class));
	}

	private void completeLater() {
		willAnswer((invocation) -> this.pending.add(invocation.getArgument(1))).given(this.session)
			.sendText(anyString(), any(Callback.class));
	}

}
