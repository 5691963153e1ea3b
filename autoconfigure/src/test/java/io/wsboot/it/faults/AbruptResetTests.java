package io.wsboot.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.management.UnixOperatingSystemMXBean;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that reset their connection (a crash, a pulled cable: no close frame, no FIN)
 * at every stage of its life leave nothing behind: after a thousand of them the registry
 * is empty, every opened connection ran its close callback once, and the JVM's threads
 * and file descriptors are back where they were.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.threads.max=16")
class AbruptResetTests extends AbstractEndToEndTests {

	private static final int CLIENT_THREADS = 4;

	private static final int WARM_UP_CYCLES = 100;

	private static final int CYCLES = 1000;

	/**
	 * Threads that may come and go without a leak: Tomcat's worker pool may still grow to
	 * its maximum of 16 (set above), and the JDK and Awaitility start a few of their own.
	 * A leak of one thread per connection would be a thousand.
	 */
	private static final int THREAD_TOLERANCE = 16 + 8;

	/**
	 * Descriptors that may come and go without a leak: jar files opened by class loading
	 * and a selector or two. A leak of one socket per connection would be a thousand.
	 */
	private static final int FD_TOLERANCE = 32;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@Test
	void aThousandConnectionsResetAtEveryStageLeaveRegistryThreadsAndDescriptorsAsTheyWere() throws Exception {
		// a first round brings the pools and caches to the size this load needs; a client
		// may see its 101 before the server ran the open callback, so the round is over
		// when every one of its connections was counted in and out, not when the counts
		// merely agree
		int opensAtStart = opens();
		int closesAtStart = closes();
		runCycles(WARM_UP_CYCLES);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(opens() - opensAtStart).as("warm-up connections opened").isEqualTo(WARM_UP_CYCLES);
			assertThat(closes() - closesAtStart).as("warm-up close callbacks").isEqualTo(WARM_UP_CYCLES);
		});
		awaitCount("echo", 0);
		awaitCount("chat", 0);
		int threadsBefore = THREADS.getThreadCount();
		long fdsBefore = openFileDescriptors();
		int opensBefore = opens();
		int closesBefore = closes();

		runCycles(CYCLES);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.registry.count()).as("connections in the registry").isZero();
			assertThat(closes() - closesBefore).as("close callbacks").isEqualTo(CYCLES);
		});
		assertThat(opens() - opensBefore).as("connections opened").isEqualTo(CYCLES);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(THREADS.getThreadCount()).as("live threads, %d before", threadsBefore)
				.isLessThanOrEqualTo(threadsBefore + THREAD_TOLERANCE);
			assertThat(openFileDescriptors()).as("open file descriptors, %d before", fdsBefore)
				.isLessThanOrEqualTo(fdsBefore + FD_TOLERANCE);
		});

		RawWebSocket client = openRaw("/echo");
		client.sendText("still serving");
		assertThat(client.readText()).isEqualTo("still serving");
	}

	private int opens() {
		return this.events.opens("echo") + this.events.opens("chat");
	}

	private int closes() {
		return this.events.closes("echo") + this.events.closes("chat");
	}

	private void runCycles(int cycles) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(CLIENT_THREADS);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < CLIENT_THREADS; t++) {
				int thread = t;
				workers.add(executor.submit(() -> {
					for (int i = thread; i < cycles; i += CLIENT_THREADS) {
						cycle(i);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Open a connection, take it to one of five stages, and reset it there.
	 */
	private void cycle(int i) throws IOException {
		int stage = i % 5;
		RawWebSocket client = RawWebSocket.to(this.port, (stage == 4) ? "/chat" : "/echo").open();
		try {
			switch (stage) {
				// right after the upgrade, maybe before the open callback ran
				case 0 -> {
				}
				// after a message went back and forth
				case 1 -> {
					client.sendText("cycle " + i);
					assertThat(client.readText()).isEqualTo("cycle " + i);
				}
				// in the middle of a frame: the header promises 1000 bytes, 10 came
				case 2 -> {
					client.writeRaw(Frame.header(true, 0, RawWebSocket.TEXT, 1000, new byte[4]));
					client.writeRaw(new byte[10]);
				}
				// in the middle of a fragmented message
				case 3 -> client.send(Frame.text("first of many").withFin(false));
				// while the server writes to it: the chat sends the message back
				default -> client.sendText("x".repeat(4000));
			}
		}
		finally {
			client.abort();
		}
	}

	private static long openFileDescriptors() {
		Path fdDirectory = Path.of("/proc/self/fd");
		if (!Files.isDirectory(fdDirectory)
				&& ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
			// no /proc, as on macOS
			return unix.getOpenFileDescriptorCount();
		}
		try (Stream<Path> fds = Files.list(fdDirectory)) {
			return fds.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
