package io.wsboot.server;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

/**
 * The starter's own threads: the heartbeat's sweeps and the closing of slow peers. Not a
 * {@code TaskScheduler} bean, so that it never stands in for the application's own.
 */
final class ConnectionExecutor implements DisposableBean {

	private final ScheduledThreadPoolExecutor executor;

	ConnectionExecutor() {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "ws-heartbeat-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.executor = new ScheduledThreadPoolExecutor(2, threads);
		this.executor.setRemoveOnCancelPolicy(true);
	}

	ScheduledExecutorService executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
