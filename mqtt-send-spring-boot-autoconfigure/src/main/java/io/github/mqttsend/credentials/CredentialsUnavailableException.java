package io.github.mqttsend.credentials;

/** No credentials could be obtained to sign a request. The message never holds a secret. */
public class CredentialsUnavailableException extends RuntimeException {

	public CredentialsUnavailableException(String message) {
		super(message);
	}

	public CredentialsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
