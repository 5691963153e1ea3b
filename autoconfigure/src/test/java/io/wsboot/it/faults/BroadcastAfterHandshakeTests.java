package io.wsboot.it.faults;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast sent the moment a client has its 101 reaches that client, as with ws: the
 * connection is in the registry before the 101 goes out, and what is sent to it before the
 * container hands over the socket waits for it. A load generator that opens its receivers,
 * then a sender, and broadcasts at once depends on it.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class BroadcastAfterHandshakeTests extends AbstractEndToEndTests {

	private static final int CLIENTS = 100;

	@Test
	void aBroadcastSentOnceAClientHasItsHandshakeReachesIt() throws Exception {
		List<RawWebSocket> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			clients.add(openRaw("/feed"));
			assertThat(this.registry.broadcast("feed", "after " + i)).as("connections reached by broadcast %d", i)
				.isEqualTo(i + 1);
		}
		for (int j = 0; j < CLIENTS; j++) {
			RawWebSocket client = clients.get(j);
			for (int i = j; i < CLIENTS; i++) {
				assertThat(client.readText()).as("client %d, broadcast %d", j, i).isEqualTo("after " + i);
			}
		}
		assertThat(this.registry.count("feed")).isEqualTo(CLIENTS);
	}

}
