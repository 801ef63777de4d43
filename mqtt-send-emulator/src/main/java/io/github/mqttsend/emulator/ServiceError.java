package io.github.mqttsend.emulator;

import java.util.Map;

/**
 * A refusal the emulator answers as the documented error JSON {@code {"RequestId","HostId","Code","Message"}}
 * with the code's HTTP status.
 * <p>
 * Statuses (protocol.md and the operation's reference page): {@code Throttling*} are 400, not 429;
 * {@code InvalidAccessKeyId.NotFound} and {@code ApiNotSupport} are 404; {@code InternalError},
 * {@code SendMessageFailed} and {@code SystemOverFlow} are 500; {@code ServiceUnavailable} is 503; every other
 * code is 400.
 */
public final class ServiceError extends RuntimeException {

	private static final Map<String, Integer> STATUSES = Map.of("InvalidAccessKeyId.NotFound", 404, "ApiNotSupport",
			404, "InternalError", 500, "SendMessageFailed", 500, "SystemOverFlow", 500, "ServiceUnavailable", 503);

	private final String code;

	private final int status;

	public ServiceError(String code, String message) {
		this(code, statusOf(code), message);
	}

	public ServiceError(String code, int status, String message) {
		super(message, null, false, false);
		this.code = code;
		this.status = status;
	}

	/** The HTTP status the service answers {@code code} with. */
	public static int statusOf(String code) {
		return STATUSES.getOrDefault(code, 400);
	}

	public String code() {
		return this.code;
	}

	public int status() {
		return this.status;
	}

}
