package io.github.mqttsend.ratelimit;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import io.github.mqttsend.MqttSendRateLimitException;

/**
 * A lock-free, in-process token bucket (Bucket4j) holding every limit at once: the per-host limit (300 calls/s
 * for any single source IP, over which the service blocks the IP) and the account's SendMessage limit
 * (1,000 calls/s). A call needs a token from each.
 * <p>
 * Each limit is a bucket of one token refilled evenly at slightly under the limit, so that no one-second
 * window, however it is placed, holds more calls than the limit, even when calls reach the service some
 * milliseconds later than their turn: {@code 1 + rate ≤ 0.97 × limit}, which absorbs about 30 ms of delay at
 * 300 calls/s (290 calls/s sustained). Waiting callers reserve their token and are then parked, first come first
 * served; a parked thread that wakes late (a loaded CPU, a GC pause) sends together with the ones after it, and
 * on a 2-core machine a 1% margin was measured to let 301–303 calls into one second at the server.
 */
public final class Bucket4jRateLimiter implements SendRateLimiter {

	private final Bucket bucket;

	private final long maxWaitNanos;

	private final Duration maxWait;

	private final long tightestLimit;

	/**
	 * @param maxWait how long a caller may wait for a permit
	 * @param callsPerSecond the limits, each in calls per second
	 */
	public Bucket4jRateLimiter(Duration maxWait, long... callsPerSecond) {
		if (callsPerSecond.length == 0) {
			throw new IllegalArgumentException("At least one limit is required");
		}
		var builder = Bucket.builder();
		long tightest = Long.MAX_VALUE;
		for (long limit : callsPerSecond) {
			builder.addLimit(bandwidth(limit));
			tightest = Math.min(tightest, limit);
		}
		this.bucket = builder.build();
		this.maxWait = maxWait;
		this.maxWaitNanos = maxWait.toNanos();
		this.tightestLimit = tightest;
	}

	/** The sustained rate a limit of {@code callsPerSecond} lets through: 3% and one call under it. */
	static long sustainedRate(long callsPerSecond) {
		return Math.max(1, callsPerSecond - (3 * callsPerSecond + 99) / 100 - 1);
	}

	private static Bandwidth bandwidth(long callsPerSecond) {
		if (callsPerSecond < 2) {
			throw new IllegalArgumentException("A limit must be at least 2 calls/s, not " + callsPerSecond);
		}
		return Bandwidth.builder()
			.capacity(1)
			.refillGreedy(sustainedRate(callsPerSecond), Duration.ofSeconds(1))
			.initialTokens(1)
			.build();
	}

	@Override
	public long acquire() {
		if (this.bucket.tryConsume(1)) {
			return 0L;
		}
		long start = System.nanoTime();
		boolean acquired;
		try {
			acquired = this.bucket.asBlocking().tryConsume(1, this.maxWaitNanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MqttSendRateLimitException(this.maxWait, this.tightestLimit);
		}
		if (!acquired) {
			throw new MqttSendRateLimitException(this.maxWait, this.tightestLimit);
		}
		return System.nanoTime() - start;
	}

	@Override
	public String toString() {
		return "Bucket4jRateLimiter[tightest limit " + this.tightestLimit + " calls/s, max wait " + this.maxWait + "]";
	}

}
