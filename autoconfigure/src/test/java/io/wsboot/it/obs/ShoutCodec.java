package io.wsboot.it.obs;

import java.lang.reflect.Type;
import java.util.Locale;

import io.wsboot.MessageCodec;

import org.springframework.stereotype.Component;

/**
 * A codec other than JSON: a {@link Hello} is its name as plain text, and anything sent
 * is its {@code toString()} in capitals.
 */
@Component("shoutCodec")
public class ShoutCodec implements MessageCodec {

	@Override
	public Object decode(String text, Type type) {
		if (type != Hello.class) {
			throw new IllegalArgumentException("Only Hello");
		}
		return new Hello(text);
	}

	@Override
	public String encode(Object value) {
		return value.toString().toUpperCase(Locale.ROOT);
	}

}
