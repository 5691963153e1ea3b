package io.wsboot.it.obs;

import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;

/**
 * Echoes text, and has no method for binary messages.
 */
@WsEndpoint(value = "/text-only", id = "text-only")
public class TextOnlyEndpoint {

	@OnTextMessage
	String onText(String message) {
		return message;
	}

}
