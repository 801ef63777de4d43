package io.github.mqttsend;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The service throttled the call ({@code Throttling}, {@code Throttling.User}, {@code Throttling.Api} with
 * HTTP 400, or {@code SystemOverFlow} with HTTP 500). A later attempt can succeed.
 */
public class MqttSendThrottledException extends MqttSendException {

	public MqttSendThrottledException(String message, String errorCode, int httpStatus, @Nullable String requestId,
			@Nullable Duration retryAfter) {
		super(message, errorCode, httpStatus, requestId, true, retryAfter, null);
	}

}
