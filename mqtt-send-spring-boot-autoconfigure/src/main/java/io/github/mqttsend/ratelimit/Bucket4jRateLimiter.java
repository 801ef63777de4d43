package io.github.mqttsend.ratelimit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import io.github.mqttsend.MqttSendRateLimitException;

/**
 * A lock-free, in-process token bucket (Bucket4j) holding every limit at once: the per-host limit (300 calls/s
 * for any single source IP, over which the service blocks the IP) and the account's SendMessage limit
 * (1,000 calls/s). A call needs a token from each.
 * <p>
 * Each limit is a bucket of a few tokens ({@code limit / 100}, 1 to 5) refilled evenly at 2% and that burst
 * under the limit (291 calls/s for 300, 975 for 1,000), so that no one-second window, however it is placed,
 * holds more than {@code burst + rate} calls as they leave (294 for 300, 980 for 1,000), and the 2% left over
 * absorbs calls that reach the service some milliseconds later than they left. A token is taken at the moment the call goes
 * out, never reserved ahead: a waiting thread parks until the next token is due and then tries again, so a
 * thread that wakes late (a loaded CPU, a GC pause) finds its token taken instead of sending in a bunch with
 * the ones after it; the small burst makes up for such late wake-ups, so the rate holds.
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

	/** The sustained rate a limit of {@code callsPerSecond} lets through: 2% and the burst under it. */
	static long sustainedRate(long callsPerSecond) {
		return Math.max(1, callsPerSecond - (2 * callsPerSecond + 99) / 100 - burst(callsPerSecond));
	}

	/**
	 * Tokens a bucket holds: enough to make up for a waiter that wakes a few milliseconds late, few enough that
	 * burst + rate stays under the limit.
	 */
	static long burst(long callsPerSecond) {
		return Math.max(1, Math.min(5, callsPerSecond / 100));
	}

	private static Bandwidth bandwidth(long callsPerSecond) {
		if (callsPerSecond < 2) {
			throw new IllegalArgumentException("A limit must be at least 2 calls/s, not " + callsPerSecond);
		}
		long burst = burst(callsPerSecond);
		return Bandwidth.builder()
			.capacity(burst)
			.refillGreedy(sustainedRate(callsPerSecond), Duration.ofSeconds(1))
			.initialTokens(burst)
			.build();
	}

	@Override
	public long acquire() {
		ConsumptionProbe probe = this.bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return 0L;
		}
		long start = System.nanoTime();
		long deadline = start + this.maxWaitNanos;
		while (true) {
			long now = System.nanoTime();
			long wait = probe.getNanosToWaitForRefill();
			if (now + wait > deadline) {
				throw new MqttSendRateLimitException(this.maxWait, this.tightestLimit);
			}
			LockSupport.parkNanos(wait);
			if (Thread.interrupted()) {
				Thread.currentThread().interrupt();
				throw new MqttSendRateLimitException(this.maxWait, this.tightestLimit);
			}
			probe = this.bucket.tryConsumeAndReturnRemaining(1);
			if (probe.isConsumed()) {
				return System.nanoTime() - start;
			}
		}
	}

	@Override
	public String toString() {
		return "Bucket4jRateLimiter[tightest limit " + this.tightestLimit + " calls/s, max wait " + this.maxWait + "]";
	}

}
