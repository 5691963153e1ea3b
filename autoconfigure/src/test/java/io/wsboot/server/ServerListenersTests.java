package io.wsboot.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.WsConnection;
import io.wsboot.server.WsServerListener.MessageType;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerListeners}.
 */
class ServerListenersTests {

	private final ServerConnection connection = TestConnections.connection("1", "chat");

	@Test
	void messagesAreReportedWithTheirTypeAndLengthInBytes() {
		Recording recording = new Recording();
		ServerListeners listeners = new ServerListeners(List.of(recording));
		listeners.received(this.connection, true, 5);
		listeners.received(this.connection, false, 3);
		assertThat(recording.events).containsExactly("received chat TEXT 5 true", "received chat BINARY 3 true");
	}

	@Test
	void sendsAreReportedOnlyWhenQueuedAndBroadcastsOncePerBroadcast() {
		Recording recording = new Recording();
		ServerListeners listeners = new ServerListeners(List.of(recording));
		assertThat(listeners.sent(this.connection, Frame.text("hé"), true)).isTrue();
		assertThat(listeners.sent(this.connection, Frame.text("lost"), false)).isFalse();
		assertThat(listeners.sent("chat", Frame.binary(ByteBuffer.allocate(4)), 3)).isEqualTo(3);
		assertThat(listeners.sent("chat", Frame.binary(ByteBuffer.allocate(4)), 0)).isZero();
		assertThat(recording.events).containsExactly("sent chat TEXT 3 1", "sent chat BINARY 4 3");
	}

	@Test
	void connectionEventsReachEveryListenerEvenPastOneThatFails() {
		Recording recording = new Recording();
		WsServerListener failing = new WsServerListener() {

			@Override
			public void opened(WsConnection connection) {
				throw new IllegalStateException("boom");
			}

		};
		ServerListeners listeners = new ServerListeners(List.of(failing, recording));
		listeners.opened(this.connection);
		listeners.closed(this.connection, new CloseStatus(4000));
		listeners.upgradeRejected("chat", 403);
		listeners.dropped(this.connection);
		listeners.heartbeatTerminated(this.connection);
		assertThat(recording.events).containsExactly("opened 1", "closed 1 4000 ''", "rejected chat 403", "dropped 1",
				"terminated 1");
	}

	@Test
	void withoutListenersEveryCallIsANoOp() {
		ServerListeners none = ServerListeners.NONE;
		none.opened(this.connection);
		none.received(this.connection, true, 1);
		assertThat(none.sent(this.connection, Frame.text("x"), true)).isTrue();
		assertThat(none.sent("chat", Frame.text("x"), 2)).isEqualTo(2);
		none.closed(this.connection, CloseStatus.NORMAL);
	}

	static final class Recording implements WsServerListener {

		final List<String> events = new ArrayList<>();

		@Override
		public void upgradeRejected(String endpointId, int status) {
			this.events.add("rejected " + endpointId + " " + status);
		}

		@Override
		public void opened(WsConnection connection) {
			this.events.add("opened " + connection.id());
		}

		@Override
		public void closed(WsConnection connection, int code, String reason) {
			this.events.add("closed " + connection.id() + " " + code + " '" + reason + "'");
		}

		@Override
		public void messageReceived(WsConnection connection, MessageType type, long bytes, boolean last) {
			this.events.add("received " + connection.endpointId() + " " + type + " " + bytes + " " + last);
		}

		@Override
		public void messageSent(String endpointId, MessageType type, long bytes, int recipients) {
			this.events.add("sent " + endpointId + " " + type + " " + bytes + " " + recipients);
		}

		@Override
		public void dropped(WsConnection connection) {
			this.events.add("dropped " + connection.id());
		}

		@Override
		public void heartbeatTerminated(WsConnection connection) {
			this.events.add("terminated " + connection.id());
		}

	}

}
