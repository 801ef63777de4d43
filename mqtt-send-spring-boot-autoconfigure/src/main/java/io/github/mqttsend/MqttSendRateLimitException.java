package io.github.mqttsend;

import java.time.Duration;

/**
 * The client-side rate limiter had no permit within {@code apsaramq.mqtt.rate-limit.max-wait}: the application
 * sends faster than the configured calls/s for longer than it may wait. Nothing was sent, so nothing is
 * billed and the send can be repeated later; the retry policy does not repeat it at once, since that would
 * only queue for more permits.
 */
public class MqttSendRateLimitException extends MqttSendThrottledException {

	public static final String ERROR_CODE = "Throttling.Local";

	public MqttSendRateLimitException(Duration maxWait, long permitsPerSecond) {
		super("SendMessage found no rate-limit permit within " + maxWait.toMillis() + " ms (limit " + permitsPerSecond
				+ " calls/s); nothing was sent", ERROR_CODE, 0, null, null);
	}

}
