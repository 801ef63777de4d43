package io.github.mqttsend;

import org.jspecify.annotations.Nullable;

/**
 * The credentials are valid but may not send to this instance or topic ({@code PermissionCheckFailed},
 * {@code InstancePermissionCheckFailed}, {@code Forbidden.*}). Grant the RAM permission, then send again.
 */
public class MqttSendPermissionException extends MqttSendException {

	public MqttSendPermissionException(String message, String errorCode, int httpStatus,
			@Nullable String requestId) {
		super(message, errorCode, httpStatus, requestId, false);
	}

}
