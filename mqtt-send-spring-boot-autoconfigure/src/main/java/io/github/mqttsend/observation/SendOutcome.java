package io.github.mqttsend.observation;

import org.jspecify.annotations.Nullable;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendThrottledException;
import io.github.mqttsend.MqttSendTransportException;
import io.github.mqttsend.MqttSendUnexpectedResponseException;

/** How a call or a send ended, as the {@code outcome} tag of every meter and observation. */
public enum SendOutcome {

	/** The service accepted the message. */
	SUCCESS("success"),

	/** A 4xx answer, or input refused locally: the request must change. */
	CLIENT_ERROR("client_error"),

	/** A 5xx answer, or an answer that is not the service's JSON. */
	SERVER_ERROR("server_error"),

	/** Throttled by the service ({@code Throttling*}, {@code SystemOverFlow}) or by the local limiter. */
	THROTTLED("throttled"),

	/** No HTTP answer: refused, lost or timed-out connections. */
	IO_ERROR("io_error");

	/** The {@code error.code} value when there is no error. */
	public static final String NO_ERROR_CODE = "none";

	private final String tagValue;

	SendOutcome(String tagValue) {
		this.tagValue = tagValue;
	}

	public String tagValue() {
		return this.tagValue;
	}

	/** The outcome of a send that threw {@code failure}, or succeeded when it is {@code null}. */
	public static SendOutcome of(@Nullable Throwable failure) {
		if (failure == null) {
			return SUCCESS;
		}
		if (failure instanceof MqttSendThrottledException) {
			return THROTTLED;
		}
		if (failure instanceof MqttSendTransportException) {
			return IO_ERROR;
		}
		if (failure instanceof MqttSendUnexpectedResponseException
				|| (failure instanceof MqttSendException ex && ex.getHttpStatus() >= 500)) {
			return SERVER_ERROR;
		}
		return CLIENT_ERROR;
	}

	/** The {@code error.code} tag value for {@code failure}. */
	public static String errorCode(@Nullable Throwable failure) {
		if (failure == null) {
			return NO_ERROR_CODE;
		}
		return (failure instanceof MqttSendException ex) ? ex.getErrorCode() : failure.getClass().getSimpleName();
	}

}
