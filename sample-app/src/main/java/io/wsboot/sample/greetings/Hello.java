package io.wsboot.sample.greetings;

/**
 * What a client sends: {@code {"name":"Ada"}}. A message without a name does not
 * decode, so its connection is closed with 1007.
 *
 * @param name who to greet
 */
public record Hello(String name) {

	public Hello {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name is required");
		}
	}

}
