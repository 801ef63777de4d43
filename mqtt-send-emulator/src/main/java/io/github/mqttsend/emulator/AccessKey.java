package io.github.mqttsend.emulator;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A key pair the emulator accepts: a long-lived AccessKey, or STS credentials whose requests must carry the
 * matching security token.
 *
 * @param id the AccessKeyId
 * @param secret the AccessKeySecret
 * @param securityToken the STS token requests signed with this key must carry, or {@code null} for a long-lived key
 */
public record AccessKey(String id, String secret, @Nullable String securityToken) {

	public AccessKey {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(secret, "secret");
		if (id.isBlank() || secret.isBlank()) {
			throw new IllegalArgumentException("An AccessKey needs a non-blank id and secret");
		}
	}

	/** A long-lived AccessKey. */
	public static AccessKey of(String id, String secret) {
		return new AccessKey(id, secret, null);
	}

	/** Temporary STS credentials: requests must carry {@code securityToken}. */
	public static AccessKey sts(String id, String secret, String securityToken) {
		return new AccessKey(id, secret, Objects.requireNonNull(securityToken, "securityToken"));
	}

	@Override
	public String toString() {
		return "AccessKey[id=" + this.id + ", secret=******" + ((this.securityToken != null) ? ", sts" : "") + "]";
	}

}
