package io.github.mqttsend;

import org.jspecify.annotations.Nullable;

/**
 * The service refused the request's parameters: {@code ParameterCheckFailed} or {@code InvalidParameter.*}.
 * Sending the same request again cannot help.
 */
public class MqttSendInvalidParameterException extends MqttSendException {

	public MqttSendInvalidParameterException(String message, String errorCode, int httpStatus,
			@Nullable String requestId) {
		super(message, errorCode, httpStatus, requestId, false);
	}

}
