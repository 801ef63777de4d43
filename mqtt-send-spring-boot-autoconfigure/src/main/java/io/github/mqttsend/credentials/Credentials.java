package io.github.mqttsend.credentials;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An Alibaba Cloud AccessKey pair, optionally with an STS security token and the time it expires.
 * <p>
 * {@link #toString()} shows the AccessKeyId's first and last characters only, never the secret or the token.
 *
 * @param accessKeyId the AccessKeyId ({@code LTAI…}, or {@code STS.…} for temporary credentials)
 * @param accessKeySecret the AccessKeySecret
 * @param securityToken the STS security token, or {@code null} for long-lived keys
 * @param expiration when temporary credentials expire, or {@code null} when they do not
 */
public record Credentials(String accessKeyId, String accessKeySecret, @Nullable String securityToken,
		@Nullable Instant expiration) {

	public Credentials {
		if (accessKeyId == null || accessKeyId.isBlank()) {
			throw new IllegalArgumentException("accessKeyId must not be blank");
		}
		if (accessKeySecret == null || accessKeySecret.isBlank()) {
			throw new IllegalArgumentException("accessKeySecret must not be blank");
		}
		if (securityToken != null && securityToken.isBlank()) {
			securityToken = null;
		}
	}

	/** Long-lived AccessKey credentials. */
	public static Credentials of(String accessKeyId, String accessKeySecret) {
		return new Credentials(accessKeyId, accessKeySecret, null, null);
	}

	/** Temporary STS credentials. */
	public static Credentials of(String accessKeyId, String accessKeySecret, @Nullable String securityToken) {
		return new Credentials(accessKeyId, accessKeySecret, securityToken, null);
	}

	/** The AccessKeyId shortened to its first and last few characters, safe for logs. */
	public String maskedAccessKeyId() {
		return mask(this.accessKeyId);
	}

	static String mask(String accessKeyId) {
		int length = accessKeyId.length();
		if (length <= 8) {
			return "****";
		}
		return accessKeyId.substring(0, 4) + "****" + accessKeyId.substring(length - 3);
	}

	@Override
	public String toString() {
		return "Credentials[accessKeyId=" + maskedAccessKeyId() + ", accessKeySecret=******"
				+ ((this.securityToken != null) ? ", securityToken=******" : "")
				+ ((this.expiration != null) ? ", expiration=" + this.expiration : "") + "]";
	}

}
