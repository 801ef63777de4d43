package io.github.mqttsend.observation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.github.mqttsend.MqttSendAuthenticationException;
import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendPermissionException;
import io.github.mqttsend.MqttSendThrottledException;

import static org.assertj.core.api.Assertions.assertThat;

class SendHealthTrackerTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private final SendHealthTracker tracker = new SendHealthTracker(3, Clock.fixed(NOW, ZoneOffset.UTC));

	private static MqttSendException signature() {
		return new MqttSendAuthenticationException("x", "SignatureDoesNotMatch", 400, "r", null);
	}

	@Test
	void repeatedConfigurationFailuresMakeItFailingWithTheLastCode() {
		this.tracker.onAttempt("i", signature());
		this.tracker.onAttempt("i", signature());
		assertThat(this.tracker.isFailing()).isFalse();
		this.tracker.onAttempt("i", new MqttSendPermissionException("x", "InstancePermissionCheckFailed", 400, "r"));
		assertThat(this.tracker.isFailing()).isTrue();
		assertThat(this.tracker.getState())
			.isEqualTo(new SendHealthTracker.State(3, "InstancePermissionCheckFailed", NOW));
	}

	@Test
	void aSuccessClearsIt() {
		for (int i = 0; i < 5; i++) {
			this.tracker.onAttempt("i", signature());
		}
		assertThat(this.tracker.isFailing()).isTrue();
		this.tracker.onAttempt("i", null);
		assertThat(this.tracker.isFailing()).isFalse();
		assertThat(this.tracker.getState().consecutiveFailures()).isZero();
	}

	@Test
	void failuresARetryCanFixDoNotCount() {
		for (int i = 0; i < 10; i++) {
			this.tracker.onAttempt("i", new MqttSendThrottledException("x", "Throttling.User", 400, "r", null));
			this.tracker.onAttempt("i", new MqttSendException("x", "InternalError", 500, "r", true));
			this.tracker.onAttempt("i", new MqttSendException("x", "InvalidParameter.Payload", 400, "r", false));
		}
		assertThat(this.tracker.isFailing()).isFalse();
	}

}
