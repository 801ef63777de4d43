package io.github.mqttsend.sample;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code apsaramq.mqtt.instance-id} is not set: the sample then runs against the emulator. */
final class NoInstanceIdConfigured extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String instanceId = context.getEnvironment().getProperty("apsaramq.mqtt.instance-id");
		return (instanceId == null || instanceId.isBlank())
				? ConditionOutcome.match("no apsaramq.mqtt.instance-id is set")
				: ConditionOutcome.noMatch("apsaramq.mqtt.instance-id is " + instanceId);
	}

}
