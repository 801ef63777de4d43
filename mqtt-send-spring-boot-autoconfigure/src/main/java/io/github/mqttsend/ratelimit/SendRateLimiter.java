package io.github.mqttsend.ratelimit;

import io.github.mqttsend.MqttSendRateLimitException;

/**
 * Hands out one permit for every HTTP call to the service, retries included, so that an application never
 * earns {@code Throttling} answers or a blocked source IP. Every permit {@link #acquire() taken} is
 * {@link #release() released} once, when its call has finished. Implementations must be thread-safe and must
 * never make a caller wait on a lock that is held while a call is in progress.
 */
@FunctionalInterface
public interface SendRateLimiter {

	/**
	 * Takes one permit, waiting for it if need be.
	 * @return how long the caller waited, in nanoseconds
	 * @throws MqttSendRateLimitException if no permit came within the limiter's longest wait
	 */
	long acquire();

	/**
	 * Tells the limiter that the call of one permit has finished: answered, failed, or never sent. A limiter that
	 * counts calls where the service counts them needs this; the default does nothing.
	 */
	default void release() {
	}

	/** A limiter that never waits. */
	static SendRateLimiter unlimited() {
		return () -> 0L;
	}

}
