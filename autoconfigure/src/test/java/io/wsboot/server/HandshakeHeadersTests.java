package io.wsboot.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HandshakeHeaders}.
 */
class HandshakeHeadersTests {

	@Test
	void namesAreLookedUpWithoutRegardToCase() {
		HttpHeaders headers = HandshakeHeaders.copyOf(request());
		assertThat(headers.getFirst("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(headers.get("HOST")).containsExactly("example.com:8080");
		assertThat(headers.containsHeader("x-TRACE")).isTrue();
		assertThat(headers.containsHeader("X-Absent")).isFalse();
		assertThat(headers.get("X-Absent")).isNull();
		assertThat(headers.getFirst("X-Absent")).isNull();
	}

	@Test
	void theValuesOfARepeatedHeaderKeepTheirOrder() {
		HttpHeaders headers = HandshakeHeaders.copyOf(request());
		assertThat(headers.get("x-trace")).containsExactly("one", "two", "three");
		assertThat(headers.getFirst("X-Trace")).isEqualTo("one");
		assertThat(headers.getValuesAsList("Sec-WebSocket-Protocol")).containsExactly("chat", "superchat");
	}

	@Test
	void namesIterateAsReceivedInTheirOrder() {
		HttpHeaders headers = HandshakeHeaders.copyOf(request());
		assertThat(headers.headerNames()).containsExactly("Host", "Upgrade", "Sec-WebSocket-Key", "x-trace",
				"Sec-WebSocket-Protocol");
		assertThat(headers.size()).isEqualTo(5);
		List<String> seen = new ArrayList<>();
		headers.forEach((name, values) -> seen.add(name + "=" + values));
		assertThat(seen).containsExactly("Host=[example.com:8080]", "Upgrade=[websocket]",
				"Sec-WebSocket-Key=[dGhlIHNhbXBsZSBub25jZQ==]", "x-trace=[one, two, three]",
				"Sec-WebSocket-Protocol=[chat, superchat]");
		assertThat(headers.toSingleValueMap()).containsExactly(Map.entry("Host", "example.com:8080"),
				Map.entry("Upgrade", "websocket"), Map.entry("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
				Map.entry("x-trace", "one"), Map.entry("Sec-WebSocket-Protocol", "chat, superchat"));
	}

	@Test
	void theCopyEqualsTheHeadersItCopied() {
		HttpHeaders request = request();
		HttpHeaders headers = HandshakeHeaders.copyOf(request);
		assertThat(headers).isEqualTo(request);
		assertThat(request).isEqualTo(headers);
		assertThat(headers).hasSameHashCodeAs(request);
		assertThat(HttpHeaders.copyOf(headers)).isEqualTo(request);
	}

	@Test
	void theCopyDoesNotFollowTheRequest() {
		HttpHeaders request = request();
		HttpHeaders headers = HandshakeHeaders.copyOf(request);
		request.set("Host", "elsewhere");
		request.add("X-Late", "1");
		assertThat(headers.getFirst("Host")).isEqualTo("example.com:8080");
		assertThat(headers.containsHeader("X-Late")).isFalse();
	}

	@Test
	void theCopyIsReadOnly() {
		HttpHeaders headers = HandshakeHeaders.copyOf(request());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.set("Host", "x"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.add("X-New", "x"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.remove("Host"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> headers.get("x-trace").add("four"));
		assertThat(headers.get("x-trace")).containsExactly("one", "two", "three");
	}

	@Test
	void theNamesAndValuesClientsSendMostAreOneStringForEveryConnection() {
		HttpHeaders first = HandshakeHeaders.copyOf(request());
		HttpHeaders second = HandshakeHeaders.copyOf(request());
		assertThat(first.headerNames().iterator().next()).isSameAs(second.headerNames().iterator().next());
		assertThat(first.getFirst("Upgrade")).isSameAs(second.getFirst("Upgrade"));
		assertThat(first.getFirst("Host")).isNotSameAs(second.getFirst("Host"));
	}

	@Test
	void noHeadersIsEmpty() {
		HttpHeaders headers = HandshakeHeaders.copyOf(new HttpHeaders());
		assertThat(headers.isEmpty()).isTrue();
		assertThat(headers.size()).isZero();
		assertThat(headers.headerNames()).isEmpty();
		assertThat(headers.get("Host")).isNull();
	}

	// new strings each time, as a container gives them for each request
	private static HttpHeaders request() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(copy("Host"), copy("example.com:8080"));
		headers.add(copy("Upgrade"), copy("websocket"));
		headers.add(copy("Sec-WebSocket-Key"), copy("dGhlIHNhbXBsZSBub25jZQ=="));
		headers.add(copy("x-trace"), copy("one"));
		headers.add(copy("X-Trace"), copy("two"));
		headers.add(copy("x-trace"), copy("three"));
		headers.add(copy("Sec-WebSocket-Protocol"), copy("chat, superchat"));
		return headers;
	}

	private static String copy(String text) {
		return new String(text.toCharArray());
	}

}
