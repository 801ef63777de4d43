package io.github.mqttsend.emulator;

import java.time.Clock;

/**
 * The account's SendMessage limit: a token bucket of {@code callsPerSecond} tokens, refilled continuously by the
 * emulator's clock, so no one-second window passes the limit. A call that finds no token is answered
 * {@code Throttling.User} (HTTP 400).
 */
final class CallRateLimiter {

	private final int callsPerSecond;

	private final Clock clock;

	private double tokens;

	private long lastRefillMillis;

	CallRateLimiter(int callsPerSecond, Clock clock) {
		if (callsPerSecond < 1) {
			throw new IllegalArgumentException("callsPerSecond must be at least 1");
		}
		this.callsPerSecond = callsPerSecond;
		this.clock = clock;
		this.tokens = callsPerSecond;
		this.lastRefillMillis = clock.millis();
	}

	synchronized boolean tryAcquire() {
		long now = this.clock.millis();
		if (now > this.lastRefillMillis) {
			this.tokens = Math.min(this.callsPerSecond,
					this.tokens + (now - this.lastRefillMillis) * this.callsPerSecond / 1000.0);
			this.lastRefillMillis = now;
		}
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

	int callsPerSecond() {
		return this.callsPerSecond;
	}

}
