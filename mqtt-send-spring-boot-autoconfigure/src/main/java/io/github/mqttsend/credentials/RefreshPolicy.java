package io.github.mqttsend.credentials;

import java.time.Duration;

/**
 * When {@link RefreshingCredentialsProvider} fetches new temporary credentials.
 *
 * @param refreshAhead how long before the expiration to fetch new credentials (the old ones stay in use
 * meanwhile)
 * @param retryInterval how long to wait after a failed fetch before trying again
 * @param maxWait longest a caller waits for credentials when none valid are held
 */
public record RefreshPolicy(Duration refreshAhead, Duration retryInterval, Duration maxWait) {

	/** Refresh 5 minutes ahead, retry every 10 seconds, wait at most 15 seconds. */
	public static final RefreshPolicy DEFAULTS = new RefreshPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10),
			Duration.ofSeconds(15));

	public RefreshPolicy {
		if (refreshAhead.isNegative() || retryInterval.isNegative() || maxWait.isNegative()) {
			throw new IllegalArgumentException("refresh durations must not be negative");
		}
	}

	/** This policy, refreshing {@code refreshAhead} before the expiration. */
	public RefreshPolicy withRefreshAhead(Duration refreshAhead) {
		return new RefreshPolicy(refreshAhead, this.retryInterval, this.maxWait);
	}

}
