package io.wsboot.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * {@link WsStream}: an input and an output stream over a client, here through the echo
 * endpoint.
 */
@ClientServerTest
class WsStreamTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int MIB = 1024 * 1024;

	private final String echo;

	private final WsClient.Builder builder;

	WsStreamTests(@LocalServerPort int port, @Autowired WsClient.Builder builder) {
		this.echo = "ws://localhost:" + port + "/echo";
		this.builder = builder;
	}

	@Test
	void pipesAFileOfOneMebibyteThroughTheSocketAndBack(@TempDir Path directory) throws IOException {
		byte[] content = new byte[MIB];
		new Random(42).nextBytes(content);
		Path source = Files.write(directory.resolve("source.bin"), content);
		Path target = directory.resolve("target.bin");
		WsStream stream = WsStream.over(this.builder.connect(this.echo));
		CompletableFuture<Long> back = CompletableFuture.supplyAsync(() -> {
			try (OutputStream out = Files.newOutputStream(target)) {
				return stream.input().transferTo(out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		try (InputStream in = Files.newInputStream(source)) {
			in.transferTo(stream.output());
		}
		// ends the connection after what was written: the input ends at the server's close
		stream.output().close();
		assertThat(back).succeedsWithin(TIMEOUT).isEqualTo((long) MIB);
		assertThat(Files.mismatch(source, target)).isEqualTo(-1);
	}

	@Test
	void aReaderThatFallsBehindPausesTheClientUntilItCatchesUp() throws IOException {
		WsClient client = this.builder.connect(this.echo);
		WsStream stream = WsStream.over(client, 1024);
		OutputStream output = stream.output();
		for (int i = 0; i < 8; i++) {
			output.write(new byte[1024]);
		}
		output.flush();
		await().until(client::isPaused);
		assertThat(stream.input().readNBytes(8 * 1024)).hasSize(8 * 1024);
		assertThat(client.isPaused()).isFalse();
		stream.close();
		assertThat(stream.input().read()).isEqualTo(-1);
	}

	@Test
	void inputFailsAfterItsDataWhenTheConnectionEndsWithoutAClosingHandshake() throws IOException {
		WsClient client = this.builder.connect(this.echo);
		WsStream stream = WsStream.over(client);
		stream.output().write("last words".getBytes());
		assertThat(stream.input().readNBytes(10)).asString().isEqualTo("last words");
		client.terminate();
		assertThatIOException().isThrownBy(() -> stream.input().read())
			.withMessageContaining("ended without a closing handshake (1006): Terminated");
		assertThatIOException().isThrownBy(() -> stream.output().write(1)).withMessageContaining("is CLOSED");
	}

}
