package io.github.mqttsend.autoconfigure;

import io.github.mqttsend.observation.SendHealthTracker;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the SendMessage client, from the calls the application makes anyway (it makes none of its own:
 * each call is billed): DOWN with the last error code while recent calls keep failing for a reason a retry
 * cannot fix (credentials, permissions, instance), UP otherwise. Turn it off with
 * {@code management.health.apsaramq-mqtt.enabled=false}.
 */
public class MqttSendHealthIndicator extends AbstractHealthIndicator {

	private final SendHealthTracker tracker;

	public MqttSendHealthIndicator(SendHealthTracker tracker) {
		super("ApsaraMQ for MQTT health check failed");
		this.tracker = tracker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SendHealthTracker.State state = this.tracker.getState();
		if (this.tracker.isFailing()) {
			builder.down()
				.withDetail("errorCode", String.valueOf(state.lastErrorCode()))
				.withDetail("consecutiveFailures", state.consecutiveFailures())
				.withDetail("since", String.valueOf(state.since()));
		}
		else {
			builder.up();
		}
	}

}
