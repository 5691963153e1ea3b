package io.wsboot.autoconfigure.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

/**
 * The one thread of every auto-configured WebSocket client: heartbeat checks, close
 * timeouts and reconnect delays. Not a {@code ScheduledExecutorService} bean, so that it
 * never stands in for the application's own scheduler; shut down with the context.
 */
final class ClientScheduler implements DisposableBean {

	private final ScheduledThreadPoolExecutor executor;

	ClientScheduler() {
		AtomicInteger count = new AtomicInteger();
		this.executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "ws-client-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		// no thread while no client needs one
		this.executor.setKeepAliveTime(10, TimeUnit.SECONDS);
		this.executor.allowCoreThreadTimeOut(true);
	}

	ScheduledExecutorService executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
