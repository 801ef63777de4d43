package io.github.mqttsend.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link MqttSendConfigurationException} into a start-up report that names the property to set,
 * instead of a stack trace from deep inside the context.
 */
class MqttSendFailureAnalyzer extends AbstractFailureAnalyzer<MqttSendConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MqttSendConfigurationException cause) {
		return new FailureAnalysis("ApsaraMQ for MQTT SendMessage is not configured: " + cause.getMessage(),
				cause.getAction() + "\n\nOr set apsaramq.mqtt.enabled=false to turn the MqttSendTemplate off.", cause);
	}

}
