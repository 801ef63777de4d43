package io.github.mqttsend.ratelimit;

import io.github.mqttsend.MqttSendRateLimitException;

/**
 * Hands out one permit for every HTTP call to the service, retries included, so that an application never
 * earns {@code Throttling} answers or a blocked source IP. Implementations must be thread-safe and must not
 * make one send wait on a lock that another holds while it waits.
 */
@FunctionalInterface
public interface SendRateLimiter {

	/**
	 * Takes one permit, waiting for it if need be.
	 * @return how long the caller waited, in nanoseconds
	 * @throws MqttSendRateLimitException if no permit came within the limiter's longest wait
	 */
	long acquire();

	/** A limiter that never waits. */
	static SendRateLimiter unlimited() {
		return () -> 0L;
	}

}
