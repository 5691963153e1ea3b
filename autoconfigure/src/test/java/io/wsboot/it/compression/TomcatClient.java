package io.wsboot.it.compression;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsboot.it.AbstractEndToEndTests;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Spring's {@link StandardWebSocketClient}, which is Tomcat's client here: unlike the
 * JDK's it can offer permessage-deflate, and inflate what it receives.
 */
final class TomcatClient implements AutoCloseable {

	private final WebSocketSession session;

	private final BlockingQueue<String> received;

	private final CompletableFuture<CloseStatus> closed;

	private final String name;

	private TomcatClient(WebSocketSession session, BlockingQueue<String> received,
			CompletableFuture<CloseStatus> closed, String name) {
		this.session = session;
		this.received = received;
		this.closed = closed;
		this.name = name;
	}

	static TomcatClient connect(URI uri, boolean offerDeflate) throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		String name = "tomcat-" + UUID.randomUUID();
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.add(AbstractEndToEndTests.CLIENT_HEADER_NAME, name);
		if (offerDeflate) {
			headers.setSecWebSocketExtensions(List.of(new WebSocketExtension("permessage-deflate")));
		}
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		// whole messages up to 256 KiB, rather than Tomcat's 8 KiB
		container.setDefaultMaxTextMessageBufferSize(256 * 1024);
		StandardWebSocketClient client = new StandardWebSocketClient(container);
		CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
		WebSocketSession session = client.execute(new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) {
				received.add(message.getPayload());
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
				closed.complete(status);
			}

		}, headers, uri).get(10, TimeUnit.SECONDS);
		return new TomcatClient(session, received, closed, name);
	}

	WebSocketSession session() {
		return this.session;
	}

	String name() {
		return this.name;
	}

	void send(String text) throws Exception {
		this.session.sendMessage(new TextMessage(text));
	}

	String nextText() throws InterruptedException {
		String text = this.received.poll(10, TimeUnit.SECONDS);
		if (text == null) {
			throw new AssertionError("No message within 10 seconds; closed: " + this.closed);
		}
		return text;
	}

	@Override
	public void close() throws Exception {
		this.session.close(CloseStatus.NORMAL);
	}

}
