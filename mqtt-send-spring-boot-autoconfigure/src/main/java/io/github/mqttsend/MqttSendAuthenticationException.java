package io.github.mqttsend;

import org.jspecify.annotations.Nullable;

/**
 * The service did not accept who the request says it comes from: a wrong signature or AccessKey, an expired
 * or invalid STS token, a clock more than 15 minutes off, or no credentials to be had at all. Sending the same
 * request again cannot help; the configuration or the clock must change.
 */
public class MqttSendAuthenticationException extends MqttSendException {

	public MqttSendAuthenticationException(String message, String errorCode, int httpStatus,
			@Nullable String requestId, @Nullable Throwable cause) {
		super(message, errorCode, httpStatus, requestId, false, null, cause);
	}

}
