package io.wsboot.client;

/**
 * The example of {@code docs/client.md}: a plain {@code main()}, without Spring, that
 * sends one message, prints the echo, closes, and waits for the close before it exits.
 * {@link WsClientWithoutSpringTests} runs it in a JVM of its own, with only the jars the
 * document names.
 */
public final class EchoOnce {

	private EchoOnce() {
	}

	public static void main(String[] args) {
		WsClient client = WsClient.connect(args[0], new WsClientListener() {

			@Override
			public void onOpen(WsClient client) {
				client.send("hello");
			}

			@Override
			public void onTextMessage(WsClient client, String text) {
				System.out.println("received " + text);
				client.close(1000, "done");
			}

		});
		WsClient.Close close = client.whenClosed().join();
		System.out.println("closed " + close.code() + " " + close.reason());
	}

}
