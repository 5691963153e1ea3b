package io.wsboot.it.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RawWebSocket;
import io.wsboot.testfixture.RawWebSocket.Frame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 section 8.1 (Autobahn case 6): a text message that is not valid UTF-8, whole
 * or split across fragments, fails the connection with 1007 and never reaches the
 * handler; valid UTF-8 at the edges of each encoding length comes back as it was, even
 * cut inside its characters.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class Utf8Tests extends AbstractProtocolTests {

	private static final HexFormat HEX = HexFormat.of();

	// the first and last code point of each UTF-8 length, and the edges of the surrogates
	private static final String EDGES = "\u0000\u007F\u0080\u07FF\u0800\uD7FF\uE000\uFFFD\uFFFF"
			+ new String(Character.toChars(0x10000)) + new String(Character.toChars(0x10FFFF));

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "80", // a continuation byte alone
			"c0af", // "/" in two bytes (overlong)
			"e080af", // "/" in three bytes (overlong)
			"f08080af", // "/" in four bytes (overlong)
			"eda080", // U+D800, a surrogate
			"edbfbf", // U+DFFF, a surrogate
			"f4908080", // U+110000, past the last code point
			"fe", "ff", // bytes UTF-8 never uses
			"68656c6c6fe282", // "hello" and a character cut short at the end
			"cebae1bdb9cf83cebcceb5eda080656469746564" // "κόσμε", a surrogate, "edited"
	})
	void invalidTextInOneFrameFailsWith1007(String hex) throws Exception {
		assertFailsWith(1007, Frame.of(RawWebSocket.TEXT, HEX.parseHex(hex)));
	}

	@Test
	void invalidSequenceInTheLastFragmentFailsWith1007() throws Exception {
		assertFailsWith(1007, fragment(RawWebSocket.TEXT, "cebae1bdb9cf83cebcceb5", false),
				fragment(RawWebSocket.CONTINUATION, "eda080", true));
	}

	@Test
	void invalidSequenceAcrossTwoFragmentsFailsWith1007() throws Exception {
		// F4 starts a four-byte character; 90 80 80 would make it U+110000
		assertFailsWith(1007, fragment(RawWebSocket.TEXT, "68656c6c6ff4", false),
				fragment(RawWebSocket.CONTINUATION, "908080", true));
	}

	@Test
	void characterCutShortByTheLastFragmentFailsWith1007() throws Exception {
		// the message ends inside a three-byte character
		assertFailsWith(1007, fragment(RawWebSocket.TEXT, "68656c6c6f", false),
				fragment(RawWebSocket.CONTINUATION, "e282", true));
	}

	@Test
	// Jetty checks a message's UTF-8 once it has gathered the whole message: left out of the Jetty run
	@Tag("tomcat")
	void invalidFirstFragmentFailsWith1007BeforeTheMessageEnds() throws Exception {
		// no last fragment follows: the server fails fast rather than wait for it
		assertFailsWith(1007, fragment(RawWebSocket.TEXT, "cebae1bdb9cf83cebcceb5eda080", false));
	}

	@Test
	void invalidSequenceInAMiddleFragmentFailsWith1007() throws Exception {
		assertFailsWith(1007, fragment(RawWebSocket.TEXT, "68656c6c6f", false),
				fragment(RawWebSocket.CONTINUATION, "c0af", false), fragment(RawWebSocket.CONTINUATION, "21", true));
	}

	@Test
	void validTextAtTheEdgesOfEveryEncodingLengthIsEchoed() throws Exception {
		RawWebSocket client = openRaw("/echo");
		client.sendText(EDGES);
		assertThat(client.readText()).isEqualTo(EDGES);
	}

	@Test
	void validTextCutInsideEveryCharacterIsEchoedWhole() throws Exception {
		RawWebSocket client = openRaw("/echo");
		byte[] bytes = EDGES.getBytes(StandardCharsets.UTF_8);
		List<Frame> frames = new ArrayList<>();
		for (int i = 0; i < bytes.length; i++) {
			int opcode = (i == 0) ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION;
			frames.add(Frame.of(opcode, new byte[] { bytes[i] }).withFin(i == bytes.length - 1));
		}
		client.sendAll(frames);
		assertThat(client.readText()).isEqualTo(EDGES);
	}

	@Test
	void binaryMessagesAreNotCheckedForUtf8() throws Exception {
		RawWebSocket client = openRaw("/echo");
		byte[] notUtf8 = HEX.parseHex("c0afeda080fffe");
		client.sendBinary(notUtf8);
		assertThat(client.readMessage().payload()).isEqualTo(notUtf8);
	}

	private static Frame fragment(int opcode, String hex, boolean fin) {
		return Frame.of(opcode, HEX.parseHex(hex)).withFin(fin);
	}

}
