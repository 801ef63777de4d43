package io.github.mqttsend.client;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.mqttsend.MqttSendAuthenticationException;
import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendInvalidParameterException;
import io.github.mqttsend.MqttSendPermissionException;
import io.github.mqttsend.MqttSendThrottledException;

/**
 * Turns the service's error answers into exceptions: which kind, and whether another attempt can help.
 * <p>
 * Retryable: {@code SendMessageFailed}, {@code InternalError}, {@code SystemOverFlow}, the gateway's
 * {@code Throttling*} (HTTP 400, not 429), {@code ServiceUnavailable}, and any 502, 503 or 504. Every other
 * answer would fail again the same way.
 */
final class ServiceErrors {

	private static final Set<String> THROTTLING = Set.of("Throttling", "Throttling.User", "Throttling.Api",
			"SystemOverFlow");

	private static final Set<String> RETRYABLE_SERVER = Set.of("SendMessageFailed", "InternalError",
			"ServiceUnavailable");

	private static final Set<String> AUTHENTICATION = Set.of("SignatureDoesNotMatch", "IncompleteSignature",
			"SignatureNonceUsed", "CheckAccountInfoFailed", "MissingSecurityToken", "InvalidSecurityToken.Expired",
			"InvalidSecurityToken.Malformed", "InvalidSecurityToken.MismatchWithAccessKey");

	private static final Set<String> PERMISSION = Set.of("PermissionCheckFailed", "InstancePermissionCheckFailed",
			"NoPermission");

	private ServiceErrors() {
	}

	static MqttSendException toException(int status, String code, @Nullable String message,
			@Nullable String requestId, @Nullable Duration retryAfter) {
		message = withoutStringToSign(message);
		String text = "SendMessage failed: HTTP " + status + " " + code
				+ ((message != null && !message.isBlank()) ? ": " + message : "")
				+ ((requestId != null) ? " (RequestId " + requestId + ")" : "");
		if (THROTTLING.contains(code) || code.startsWith("Throttling.")) {
			return new MqttSendThrottledException(text, code, status, requestId, retryAfter);
		}
		if (AUTHENTICATION.contains(code) || code.startsWith("InvalidAccessKeyId")
				|| code.startsWith("InvalidTimeStamp") || code.startsWith("InvalidSecurityToken")) {
			return new MqttSendAuthenticationException(text, code, status, requestId, null);
		}
		if (PERMISSION.contains(code) || code.startsWith("Forbidden")) {
			return new MqttSendPermissionException(text, code, status, requestId);
		}
		if (code.equals("ParameterCheckFailed") || code.startsWith("InvalidParameter")
				|| code.startsWith("MissingParameter") || code.startsWith("MissingInstanceId")
				|| code.startsWith("MissingMqttTopic") || code.startsWith("MissingPayload")) {
			return new MqttSendInvalidParameterException(text, code, status, requestId);
		}
		boolean retryable = RETRYABLE_SERVER.contains(code) || isGatewayFailure(status);
		return new MqttSendException(text, code, status, requestId, retryable, retryAfter, null);
	}

	/**
	 * The gateway's {@code SignatureDoesNotMatch} message quotes its own string to sign ("server string to sign
	 * is:POST&%2F&AccessKeyId%3D…"): for V1 that is every parameter, the STS token and the payload included.
	 * Keep the words before it, drop the quote.
	 */
	static @Nullable String withoutStringToSign(@Nullable String message) {
		if (message == null) {
			return null;
		}
		int at = message.toLowerCase(Locale.ROOT).indexOf("string to sign");
		return (at < 0) ? message : message.substring(0, at) + "string to sign omitted: it quotes the request's "
				+ "parameters, security token included";
	}

	/** 502, 503, 504: something between the application and the service failed; trying again can help. */
	static boolean isGatewayFailure(int status) {
		return status == 502 || status == 503 || status == 504;
	}

}
