package io.github.mqttsend.credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Temporary credentials, cached and refreshed ahead of their expiration.
 * <ul>
 * <li>While the held credentials are valid, {@link #getCredentials()} returns them at once, never blocking.</li>
 * <li>From {@link RefreshPolicy#refreshAhead()} before the expiration, the first caller starts one refresh in the
 * background; every other caller, on any thread, keeps the held credentials until it succeeds.</li>
 * <li>A failed refresh keeps the held credentials until they expire, is logged once (WARN, the reason only, no
 * secret) and tried again after {@link RefreshPolicy#retryInterval()}.</li>
 * <li>Only when no valid credentials are held does a caller wait, for the one refresh in flight and at most
 * {@link RefreshPolicy#maxWait()}.</li>
 * </ul>
 */
public final class RefreshingCredentialsProvider implements CredentialsProvider {

	private static final Log logger = LogFactory.getLog(RefreshingCredentialsProvider.class);

	private static final Executor BACKGROUND = (task) -> {
		Thread thread = new Thread(task, "mqtt-send-credentials-refresh");
		thread.setDaemon(true);
		thread.start();
	};

	private final String sourceName;

	private final CredentialsFetcher fetcher;

	private final Clock clock;

	private final RefreshPolicy policy;

	private final Executor executor;

	private volatile @Nullable Credentials current;

	private final AtomicReference<@Nullable CompletableFuture<Credentials>> inFlight = new AtomicReference<>();

	private volatile @Nullable Instant lastFailureAt;

	private volatile @Nullable String lastFailure;

	private volatile boolean failureLogged;

	/**
	 * @param sourceName the source, for logs and messages, e.g. {@code ecs-ram-role}
	 * @param fetcher fetches new credentials
	 * @param clock judges expirations
	 * @param policy when to refresh
	 * @param executor runs background refreshes (by default a new daemon thread for each: they are rare)
	 */
	public RefreshingCredentialsProvider(String sourceName, CredentialsFetcher fetcher, Clock clock,
			RefreshPolicy policy, Executor executor) {
		this.sourceName = sourceName;
		this.fetcher = fetcher;
		this.clock = clock;
		this.policy = policy;
		this.executor = executor;
	}

	public RefreshingCredentialsProvider(String sourceName, CredentialsFetcher fetcher, Clock clock,
			RefreshPolicy policy) {
		this(sourceName, fetcher, clock, policy, BACKGROUND);
	}

	/**
	 * Fetches the first credentials on the calling thread, so that a source that cannot give any says so at
	 * once.
	 * @return this provider
	 * @throws CredentialsUnavailableException if the fetch fails
	 */
	public RefreshingCredentialsProvider fetchNow() {
		this.current = this.fetcher.fetch();
		return this;
	}

	@Override
	public Credentials getCredentials() {
		Credentials held = this.current;
		Instant now = this.clock.instant();
		if (held != null && isValid(held, now)) {
			if (isDue(held, now) && !isBackingOff(now)) {
				refresh();
			}
			return held;
		}
		if (isBackingOff(now)) {
			throw new CredentialsUnavailableException("No valid credentials from " + this.sourceName + ": " + this.lastFailure);
		}
		return await(refresh());
	}

	private Credentials await(CompletableFuture<Credentials> refresh) {
		try {
			return refresh.get(this.policy.maxWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new CredentialsUnavailableException("No credentials from " + this.sourceName + " within "
					+ this.policy.maxWait().toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof CredentialsUnavailableException unavailable) {
				throw new CredentialsUnavailableException(unavailable.getMessage(), unavailable);
			}
			throw new CredentialsUnavailableException("Fetching credentials from " + this.sourceName + " failed: "
					+ ((cause != null) ? cause.getClass().getSimpleName() : "unknown"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CredentialsUnavailableException("Interrupted while waiting for credentials from " + this.sourceName);
		}
	}

	/** The one refresh in flight, started now if there is none. */
	private CompletableFuture<Credentials> refresh() {
		while (true) {
			CompletableFuture<Credentials> running = this.inFlight.get();
			if (running != null) {
				return running;
			}
			CompletableFuture<Credentials> mine = new CompletableFuture<>();
			if (this.inFlight.compareAndSet(null, mine)) {
				try {
					this.executor.execute(() -> run(mine));
				}
				catch (RuntimeException ex) {
					run(mine);
				}
				return mine;
			}
		}
	}

	private void run(CompletableFuture<Credentials> refresh) {
		try {
			Credentials fresh = this.fetcher.fetch();
			this.current = fresh;
			this.lastFailureAt = null;
			this.lastFailure = null;
			if (this.failureLogged && logger.isInfoEnabled()) {
				logger.info("Refreshed credentials from " + this.sourceName + " again (AccessKeyId "
						+ fresh.maskedAccessKeyId() + ", expires " + fresh.expiration() + ")");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Refreshed credentials from " + this.sourceName + " (AccessKeyId "
						+ fresh.maskedAccessKeyId() + ", expires " + fresh.expiration() + ")");
			}
			this.failureLogged = false;
			refresh.complete(fresh);
		}
		catch (RuntimeException ex) {
			String reason = (ex instanceof CredentialsUnavailableException) ? ex.getMessage()
					: ex.getClass().getSimpleName();
			this.lastFailure = reason;
			this.lastFailureAt = this.clock.instant();
			logFailure(reason);
			refresh.completeExceptionally(ex);
		}
		finally {
			this.inFlight.compareAndSet(refresh, null);
		}
	}

	private void logFailure(String reason) {
		Credentials held = this.current;
		if (!this.failureLogged) {
			this.failureLogged = true;
			if (logger.isWarnEnabled()) {
				logger.warn("Refreshing credentials from " + this.sourceName + " failed"
						+ ((held != null && held.expiration() != null && isValid(held, this.clock.instant()))
								? "; keeping the current ones (AccessKeyId " + held.maskedAccessKeyId()
										+ ") until they expire at " + held.expiration()
								: "")
						+ ": " + reason);
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Refreshing credentials from " + this.sourceName + " failed again: " + reason);
		}
	}

	private boolean isValid(Credentials credentials, Instant now) {
		Instant expiration = credentials.expiration();
		return expiration == null || now.isBefore(expiration);
	}

	private boolean isDue(Credentials credentials, Instant now) {
		Instant expiration = credentials.expiration();
		return expiration != null && !now.isBefore(expiration.minus(this.policy.refreshAhead()));
	}

	private boolean isBackingOff(Instant now) {
		Instant failedAt = this.lastFailureAt;
		return failedAt != null && now.isBefore(failedAt.plus(this.policy.retryInterval()));
	}

	@Override
	public String toString() {
		Credentials held = this.current;
		return "RefreshingCredentialsProvider[source=" + this.sourceName
				+ ((held != null) ? ", accessKeyId=" + held.maskedAccessKeyId() + ", expiration=" + held.expiration() : "")
				+ "]";
	}

}
