package io.wsboot.autoconfigure;

import java.lang.reflect.Type;

import io.wsboot.MessageCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link MessageCodec}: JSON through the application's {@link JsonMapper}.
 */
final class JsonMessageCodec implements MessageCodec {

	private final JsonMapper mapper;

	JsonMessageCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public @Nullable Object decode(String text, Type type) {
		return this.mapper.readValue(text, this.mapper.constructType(type));
	}

	@Override
	public String encode(Object value) {
		return this.mapper.writeValueAsString(value);
	}

}
