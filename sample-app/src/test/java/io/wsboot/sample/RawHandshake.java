package io.wsboot.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A WebSocket opening handshake written by hand over a plain socket, for what the JDK
 * client cannot do: offer permessage-deflate and show the response headers.
 *
 * @param statusLine the response status line, such as {@code HTTP/1.1 101}
 * @param headers the response headers, by case-insensitive name
 */
public record RawHandshake(String statusLine, Map<String, List<String>> headers) {

	// the sample key of RFC 6455, section 1.3, and the accept value it must produce
	static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

	/**
	 * Open a connection to a path of the local server offering permessage-deflate, read
	 * the response head, and drop the connection.
	 * @param port the server port
	 * @param path the path, such as {@code /echo}
	 * @return the response
	 * @throws IOException when the connection fails or times out
	 */
	public static RawHandshake offeringDeflate(int port, String path) throws IOException {
		String request = "GET " + path + " HTTP/1.1\r\n" + "Host: localhost:" + port + "\r\n"
				+ "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: " + KEY + "\r\n"
				+ "Sec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" + "\r\n";
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return parse(readHead(socket.getInputStream()));
		}
	}

	/**
	 * Return the values of a response header.
	 * @param name the header name, in any case
	 * @return its values, empty when the header is absent
	 */
	public List<String> header(String name) {
		return this.headers.getOrDefault(name, List.of());
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int b = in.read();
			if (b == -1) {
				throw new IOException("Connection closed before the end of the response head: " + head);
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : (b == end[0]) ? 1 : 0;
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static RawHandshake parse(String head) {
		String[] lines = head.split("\r\n");
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.computeIfAbsent(lines[i].substring(0, colon).trim(), (name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
		}
		return new RawHandshake(lines[0], Collections.unmodifiableMap(headers));
	}

}
