package io.wsboot.server;

/**
 * An incremental UTF-8 validator for text messages that arrive in fragments and in
 * socket reads that may end inside a code point. Its whole state is one {@code int}, so
 * it allocates nothing; it fails fast, at the first byte after which the input can no
 * longer be valid UTF-8 (overlong forms, surrogates U+D800 to U+DFFF, code points above
 * U+10FFFF, bad or missing continuation bytes), as RFC 6455 section 8.1 and the Autobahn
 * test suite's cases 6.* expect. One instance is used by one connection at a time.
 */
final class Utf8Validator {

	// States: how the next byte must look. ACCEPT is "between code points".
	private static final int ACCEPT = 0;

	// One more continuation byte 80..BF.
	private static final int CONT1 = 1;

	// Two more continuation bytes 80..BF.
	private static final int CONT2 = 2;

	// Three more continuation bytes 80..BF.
	private static final int CONT3 = 3;

	// After E0: A0..BF, else the form is overlong.
	private static final int AFTER_E0 = 4;

	// After ED: 80..9F, else it encodes a surrogate.
	private static final int AFTER_ED = 5;

	// After F0: 90..BF, else the form is overlong.
	private static final int AFTER_F0 = 6;

	// After F4: 80..8F, else the code point is above U+10FFFF.
	private static final int AFTER_F4 = 7;

	// Sticky: once invalid, always invalid.
	private static final int REJECT = -1;

	private int state = ACCEPT;

	/**
	 * Validate the next bytes of the input.
	 * @param buf the bytes
	 * @param off where they start
	 * @param len how many
	 * @return {@code false} as soon as the input seen so far cannot be the start of valid
	 * UTF-8 (and from then on until {@link #reset()}), else {@code true}
	 */
	boolean feed(byte[] buf, int off, int len) {
		int state = this.state;
		if (state != REJECT) {
			state = run(state, buf, off, off + len);
			this.state = state;
		}
		return state != REJECT;
	}

	/**
	 * Return whether the input seen so far is valid and ends between code points, that is
	 * whether it is complete valid UTF-8.
	 * @return {@code true} if a message could end here
	 */
	boolean isComplete() {
		return this.state == ACCEPT;
	}

	/**
	 * Forget all input, for the next message.
	 */
	void reset() {
		this.state = ACCEPT;
	}

	/**
	 * Return whether the given bytes are complete, valid UTF-8, as a close reason must be.
	 * @param buf the bytes
	 * @param off where they start
	 * @param len how many
	 * @return {@code true} if valid
	 */
	static boolean isValid(byte[] buf, int off, int len) {
		return run(ACCEPT, buf, off, off + len) == ACCEPT;
	}

	/**
	 * Run the state machine over {@code buf[pos..end)}.
	 * @return the state after the last byte, or {@link #REJECT} at the first bad byte
	 */
	private static int run(int state, byte[] buf, int pos, int end) {
		while (pos < end) {
			if (state == ACCEPT) {
				// ASCII fast path: text is mostly ASCII, and an ASCII byte needs no state
				while (pos < end && buf[pos] >= 0) {
					pos++;
				}
				if (pos == end) {
					return ACCEPT;
				}
			}
			int b = buf[pos++] & 0xFF;
			state = next(state, b);
			if (state == REJECT) {
				return REJECT;
			}
		}
		return state;
	}

	private static int next(int state, int b) {
		switch (state) {
			case ACCEPT:
				return lead(b);
			case CONT1:
				return (b >= 0x80 && b <= 0xBF) ? ACCEPT : REJECT;
			case CONT2:
				return (b >= 0x80 && b <= 0xBF) ? CONT1 : REJECT;
			case CONT3:
				return (b >= 0x80 && b <= 0xBF) ? CONT2 : REJECT;
			case AFTER_E0:
				return (b >= 0xA0 && b <= 0xBF) ? CONT1 : REJECT;
			case AFTER_ED:
				return (b >= 0x80 && b <= 0x9F) ? CONT1 : REJECT;
			case AFTER_F0:
				return (b >= 0x90 && b <= 0xBF) ? CONT2 : REJECT;
			case AFTER_F4:
				return (b >= 0x80 && b <= 0x8F) ? CONT2 : REJECT;
			default:
				return REJECT;
		}
	}

	private static int lead(int b) {
		if (b < 0x80) {
			return ACCEPT;
		}
		if (b < 0xC2) {
			// 80..BF is a continuation byte without a lead; C0 and C1 only start overlong forms
			return REJECT;
		}
		if (b < 0xE0) {
			return CONT1;
		}
		if (b == 0xE0) {
			return AFTER_E0;
		}
		if (b == 0xED) {
			return AFTER_ED;
		}
		if (b < 0xF0) {
			return CONT2;
		}
		if (b == 0xF0) {
			return AFTER_F0;
		}
		if (b < 0xF4) {
			return CONT3;
		}
		if (b == 0xF4) {
			return AFTER_F4;
		}
		// F5..FF would start code points above U+10FFFF
		return REJECT;
	}

}
