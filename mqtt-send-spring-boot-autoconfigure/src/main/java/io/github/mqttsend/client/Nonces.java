package io.github.mqttsend.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Signature nonces: 128 random bits as 32 hex digits, like the official SDKs send. Drawn from a per-thread
 * generator, so that no send waits on another; the gateway only needs them not to repeat within 15 minutes.
 */
final class Nonces {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Nonces() {
	}

	static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] out = new char[32];
		fill(out, 0, random.nextLong());
		fill(out, 16, random.nextLong());
		return new String(out);
	}

	private static void fill(char[] out, int offset, long bits) {
		for (int i = offset + 15; i >= offset; i--) {
			out[i] = HEX[(int) (bits & 0xF)];
			bits >>>= 4;
		}
	}

}
