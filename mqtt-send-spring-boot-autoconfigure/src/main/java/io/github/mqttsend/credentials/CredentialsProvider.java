package io.github.mqttsend.credentials;

/**
 * Supplies the credentials that sign each request.
 * <p>
 * Called once for every HTTP attempt, so implementations that fetch temporary credentials must cache them
 * and must not block while a still-valid set is held. Define a bean of this type to replace the
 * auto-configured one.
 */
@FunctionalInterface
public interface CredentialsProvider {

	/**
	 * Returns the credentials to sign the next request with.
	 * @throws CredentialsUnavailableException if none can be had
	 */
	Credentials getCredentials();

}
