package io.github.mqttsend.credentials;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The temporary credentials in an STS or metadata answer, {@code {"AccessKeyId", "AccessKeySecret",
 * "SecurityToken", "Expiration"}}, checked: all four present, the expiration a UTC time still ahead. Its
 * {@code toString()} shows no secret.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TemporaryCredentialsAnswer(@JsonProperty("AccessKeyId") @Nullable String accessKeyId,
		@JsonProperty("AccessKeySecret") @Nullable String accessKeySecret,
		@JsonProperty("SecurityToken") @Nullable String securityToken,
		@JsonProperty("Expiration") @Nullable String expiration, @JsonProperty("Code") @Nullable String code) {

	/**
	 * The credentials, or why they cannot be used.
	 * @param what where they came from, for the message
	 * @throws CredentialsUnavailableException if a field is missing, the expiration is not a time, or it has passed
	 */
	Credentials toCredentials(String what, Clock clock) {
		if (isBlank(this.accessKeyId) || isBlank(this.accessKeySecret) || isBlank(this.securityToken)
				|| isBlank(this.expiration)) {
			throw new CredentialsUnavailableException(what + " answered without AccessKeyId, AccessKeySecret, "
					+ "SecurityToken and Expiration");
		}
		Instant expires;
		try {
			expires = Instant.parse(this.expiration);
		}
		catch (DateTimeParseException ex) {
			throw new CredentialsUnavailableException(what + " answered an Expiration that is not a UTC time");
		}
		if (!expires.isAfter(clock.instant())) {
			throw new CredentialsUnavailableException(what + " answered credentials that expired at " + expires);
		}
		return new Credentials(this.accessKeyId, this.accessKeySecret, this.securityToken, expires);
	}

	/** Parses {@code json}, or returns {@code null} when it is not a JSON object. */
	static <T> @Nullable T parse(byte[] json, Class<T> type) {
		if (json.length == 0) {
			return null;
		}
		try {
			return JsonMapper.shared().readValue(json, type);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	@Override
	public String toString() {
		return "TemporaryCredentialsAnswer[accessKeyId=" + ((this.accessKeyId != null) ? Credentials.mask(this.accessKeyId) : null)
				+ ", expiration=" + this.expiration + ", code=" + this.code + "]";
	}

}
