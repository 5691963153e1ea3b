package io.wsboot.it.relay;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} (the Debian package's, or {@code REDIS_SERVER}) for the
 * relay's tests, on a free port, in a temporary directory, without persistence.
 * {@link #stop()} kills it and {@link #start()} brings it back on the same port, as a
 * Redis restarting would.
 */
final class RedisServer implements AutoCloseable {

	private final int port;

	private final Path directory;

	private @Nullable Process process;

	private RedisServer(int port) throws IOException {
		this.port = port;
		this.directory = Files.createTempDirectory("wsboot-redis");
	}

	/**
	 * Create a server on a free port, not started.
	 */
	static RedisServer onFreePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return new RedisServer(socket.getLocalPort());
		}
	}

	int port() {
		return this.port;
	}

	/**
	 * Start the server and wait until it answers {@code PING}.
	 */
	synchronized RedisServer start() throws IOException {
		if (this.process != null && this.process.isAlive()) {
			return this;
		}
		String executable = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
		ProcessBuilder builder = new ProcessBuilder(executable, "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString(), "--daemonize",
				"no", "--protected-mode", "no");
		builder.redirectErrorStream(true);
		builder.redirectOutput(new File(this.directory.toFile(), "redis.log"));
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IOException("Could not start '" + executable + "': install the Debian package redis-server "
					+ "or set REDIS_SERVER", ex);
		}
		await().atMost(Duration.ofSeconds(20)).until(this::answersPing);
		return this;
	}

	/**
	 * Kill the server, as a crash would, and wait until it is gone.
	 */
	synchronized void stop() throws InterruptedException {
		Process process = this.process;
		this.process = null;
		if (process != null) {
			process.destroyForcibly();
			process.waitFor();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> !answersPing());
	}

	/**
	 * Freeze the server: it keeps its connections but answers nothing, as a hung Redis.
	 */
	void pause() throws Exception {
		signal("STOP");
	}

	/**
	 * Let a {@link #pause() frozen} server go on.
	 */
	void resume() throws Exception {
		signal("CONT");
	}

	private void signal(String signal) throws Exception {
		Process process = this.process;
		if (process == null) {
			throw new IllegalStateException("Redis is not running");
		}
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -" + signal + " failed");
		}
	}

	/**
	 * Send one command and return the first line of the reply.
	 */
	String command(String... args) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(2000);
			StringBuilder command = new StringBuilder("*" + args.length + "\r\n");
			for (String arg : args) {
				command.append("$").append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(command.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != -1 && c != '\n') {
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}
	}

	private boolean answersPing() {
		try {
			return "+PONG".equals(command("PING"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Return the arguments that point an application at this server.
	 */
	List<String> properties() {
		return List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.port);
	}

	@Override
	public void close() throws Exception {
		Process process = this.process;
		if (process != null) {
			// a frozen server would not die of SIGKILL alone on every platform
			process.destroyForcibly();
			process.waitFor();
			this.process = null;
		}
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

}
