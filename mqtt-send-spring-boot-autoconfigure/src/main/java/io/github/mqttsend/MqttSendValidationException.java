package io.github.mqttsend;

/**
 * A send was refused before any byte left the application: a field broke one of the rules the service
 * enforces. The error code is the one the service would have answered, e.g. {@code InvalidParameter.MqttTopic}.
 */
public class MqttSendValidationException extends MqttSendException {

	private final String field;

	private final String rule;

	public MqttSendValidationException(String field, String rule) {
		super("Invalid " + field + ": " + rule, "InvalidParameter." + wireName(field), 0, null, false);
		this.field = field;
		this.rule = rule;
	}

	/** The field that broke a rule: {@code topic}, {@code payload} or {@code instanceId}. */
	public String getField() {
		return this.field;
	}

	/** The rule it broke, in words. */
	public String getRule() {
		return this.rule;
	}

	private static String wireName(String field) {
		return switch (field) {
			case "topic" -> "MqttTopic";
			case "payload" -> "Payload";
			case "instanceId" -> "InstanceId";
			default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
		};
	}

}
