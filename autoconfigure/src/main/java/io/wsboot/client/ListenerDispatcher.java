package io.wsboot.client;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers the events of one {@link WsClient} to its listeners one at a time, in the
 * order they were added, on whichever thread adds them while no other thread delivers.
 * Events are added while the client holds its lock, so their order is the order of the
 * state changes, and delivered after it released it, so listeners never run under it.
 */
final class ListenerDispatcher {

	private static final Log logger = LogFactory.getLog(ListenerDispatcher.class);

	private final String owner;

	private final List<WsClientListener> listeners = new CopyOnWriteArrayList<>();

	private final Queue<Event> events = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean delivering = new AtomicBoolean();

	/**
	 * Create a dispatcher.
	 * @param owner describes the client in log messages
	 */
	ListenerDispatcher(String owner) {
		this.owner = owner;
	}

	void addListener(WsClientListener listener) {
		this.listeners.add(listener);
	}

	void removeListener(WsClientListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Add an event for every listener; {@link #deliver()} delivers it.
	 * @param name the event's name, for log messages
	 * @param event calls one listener
	 */
	void add(String name, Consumer<WsClientListener> event) {
		this.events.add(new Event(name, () -> {
			for (WsClientListener listener : this.listeners) {
				try {
					event.accept(listener);
				}
				catch (RuntimeException ex) {
					logger.warn("Listener " + listener + " of " + this.owner + " failed handling " + name, ex);
				}
			}
		}));
	}

	/**
	 * Add a task that runs in its turn among the events.
	 * @param name the task's name, for log messages
	 * @param task the task
	 */
	void addTask(String name, Runnable task) {
		this.events.add(new Event(name, task));
	}

	/**
	 * Deliver the events added so far, unless another thread is delivering them: that
	 * thread delivers these too.
	 */
	void deliver() {
		while (!this.events.isEmpty() && this.delivering.compareAndSet(false, true)) {
			try {
				Event event;
				while ((event = this.events.poll()) != null) {
					run(event);
				}
			}
			finally {
				this.delivering.set(false);
			}
		}
	}

	private void run(Event event) {
		try {
			event.delivery().run();
		}
		catch (RuntimeException ex) {
			logger.warn("Event '" + event.name() + "' of " + this.owner + " failed", ex);
		}
	}

	private record Event(String name, Runnable delivery) {

	}

}
