package io.github.mqttsend;

import org.jspecify.annotations.Nullable;

/**
 * An answer came back that is not the service's JSON: an HTML page from a proxy, an empty or truncated body,
 * or JSON without the expected fields. The message holds the status and the start of what came back.
 * Retryable when the status is 502, 503 or 504 (something between the application and the service failed).
 */
public class MqttSendUnexpectedResponseException extends MqttSendException {

	private final String bodyExcerpt;

	public MqttSendUnexpectedResponseException(String message, int httpStatus, @Nullable String requestId,
			boolean retryable, String bodyExcerpt) {
		super(message, "UnexpectedResponse", httpStatus, requestId, retryable);
		this.bodyExcerpt = bodyExcerpt;
	}

	/** The first few hundred characters of the answer's body. */
	public String getBodyExcerpt() {
		return this.bodyExcerpt;
	}

}
