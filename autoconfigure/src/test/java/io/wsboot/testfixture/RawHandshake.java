package io.wsboot.testfixture;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.wsboot.testfixture.RawWebSocket.HandshakeResponse;

/**
 * The opening handshake of {@link RawWebSocket}: the request written as its builder made
 * it, valid or not, the response read as it comes, and the accept value a server owes a key.
 */
final class RawHandshake {

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private RawHandshake() {
	}

	/**
	 * Connect a socket and write the handshake request.
	 * @param socket the socket, unconnected
	 * @param host the host
	 * @param port the port
	 * @param target the request target
	 * @param headers the request headers, in order
	 * @param receiveBufferSize the socket's receive buffer, {@code 0} for the default
	 * @param readTimeout the connect and read timeout
	 * @return the socket's input, buffered, positioned at the response
	 */
	static InputStream send(Socket socket, String host, int port, String target, Map<String, String> headers,
			int receiveBufferSize, Duration readTimeout) throws IOException {
		if (receiveBufferSize > 0) {
			socket.setReceiveBufferSize(receiveBufferSize);
		}
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
		socket.setSoTimeout((int) readTimeout.toMillis());
		StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		OutputStream out = socket.getOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		return new BufferedInputStream(socket.getInputStream());
	}

	/**
	 * Read the status line and headers of the handshake response; not its body.
	 * @param in the socket's input
	 * @return the response
	 */
	static HandshakeResponse readResponse(InputStream in) throws IOException {
		String statusLine = readLine(in);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("Not an HTTP response: '" + statusLine + "'");
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		String line;
		while (!(line = readLine(in)).isEmpty()) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.computeIfAbsent(line.substring(0, colon).trim(), (name) -> new ArrayList<>())
					.add(line.substring(colon + 1).trim());
			}
		}
		return new HandshakeResponse(Integer.parseInt(parts[1]), statusLine, Collections.unmodifiableMap(headers));
	}

	/**
	 * Compute the {@code Sec-WebSocket-Accept} a server must answer to a key.
	 * @param key the {@code Sec-WebSocket-Key}
	 * @return the expected accept value
	 */
	static String accept(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new EOFException("Connection closed during the handshake response");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

}
