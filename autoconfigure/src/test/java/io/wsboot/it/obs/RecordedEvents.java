package io.wsboot.it.obs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wsboot.WsConnectionClosedEvent;
import io.wsboot.WsConnectionOpenedEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the connection events, as an application's {@code @EventListener} would see
 * them.
 */
@Component
public class RecordedEvents {

	private final List<WsConnectionOpenedEvent> opened = new CopyOnWriteArrayList<>();

	private final List<WsConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();

	@EventListener
	void onOpened(WsConnectionOpenedEvent event) {
		this.opened.add(event);
	}

	@EventListener
	void onClosed(WsConnectionClosedEvent event) {
		this.closed.add(event);
	}

	public List<String> openedIds() {
		return this.opened.stream().map((event) -> event.getConnection().id()).toList();
	}

	public List<WsConnectionClosedEvent> closedOf(String connectionId) {
		return this.closed.stream().filter((event) -> event.getConnection().id().equals(connectionId)).toList();
	}

}
