package io.github.mqttsend.client;

/**
 * Lets the signing benchmark draw nonces exactly as {@link SendMessageClient} does ({@link Nonces} is
 * package-private), so that "ours" pays for its nonce like the official SDKs pay for theirs.
 */
public final class BenchmarkAccess {

	private BenchmarkAccess() {
	}

	public static String nonce() {
		return Nonces.next();
	}

}
