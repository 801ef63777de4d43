package io.github.mqttsend.observation;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import io.github.mqttsend.MqttSendAuthenticationException;
import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendPermissionException;
import io.github.mqttsend.client.SendMessageListener;

/**
 * Watches the calls the application makes anyway (it makes none of its own: calls are billed) and tells whether
 * they keep failing for reasons no retry can fix — credentials, permissions, the instance. Throttling, 5xx and
 * I/O failures pass and do not count; any success clears the state. Lock-free: the success path only reads.
 */
public final class SendHealthTracker implements SendMessageListener {

	/** How many such failures in a row, with no success between, make the service unusable. */
	public static final int DEFAULT_THRESHOLD = 3;

	private static final State HEALTHY = new State(0, null, null);

	private final AtomicReference<State> state = new AtomicReference<>(HEALTHY);

	private final int threshold;

	private final Clock clock;

	public SendHealthTracker() {
		this(DEFAULT_THRESHOLD, Clock.systemUTC());
	}

	public SendHealthTracker(int threshold, Clock clock) {
		this.threshold = threshold;
		this.clock = clock;
	}

	@Override
	public void onAttempt(String instanceId, @Nullable MqttSendException failure) {
		if (failure == null) {
			if (this.state.get() != HEALTHY) {
				this.state.set(HEALTHY);
			}
			return;
		}
		if (isConfigurationFailure(failure)) {
			Instant now = this.clock.instant();
			this.state.updateAndGet((s) -> new State(s.consecutiveFailures() + 1, failure.getErrorCode(),
					(s.since() != null) ? s.since() : now));
		}
	}

	/** Whether the recent calls keep failing for a reason a retry cannot fix. */
	public boolean isFailing() {
		return this.state.get().consecutiveFailures() >= this.threshold;
	}

	public State getState() {
		return this.state.get();
	}

	static boolean isConfigurationFailure(MqttSendException failure) {
		return failure instanceof MqttSendAuthenticationException || failure instanceof MqttSendPermissionException
				|| failure.getErrorCode().equals("ApiNotSupport") || failure.getErrorCode().contains("Instance");
	}

	/**
	 * @param consecutiveFailures configuration failures in a row since the last success
	 * @param lastErrorCode the last such failure's code
	 * @param since when the first of them happened
	 */
	public record State(int consecutiveFailures, @Nullable String lastErrorCode, @Nullable Instant since) {
	}

}
