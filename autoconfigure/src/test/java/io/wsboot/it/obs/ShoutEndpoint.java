package io.wsboot.it.obs;

import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;

/**
 * Typed messages through a codec of its own.
 */
@WsEndpoint(value = "/shout", id = "shout", codec = "shoutCodec")
public class ShoutEndpoint {

	@OnTextMessage
	Greeting greet(Hello hello) {
		return new Greeting("Hello, " + hello.name() + "!");
	}

}
