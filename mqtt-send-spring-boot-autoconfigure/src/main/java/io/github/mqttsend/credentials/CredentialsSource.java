package io.github.mqttsend.credentials;

/**
 * One place credentials can come from, such as the environment or the ECS instance's RAM role. A
 * {@link CredentialsChain} asks its sources in turn and keeps the first that has credentials.
 */
public interface CredentialsSource {

	/** The source's name, as reported at start-up: {@code environment}, {@code ecs-ram-role}, … */
	String name();

	/**
	 * A provider backed by this source, which has already obtained one set of credentials.
	 * @throws CredentialsUnavailableException saying why this source has none: not configured, unreachable,
	 * refused; the message never holds a secret
	 */
	CredentialsProvider resolve();

}
