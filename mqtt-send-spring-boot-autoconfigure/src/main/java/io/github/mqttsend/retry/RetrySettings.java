package io.github.mqttsend.retry;

import java.time.Duration;

/**
 * How failed attempts are retried: exponential back-off with jitter, and whether a failure that leaves
 * delivery unknown (a read timeout, a connection lost after the request was written) is retried.
 *
 * @param enabled whether to retry at all
 * @param maxRetries retries after the first attempt
 * @param initialInterval the wait before the first retry
 * @param multiplier how much each wait grows
 * @param maxInterval the longest single wait; also the longest {@code x-acs-retry-after} honoured
 * @param jitter the random amount added to or taken from each wait
 * @param retryUnknownDelivery whether to retry failures that may have stored the message (at-least-once when
 * true, at-most-once when false)
 */
public record RetrySettings(boolean enabled, int maxRetries, Duration initialInterval, double multiplier,
		Duration maxInterval, Duration jitter, boolean retryUnknownDelivery) {

	/** The defaults: up to 3 retries after 100 ms, 200 ms, 400 ms (±50 ms), at most 2 s apart. */
	public static final RetrySettings DEFAULTS = new RetrySettings(true, 3, Duration.ofMillis(100), 2.0,
			Duration.ofSeconds(2), Duration.ofMillis(50), true);

	/** No retries: every failure is thrown as it happens. */
	public static final RetrySettings NONE = new RetrySettings(false, 0, Duration.ZERO, 1.0, Duration.ZERO,
			Duration.ZERO, false);

	public RetrySettings {
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative");
		}
		if (multiplier < 1.0) {
			throw new IllegalArgumentException("multiplier must be at least 1");
		}
		if (initialInterval.isNegative() || maxInterval.isNegative() || jitter.isNegative()) {
			throw new IllegalArgumentException("intervals must not be negative");
		}
		if (jitter.compareTo(initialInterval) > 0 && !initialInterval.isZero()) {
			throw new IllegalArgumentException("jitter must not exceed initialInterval");
		}
	}

	/** The largest number of HTTP attempts one send can make. */
	public int maxAttempts() {
		return this.enabled ? this.maxRetries + 1 : 1;
	}

}
