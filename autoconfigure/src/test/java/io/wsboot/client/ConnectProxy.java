package io.wsboot.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP proxy that only tunnels: it answers CONNECT with 200, then copies bytes
 * both ways, and records the request line of every request it got.
 */
final class ConnectProxy implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final List<String> requestLines = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	ConnectProxy() {
		try {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start("connect-proxy", this::accept);
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Return the request line of every request, such as
	 * {@code CONNECT localhost:8080 HTTP/1.1}.
	 * @return the request lines
	 */
	List<String> requestLines() {
		return List.copyOf(this.requestLines);
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket client = this.serverSocket.accept();
				this.sockets.add(client);
				start("connect-proxy-tunnel", () -> tunnel(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void tunnel(Socket client) {
		try {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			String requestLine = readLine(in);
			this.requestLines.add(requestLine);
			while (!readLine(in).isEmpty()) {
				// headers: not needed
			}
			String[] words = requestLine.split(" ");
			if (!words[0].equals("CONNECT")) {
				out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				client.close();
				return;
			}
			int colon = words[1].lastIndexOf(':');
			Socket upstream = new Socket(words[1].substring(0, colon), Integer.parseInt(words[1].substring(colon + 1)));
			this.sockets.add(upstream);
			out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			start("connect-proxy-up", () -> copy(in, upstream));
			copy(upstream.getInputStream(), client);
		}
		catch (IOException ex) {
			// the test's client or server went away
		}
	}

	private static void copy(InputStream in, Socket to) {
		try {
			in.transferTo(to.getOutputStream());
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// one side closed
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	private static void start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
