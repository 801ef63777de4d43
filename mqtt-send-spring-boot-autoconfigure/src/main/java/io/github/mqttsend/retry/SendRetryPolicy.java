package io.github.mqttsend.retry;

import java.time.Duration;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendRateLimitException;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Spring Framework 7's core retry {@link RetryPolicy} for sends: retries exactly the failures another attempt
 * can fix ({@link MqttSendException#isRetryable()}) except the local limiter's
 * {@link MqttSendRateLimitException} (another attempt at once would only queue for more permits), leaves
 * ambiguous ones to {@link RetrySettings#retryUnknownDelivery()}, and gives up at once when the service asks for a
 * longer pause ({@code x-acs-retry-after}) than {@link RetrySettings#maxInterval()}.
 */
public final class SendRetryPolicy implements RetryPolicy {

	private final RetrySettings settings;

	private final ExponentialBackOff backOff;

	public SendRetryPolicy(RetrySettings settings) {
		this.settings = settings;
		this.backOff = new ExponentialBackOff(settings.initialInterval().toMillis(), settings.multiplier());
		this.backOff.setMaxInterval(Math.max(settings.maxInterval().toMillis(), settings.initialInterval().toMillis()));
		// Spring scales the jitter by interval / initialInterval (in whole ms): with an initial interval under 1 ms
		// that divides by zero, so such retries come at once, without jitter
		this.backOff.setJitter((settings.initialInterval().toMillis() > 0) ? settings.jitter().toMillis() : 0);
		this.backOff.setMaxAttempts(settings.enabled() ? settings.maxRetries() : 0);
	}

	@Override
	public boolean shouldRetry(Throwable failure) {
		if (!this.settings.enabled() || !(failure instanceof MqttSendException ex) || !ex.isRetryable()) {
			return false;
		}
		if (ex instanceof MqttSendRateLimitException) {
			// no permit within maxWait: another attempt now would only queue for more permits
			return false;
		}
		if (ex.isDeliveryUnknown() && !this.settings.retryUnknownDelivery()) {
			return false;
		}
		Duration retryAfter = ex.getRetryAfter();
		return retryAfter == null || retryAfter.compareTo(this.settings.maxInterval()) <= 0;
	}

	@Override
	public ExponentialBackOff getBackOff() {
		return this.backOff;
	}

	public RetrySettings getSettings() {
		return this.settings;
	}

}
