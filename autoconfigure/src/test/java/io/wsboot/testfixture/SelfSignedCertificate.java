package io.wsboot.testfixture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key store with a self-signed certificate for {@code localhost}, and that certificate
 * in PEM, made with the JDK's {@code keytool} in a temporary directory.
 */
public final class SelfSignedCertificate {

	public static final String PASSWORD = "changeit";

	private final Path keyStore;

	private final Path certificate;

	private SelfSignedCertificate(Path keyStore, Path certificate) {
		this.keyStore = keyStore;
		this.certificate = certificate;
	}

	public static SelfSignedCertificate forLocalhost() {
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

	public Path keyStore() {
		return this.keyStore;
	}

	public Path certificate() {
		return this.certificate;
	}

	/**
	 * Return a TLS context that trusts this certificate only.
	 */
	public SSLContext trustingIt() {
		try (InputStream in = Files.newInputStream(this.certificate)) {
			Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			trusted.setCertificateEntry("server", certificate);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot trust " + this.certificate, ex);
		}
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
