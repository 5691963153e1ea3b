package io.wsboot.it.obs;

import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;
import jakarta.validation.Valid;

/**
 * Typed JSON in and out, validated, with no error callback: what does not decode closes
 * with 1007, what is not valid with 1008.
 */
@WsEndpoint(value = "/greetings", id = "greetings")
public class GreetingEndpoint {

	@OnTextMessage
	Greeting greet(@Valid Hello hello) {
		return new Greeting("Hello, " + hello.name() + "!");
	}

}
