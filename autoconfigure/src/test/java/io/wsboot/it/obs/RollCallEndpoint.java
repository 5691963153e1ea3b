package io.wsboot.it.obs;

import java.util.List;

import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;

/**
 * A generic parameter, decoded with its element type.
 */
@WsEndpoint(value = "/roll-call", id = "roll-call")
public class RollCallEndpoint {

	@OnTextMessage
	List<String> names(List<Hello> hellos) {
		return hellos.stream().map(Hello::name).toList();
	}

}
