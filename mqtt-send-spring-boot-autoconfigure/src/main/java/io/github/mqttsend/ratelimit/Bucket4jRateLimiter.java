package io.github.mqttsend.ratelimit;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import io.github.mqttsend.MqttSendRateLimitException;

/**
 * Keeps every limit at once: the per-host limit (300 calls/s for any single source IP, over which the service
 * blocks the IP) and the account's SendMessage limit (1,000 calls/s). A call needs two things:
 * <ul>
 * <li>a token from an in-process Bucket4j bucket per limit, refilled evenly at 1% under the limit (297 calls/s for
 * 300, 990 for 1,000) and holding 20 ms worth ({@code limit / 50}, 1 to 20): this paces the calls instead of
 * letting a second's worth leave at once;</li>
 * <li>a place in the {@link CallWindow} of the tightest limit: no more calls than the limit in flight or finished
 * less than a second ago. This is what makes "never above the limit" hold where the service counts, however
 * late calls get there: a bucket alone bounds the calls as they leave, and a stalled thread or network then
 * delivers them in a bunch. While answers take under 10 ms the window never binds (1% of a second); slower
 * answers lower the rate to {@code limit / (1 + latency)}.</li>
 * </ul>
 * A caller that finds no permit queues behind the callers already waiting, in arrival order, and only the first
 * of them polls: each permit wakes one thread, not all of them. Callers that find a permit free take it without
 * queueing. No lock is held across a call: a caller waits for time to pass (a token, a place in the window),
 * never for a lock that a call in progress holds.
 */
public final class Bucket4jRateLimiter implements SendRateLimiter {

	private final Bucket bucket;

	private final CallWindow window;

	private final Semaphore firstInLine = new Semaphore(1, true);

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
		// System.nanoTime(): Bucket4j's default clock is System.currentTimeMillis(), which moves with the wall
		// clock and in whole milliseconds, so a waiter woken on time could still find no token and spin
		var builder = Bucket.builder().withNanosecondPrecision();
		long tightest = Long.MAX_VALUE;
		for (long limit : callsPerSecond) {
			builder.addLimit(bandwidth(limit));
			tightest = Math.min(tightest, limit);
		}
		this.bucket = builder.build();
		this.window = new CallWindow((int) Math.min(Integer.MAX_VALUE, tightest));
		this.maxWait = maxWait;
		this.maxWaitNanos = maxWait.toNanos();
		this.tightestLimit = tightest;
	}

	/** The rate the bucket paces calls at under a limit of {@code callsPerSecond}: 1% under it, rounded down. */
	static long sustainedRate(long callsPerSecond) {
		return callsPerSecond - (callsPerSecond + 99) / 100;
	}

	/**
	 * Tokens a bucket holds: 20 ms worth (1 to 20), so that a waiter that wakes late, or a pause of the whole JVM,
	 * costs no tokens. The window, not the bucket, keeps every second at the service under the limit.
	 */
	static long burst(long callsPerSecond) {
		return Math.max(1, Math.min(20, callsPerSecond / 50));
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
		long start = System.nanoTime();
		if (tryTake(start) == 0) {
			return 0L;
		}
		long deadline = start + this.maxWaitNanos;
		try {
			if (!this.firstInLine.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
				throw limitExceeded();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw limitExceeded();
		}
		try {
			return waitAsFirstInLine(start, deadline);
		}
		finally {
			this.firstInLine.release();
		}
	}

	private long waitAsFirstInLine(long start, long deadline) {
		while (true) {
			long now = System.nanoTime();
			long wait = tryTake(now);
			if (wait == 0) {
				return now - start;
			}
			if (now + wait > deadline) {
				throw limitExceeded();
			}
			LockSupport.parkNanos(wait);
			if (Thread.interrupted()) {
				Thread.currentThread().interrupt();
				throw limitExceeded();
			}
		}
	}

	private MqttSendRateLimitException limitExceeded() {
		return new MqttSendRateLimitException(this.maxWait, this.tightestLimit);
	}

	/**
	 * Takes a place in the window and a token, both or neither.
	 * @return 0 if taken; else how long until they could be, at the soonest
	 */
	private long tryTake(long now) {
		if (!this.window.tryAdmit(now)) {
			return Math.max(1, this.window.nanosUntilRoom(now));
		}
		ConsumptionProbe probe = this.bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return 0;
		}
		this.window.cancel();
		return Math.max(1, probe.getNanosToWaitForRefill());
	}

	@Override
	public void release() {
		this.window.finish(System.nanoTime());
	}

	@Override
	public String toString() {
		return "Bucket4jRateLimiter[tightest limit " + this.tightestLimit + " calls/s, max wait " + this.maxWait + "]";
	}

}
