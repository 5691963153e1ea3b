package io.wsboot.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A key store with a self-signed certificate for {@code localhost}, and that certificate
 * in PEM, made with the JDK's {@code keytool} in a temporary directory.
 */
final class SelfSignedCertificate {

	static final String PASSWORD = "changeit";

	private final Path keyStore;

	private final Path certificate;

	private SelfSignedCertificate(Path keyStore, Path certificate) {
		this.keyStore = keyStore;
		this.certificate = certificate;
	}

	static SelfSignedCertificate forLocalhost() {
		try {
			Path directory = Files.createTempDirectory("wsboot-tls");
			directory.toFile().deleteOnExit();
			Path keyStore = directory.resolve("server.p12");
			Path certificate = directory.resolve("server.pem");
			keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
					"CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12", "-keystore",
					keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
			keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
					"-file", certificate.toString());
			keyStore.toFile().deleteOnExit();
			certificate.toFile().deleteOnExit();
			return new SelfSignedCertificate(keyStore, certificate);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path keyStore() {
		return this.keyStore;
	}

	Path certificate() {
		return this.certificate;
	}

	private static void keytool(String... arguments) throws IOException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new ArrayList<>(List.of(keytool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running keytool", ex);
		}
	}

}
