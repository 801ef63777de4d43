package io.github.mqttsend.credentials;

import java.util.List;
import java.util.stream.Collectors;

/**
 * No source of a {@link CredentialsChain} had credentials. Lists every source tried and why it gave none; never
 * a secret.
 */
public class NoCredentialsFoundException extends CredentialsUnavailableException {

	private final List<Attempt> attempts;

	public NoCredentialsFoundException(List<Attempt> attempts) {
		super("No credentials found: " + attempts.stream().map(Attempt::toString).collect(Collectors.joining("; ")));
		this.attempts = List.copyOf(attempts);
	}

	/** Each source tried, in order, and why it gave nothing. */
	public List<Attempt> getAttempts() {
		return this.attempts;
	}

	/**
	 * One source that was tried.
	 *
	 * @param source the source's name
	 * @param reason why it had no credentials
	 */
	public record Attempt(String source, String reason) {

		@Override
		public String toString() {
			return this.source + ": " + this.reason;
		}

	}

}
