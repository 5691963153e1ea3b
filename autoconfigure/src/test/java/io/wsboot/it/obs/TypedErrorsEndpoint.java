package io.wsboot.it.obs;

import io.wsboot.MessageDecodeException;
import io.wsboot.MessageValidationException;
import io.wsboot.OnError;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;
import jakarta.validation.Valid;

/**
 * Typed JSON with an error callback, which answers each failure itself, and a welcome
 * sent as an object.
 */
@WsEndpoint(value = "/typed", id = "typed")
public class TypedErrorsEndpoint {

	@OnOpen
	void onOpen(WsConnection connection) {
		connection.sendObject(new Greeting("welcome"));
	}

	@OnTextMessage
	Greeting greet(@Valid Hello hello) {
		return new Greeting("Hello, " + hello.name() + "!");
	}

	@OnError
	void onError(WsConnection connection, RuntimeException error) {
		if (error instanceof MessageDecodeException decode) {
			connection.send("decode failed: " + decode.getExpectedType().getTypeName());
		}
		else if (error instanceof MessageValidationException validation) {
			connection.send("invalid: " + validation.getViolations());
		}
	}

}
