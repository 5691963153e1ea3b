package io.wsboot.relay;

import io.wsboot.relay.RelayMessage.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RelayMessage}'s encoding.
 */
class RelayMessageTests {

	@Test
	void aTextMessageSurvivesEncodingUnchanged() {
		RelayMessage message = RelayMessage.text(Kind.PUBLISH_EXCEPT, "instance-1", "röom 😀", "conn-7",
				"héllo \u0000 ✓");
		assertThat(RelayMessage.decode(message.encode())).isEqualTo(message);
	}

	@Test
	void aBinaryMessageSurvivesEncodingByteForByte() {
		byte[] data = new byte[256];
		for (int i = 0; i < data.length; i++) {
			data[i] = (byte) i;
		}
		RelayMessage decoded = RelayMessage.decode(RelayMessage.binary(Kind.SEND, "i", "c", null, data).encode());
		assertThat(decoded.isText()).isFalse();
		assertThat(decoded.except()).isNull();
		assertThat(decoded.data()).isEqualTo(data);
	}

	@Test
	void anEmptyExceptStaysDistinctFromNone() {
		RelayMessage message = RelayMessage.text(Kind.BROADCAST_EXCEPT, "i", "chat", "", "x");
		assertThat(RelayMessage.decode(message.encode()).except()).isEmpty();
	}

	@Test
	void bytesThatAreNoRelayMessageAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RelayMessage.decode(new byte[] { 9, 9 }));
		assertThatIllegalArgumentException().isThrownBy(() -> RelayMessage.decode(new byte[0]));
	}

}
