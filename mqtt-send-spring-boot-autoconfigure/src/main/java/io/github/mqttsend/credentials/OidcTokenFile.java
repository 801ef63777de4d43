package io.github.mqttsend.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The OIDC token file that ACK's RRSA mounts into a pod ({@code ALIBABA_CLOUD_OIDC_TOKEN_FILE}), read anew for
 * every STS call because Kubernetes rotates it. A JWT whose {@code exp} has passed is refused here, without
 * sending it anywhere; the token is never printed.
 */
final class OidcTokenFile {

	/** Tokens are a few KB at most. */
	static final int MAX_TOKEN_BYTES = 64 * 1024;

	private final Path path;

	private final Clock clock;

	OidcTokenFile(Path path, Clock clock) {
		this.path = path;
		this.clock = clock;
	}

	/**
	 * The token, trimmed.
	 * @throws CredentialsUnavailableException if the file cannot be read, is empty, or holds an expired JWT
	 */
	String read() {
		byte[] bytes;
		try {
			if (Files.size(this.path) > MAX_TOKEN_BYTES) {
				throw new CredentialsUnavailableException("OIDC token file " + this.path + " is larger than 64 KB");
			}
			bytes = Files.readAllBytes(this.path);
		}
		catch (IOException ex) {
			throw new CredentialsUnavailableException("OIDC token file " + this.path + " cannot be read ("
					+ ex.getClass().getSimpleName() + ")");
		}
		String token = new String(bytes, StandardCharsets.UTF_8).trim();
		if (token.isEmpty()) {
			throw new CredentialsUnavailableException("OIDC token file " + this.path + " is empty");
		}
		Instant expiration = expiration(token);
		if (expiration != null && !expiration.isAfter(this.clock.instant())) {
			throw new CredentialsUnavailableException("OIDC token in " + this.path + " expired at " + expiration
					+ " (is the token file still mounted and rotated?)");
		}
		return token;
	}

	/** The {@code exp} claim of a JWT, or {@code null} when the token is not a JWT or has none. */
	static @Nullable Instant expiration(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		byte[] payload;
		try {
			payload = Base64.getUrlDecoder().decode(parts[1]);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		Claims claims = TemporaryCredentialsAnswer.parse(payload, Claims.class);
		return (claims != null && claims.exp() != null) ? Instant.ofEpochSecond(claims.exp()) : null;
	}

	@Override
	public String toString() {
		return "OidcTokenFile[" + this.path + "]";
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Claims(@JsonProperty("exp") @Nullable Long exp) {

	}

}
