package io.github.mqttsend;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A send failed. Carries what the service said (its error code, the HTTP status, the {@code RequestId}) and
 * whether another attempt could succeed. Subclasses name the kind of failure; catch this type to handle all.
 * <p>
 * Messages never contain the AccessKey secret or the security token.
 */
public class MqttSendException extends RuntimeException {

	private final String errorCode;

	private final int httpStatus;

	private final @Nullable String requestId;

	private final boolean retryable;

	private final @Nullable Duration retryAfter;

	private volatile int attempts;

	public MqttSendException(String message, String errorCode, int httpStatus, @Nullable String requestId,
			boolean retryable) {
		this(message, errorCode, httpStatus, requestId, retryable, null, null);
	}

	public MqttSendException(String message, String errorCode, int httpStatus, @Nullable String requestId,
			boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.errorCode = errorCode;
		this.httpStatus = httpStatus;
		this.requestId = requestId;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * The service's error code ({@code Throttling.User}, {@code InvalidParameter.MqttTopic}, …), or one of this
	 * starter's own codes for failures with no answer from the service (see the README's error table).
	 */
	public String getErrorCode() {
		return this.errorCode;
	}

	/** The HTTP status of the answer, or 0 when no HTTP answer was received. */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	/** The service's {@code RequestId}, to quote to Alibaba Cloud support, or {@code null} when none came back. */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

	/** Whether sending the same message again may succeed. */
	public boolean isRetryable() {
		return this.retryable;
	}

	/** How long the service asked the client to wait ({@code x-acs-retry-after}), or {@code null}. */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether the request may have reached the service and stored the message although no answer came back
	 * (a read timeout, a connection reset after the request was written). Sending again then risks a duplicate.
	 */
	public boolean isDeliveryUnknown() {
		return false;
	}

	/**
	 * How many HTTP requests were made before this exception was thrown: 0 when none was (refused locally, no
	 * rate-limit permit, no credentials).
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/** Records how many attempts were made; used by the retrying client before it throws. */
	public MqttSendException withAttempts(int attempts) {
		this.attempts = attempts;
		return this;
	}

}
