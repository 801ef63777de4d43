package io.github.mqttsend.credentials;

/**
 * Fetches a new set of temporary credentials from a remote service (STS, the ECS metadata service). Each call
 * is one real exchange; {@link RefreshingCredentialsProvider} decides when to make it.
 */
@FunctionalInterface
public interface CredentialsFetcher {

	/**
	 * Fetches credentials that are valid now.
	 * @throws CredentialsUnavailableException if none could be had; the message never holds a secret
	 */
	Credentials fetch();

}
