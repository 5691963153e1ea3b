package io.wsboot.sample.greetings;

import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;

/**
 * Greets by name, in JSON: {@code {"name":"Ada"}} in, {@code {"greeting":"Hello, Ada!"}}
 * out. Anything else closes the connection with 1007 (invalid payload data).
 */
@WsEndpoint(value = "/greetings", id = "greetings")
public class GreetingsEndpoint {

	@OnTextMessage
	Greeting greet(Hello hello) {
		return new Greeting("Hello, " + hello.name() + "!");
	}

}
