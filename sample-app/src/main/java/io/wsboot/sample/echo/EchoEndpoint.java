package io.wsboot.sample.echo;

import java.nio.ByteBuffer;

import io.wsboot.OnBinaryMessage;
import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;

/**
 * Sends every message back to its sender, unchanged. Also serves {@code /foo} and
 * {@code /bar}, which {@code application.yml} binds to this bean.
 */
@WsEndpoint("/echo")
public class EchoEndpoint {

	@OnTextMessage
	String onText(String message) {
		return message;
	}

	@OnBinaryMessage
	ByteBuffer onBinary(ByteBuffer message) {
		return message;
	}

}
