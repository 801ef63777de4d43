package io.github.mqttsend.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The nonces seen in the last 15 minutes, per AccessKey: a nonce must not repeat within that time
 * ({@code SignatureNonceUsed}). Older ones are forgotten; a request that old fails the clock check anyway.
 */
final class NonceCache {

	private final Duration lifetime;

	private final Map<String, Instant> used = new HashMap<>();

	private final ArrayDeque<Map.Entry<String, Instant>> byAge = new ArrayDeque<>();

	NonceCache(Duration lifetime) {
		this.lifetime = lifetime;
	}

	/** Records {@code nonce}; {@code false} if it was used within the lifetime. */
	synchronized boolean use(String accessKeyId, String nonce, Instant now) {
		forgetOlderThan(now.minus(this.lifetime));
		String key = accessKeyId + '\n' + nonce;
		if (this.used.containsKey(key)) {
			return false;
		}
		this.used.put(key, now);
		this.byAge.add(Map.entry(key, now));
		return true;
	}

	synchronized int size() {
		return this.used.size();
	}

	private void forgetOlderThan(Instant horizon) {
		while (!this.byAge.isEmpty() && this.byAge.peek().getValue().isBefore(horizon)) {
			Map.Entry<String, Instant> oldest = this.byAge.poll();
			this.used.remove(oldest.getKey(), oldest.getValue());
		}
	}

}
