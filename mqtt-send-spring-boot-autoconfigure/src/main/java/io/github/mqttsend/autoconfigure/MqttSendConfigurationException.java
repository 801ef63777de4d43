package io.github.mqttsend.autoconfigure;

/**
 * The {@code apsaramq.mqtt} configuration cannot work: a required property is missing or a value is refused.
 * Reported at start-up by {@link MqttSendFailureAnalyzer} with the property to set.
 */
public class MqttSendConfigurationException extends RuntimeException {

	private final String property;

	private final String action;

	public MqttSendConfigurationException(String property, String problem, String action) {
		super(problem);
		this.property = property;
		this.action = action;
	}

	/** The property (or properties) to set or fix. */
	public String getProperty() {
		return this.property;
	}

	/** What to do about it. */
	public String getAction() {
		return this.action;
	}

}
