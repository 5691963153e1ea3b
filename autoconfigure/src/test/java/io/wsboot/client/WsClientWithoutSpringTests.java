package io.wsboot.client;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import io.wsboot.client.ClientTestApplication.ServerLog;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs {@link EchoOnce}, the example of {@code docs/client.md}, in a JVM of its own whose
 * class path holds only what the document says a client needs: wsboot's classes and
 * commons-logging. No Spring, no jspecify: the program talks to the server, waits on
 * {@link WsClient#whenClosed()}, and exits by itself.
 */
@ClientServerTest
class WsClientWithoutSpringTests {

	private final String base;

	private final ServerLog serverLog;

	WsClientWithoutSpringTests(@LocalServerPort int port, @Autowired ServerLog serverLog) {
		this.base = "ws://localhost:" + port;
		this.serverLog = serverLog;
	}

	@Test
	void runsFromAPlainMainWithWsbootAndCommonsLoggingOnlyAndExitsAfterTheClose(@TempDir Path program)
			throws Exception {
		// the example alone, without the test classes beside it, from a directory or a jar
		Path target = program.resolve("io/wsboot/client");
		Files.createDirectories(target);
		copyClass("EchoOnce.class", target);
		int inner = 1;
		while (copyClass("EchoOnce$" + inner + ".class", target)) {
			inner++;
		}
		Path commonsLogging = location(LogFactory.class);
		assertThat(commonsLogging.getFileName().toString()).startsWith("commons-logging-");
		String classPath = String.join(File.pathSeparator, program.toString(), location(WsClient.class).toString(),
				commonsLogging.toString());
		Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx64m", "-cp", classPath, EchoOnce.class.getName(), this.base + "/echo")
			.redirectErrorStream(true)
			.start();
		try {
			// the program exits by itself once whenClosed() completed: no System.exit
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(output).isZero();
			assertThat(output.lines()).as(output).containsExactly("received hello", "closed 1000 done");
		}
		finally {
			process.destroyForcibly();
		}
		await().untilAsserted(() -> assertThat(this.serverLog.closes()).contains("/echo 1000 done"));
	}

	private static boolean copyClass(String name, Path directory) throws IOException {
		try (InputStream in = EchoOnce.class.getResourceAsStream(name)) {
			if (in == null) {
				return false;
			}
			Files.copy(in, directory.resolve(name));
			return true;
		}
	}

	private static Path location(Class<?> type) throws URISyntaxException {
		return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

}
