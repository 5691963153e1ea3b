package io.wsboot.server;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * The headers of a handshake request as a connection keeps them for as long as it is open:
 * read-only, names looked up without regard to case, held in one array of names and
 * values. The map of lists that {@link HttpHeaders} builds by default costs several times
 * as much per header, and an idle connection is mostly what it keeps.
 */
final class HandshakeHeaders extends AbstractMap<String, List<String>> implements MultiValueMap<String, String> {

	// the names and values that WebSocket clients and browsers send most, one String each
	// for every connection instead of one per connection
	private static final Map<String, String> COMMON = table("Host", "Connection", "Upgrade", "Origin", "User-Agent",
			"Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Pragma", "Cookie", "Authorization",
			"Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol",
			"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "Forwarded", "host",
			"connection", "upgrade", "origin", "user-agent", "accept", "accept-encoding", "accept-language",
			"cache-control", "pragma", "cookie", "authorization", "sec-websocket-key", "sec-websocket-version",
			"sec-websocket-extensions", "sec-websocket-protocol", "websocket", "keep-alive, Upgrade", "13",
			"no-cache", "gzip, deflate", "gzip, deflate, br", "gzip, deflate, br, zstd", "permessage-deflate",
			"permessage-deflate; client_max_window_bits");

	/**
	 * Name, value, name, value…; the values of one name next to each other, in order, each
	 * after the same {@code String} for the name, which is how {@link #endOfName} groups them.
	 */
	private final String[] entries;

	private HandshakeHeaders(String[] entries) {
		this.entries = entries;
	}

	/**
	 * Copy headers, which may be a view of a request the container recycles.
	 * @param headers the headers to copy
	 * @return read-only headers that hold the copy
	 */
	static HttpHeaders copyOf(HttpHeaders headers) {
		int count = 0;
		for (Entry<String, List<String>> header : headers.headerSet()) {
			count += header.getValue().size();
		}
		String[] entries = new String[count * 2];
		int i = 0;
		for (Entry<String, List<String>> header : headers.headerSet()) {
			String name = common(header.getKey());
			for (String value : header.getValue()) {
				entries[i++] = name;
				entries[i++] = common(value);
			}
		}
		return HttpHeaders.readOnlyHttpHeaders(new HandshakeHeaders(entries));
	}

	@Override
	public @Nullable List<String> get(@Nullable Object key) {
		int first = indexOf(key);
		if (first < 0) {
			return null;
		}
		int end = endOfName(first);
		if (end == first + 2) {
			return Collections.singletonList(this.entries[first + 1]);
		}
		String[] values = new String[(end - first) / 2];
		for (int i = first; i < end; i += 2) {
			values[(i - first) / 2] = this.entries[i + 1];
		}
		return Collections.unmodifiableList(Arrays.asList(values));
	}

	@Override
	public @Nullable String getFirst(String key) {
		int first = indexOf(key);
		return (first >= 0) ? this.entries[first + 1] : null;
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return indexOf(key) >= 0;
	}

	@Override
	public int size() {
		int names = 0;
		for (int i = 0; i < this.entries.length; i = endOfName(i)) {
			names++;
		}
		return names;
	}

	@Override
	public boolean isEmpty() {
		return this.entries.length == 0;
	}

	@Override
	public Set<Entry<String, List<String>>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<String, List<String>>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < HandshakeHeaders.this.entries.length;
					}

					@Override
					public Entry<String, List<String>> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						String name = HandshakeHeaders.this.entries[this.next];
						this.next = endOfName(this.next);
						return new SimpleImmutableEntry<>(name, get(name));
					}

				};
			}

			@Override
			public int size() {
				return HandshakeHeaders.this.size();
			}

		};
	}

	@Override
	public Map<String, String> toSingleValueMap() {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < this.entries.length; i = endOfName(i)) {
			map.put(this.entries[i], this.entries[i + 1]);
		}
		return map;
	}

	@Override
	public void add(String key, @Nullable String value) {
		throw readOnly();
	}

	@Override
	public void addAll(String key, List<? extends String> values) {
		throw readOnly();
	}

	@Override
	public void addAll(MultiValueMap<String, String> values) {
		throw readOnly();
	}

	@Override
	public void set(String key, @Nullable String value) {
		throw readOnly();
	}

	@Override
	public void setAll(Map<String, String> values) {
		throw readOnly();
	}

	private int indexOf(@Nullable Object key) {
		if (key instanceof String name) {
			for (int i = 0; i < this.entries.length; i += 2) {
				if (this.entries[i].equalsIgnoreCase(name)) {
					return i;
				}
			}
		}
		return -1;
	}

	/** The index of the next name after the values of the name at {@code first}. */
	private int endOfName(int first) {
		String name = this.entries[first];
		int i = first + 2;
		while (i < this.entries.length && this.entries[i] == name) {
			i += 2;
		}
		return i;
	}

	private static UnsupportedOperationException readOnly() {
		return new UnsupportedOperationException("The handshake's headers are read-only");
	}

	private static String common(String text) {
		return COMMON.getOrDefault(text, text);
	}

	private static Map<String, String> table(String... texts) {
		Map<String, String> table = new HashMap<>();
		for (String text : texts) {
			table.put(text, text);
		}
		return Map.copyOf(table);
	}

}
