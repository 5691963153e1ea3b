package io.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Utf8Validator}.
 */
class Utf8ValidatorTests {

	@Test
	void validMultiByteTextIsValidWhenSplitAtEveryPosition() {
		byte[] text = "a\u00e9\u20ac\ud83d\ude00z \u0800\uffff\udbff\udfff".getBytes(StandardCharsets.UTF_8);
		for (int split = 0; split <= text.length; split++) {
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.feed(text, 0, split)).isTrue();
			assertThat(validator.feed(text, split, text.length - split)).isTrue();
			assertThat(validator.isComplete()).isTrue();
		}
		assertThat(Utf8Validator.isValid(text, 0, text.length)).isTrue();
	}

	@Test
	void autobahnStyleInvalidSequencesAreRejected() {
		for (String hex : new String[] { "c0af", "e080af", "eda080", "f4908080", "80", "f5", "ff", "c1bf",
				"f08f8080", "edbfbf", "c328" }) {
			byte[] bytes = HexFormat.of().parseHex(hex);
			assertThat(new Utf8Validator().feed(bytes, 0, bytes.length)).as(hex).isFalse();
			assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).as(hex).isFalse();
		}
	}

	@Test
	void truncatedCodePointIsValidSoFarButNotComplete() {
		byte[] bytes = HexFormat.of().parseHex("41f09f98");
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.feed(bytes, 0, bytes.length)).isTrue();
		assertThat(validator.isComplete()).isFalse();
		assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).isFalse();
		validator.reset();
		assertThat(validator.isComplete()).isTrue();
	}

	@Test
	void failsAtTheFirstByteThatMakesTheInputInvalidWhenFedByteByByte() {
		assertFailsAt("41c0af", 1);
		assertFailsAt("41e080af", 2);
		assertFailsAt("eda080", 1);
		assertFailsAt("f4908080", 1);
		assertFailsAt("cebae1bdb9cf83cebcceb5eda080656469746564", 12);
		assertFailsAt("e282ac80", 3);
	}

	private void assertFailsAt(String hex, int index) {
		byte[] bytes = HexFormat.of().parseHex(hex);
		Utf8Validator validator = new Utf8Validator();
		for (int i = 0; i < bytes.length; i++) {
			boolean ok = validator.feed(bytes, i, 1);
			assertThat(ok).as("%s at %d", hex, i).isEqualTo(i < index);
		}
	}

	@Test
	void agreesWithTheJdkStrictDecoderOnRandomBytes() {
		Random random = new Random(42);
		for (int i = 0; i < 5000; i++) {
			byte[] bytes = new byte[random.nextInt(12)];
			for (int j = 0; j < bytes.length; j++) {
				// biased towards bytes that start or continue multi-byte sequences
				bytes[j] = (byte) ((random.nextInt(4) == 0) ? random.nextInt(128) : 0x80 + random.nextInt(128));
			}
			boolean jdk = isValidForJdk(bytes);
			assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).as(HexFormat.of().formatHex(bytes))
				.isEqualTo(jdk);
			Utf8Validator validator = new Utf8Validator();
			int split = (bytes.length > 0) ? random.nextInt(bytes.length) : 0;
			boolean incremental = validator.feed(bytes, 0, split) && validator.feed(bytes, split, bytes.length - split)
					&& validator.isComplete();
			assertThat(incremental).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
		}
	}

	private static boolean isValidForJdk(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
