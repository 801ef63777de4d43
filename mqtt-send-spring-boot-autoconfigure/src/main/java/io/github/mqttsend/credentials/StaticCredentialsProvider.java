package io.github.mqttsend.credentials;

/** Always the same credentials: AccessKeys (and an optional STS token) from configuration. */
public final class StaticCredentialsProvider implements CredentialsProvider {

	private final Credentials credentials;

	public StaticCredentialsProvider(Credentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public Credentials getCredentials() {
		return this.credentials;
	}

	@Override
	public String toString() {
		return "StaticCredentialsProvider[" + this.credentials + "]";
	}

}
