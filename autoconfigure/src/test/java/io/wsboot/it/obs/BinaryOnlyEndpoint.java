package io.wsboot.it.obs;

import io.wsboot.OnBinaryMessage;
import io.wsboot.WsEndpoint;

/**
 * Echoes binary messages, and has no method for text.
 */
@WsEndpoint(value = "/binary-only", id = "binary-only")
public class BinaryOnlyEndpoint {

	@OnBinaryMessage
	byte[] onBinary(byte[] message) {
		return message;
	}

}
