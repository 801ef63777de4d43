package io.github.mqttsend.validation;

import io.github.mqttsend.MqttSendValidationException;
import io.github.mqttsend.signing.PercentEncoding;

/**
 * The rules the service enforces on {@code SendMessage}, checked before any byte leaves the application, so
 * that a bad message fails at once with a message naming the field and the rule.
 * <ul>
 * <li>Topic: 3–64 characters in all; levels separated by {@code /}, none empty; characters
 * {@code 0-9 a-z A-Z - _}; no MQTT wildcards; {@code @} only in the client ID of a point-to-point topic
 * {@code <parent>/p2p/<clientId>} (client IDs look like {@code GID_xxx@@@deviceId}).</li>
 * <li>Payload: not blank; at most 64 KB (65,536 bytes of UTF-8) as it travels; valid UTF-16.</li>
 * <li>Instance ID: present, at most 64 characters of {@code 0-9 a-z A-Z - _ .}.</li>
 * </ul>
 */
public final class SendMessageRules {

	/** The largest message the service accepts; a larger one is discarded. */
	public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

	public static final int MIN_TOPIC_LENGTH = 3;

	public static final int MAX_TOPIC_LENGTH = 64;

	public static final int MAX_INSTANCE_ID_LENGTH = 64;

	private SendMessageRules() {
	}

	/** Checks all three parameters as they will travel. */
	public static void check(String instanceId, String topic, String wirePayload) {
		checkInstanceId(instanceId);
		checkTopic(topic);
		checkPayload(wirePayload);
	}

	public static void checkTopic(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new MqttSendValidationException("topic", "must not be blank");
		}
		int length = topic.length();
		if (length < MIN_TOPIC_LENGTH || length > MAX_TOPIC_LENGTH) {
			throw new MqttSendValidationException("topic", "must be " + MIN_TOPIC_LENGTH + " to " + MAX_TOPIC_LENGTH
					+ " characters long, parent topic and sub-levels together, but is " + length);
		}
		String[] levels = topic.split("/", -1);
		boolean pointToPoint = levels.length == 3 && levels[1].equals("p2p");
		for (int level = 0; level < levels.length; level++) {
			String name = levels[level];
			if (name.isEmpty()) {
				throw new MqttSendValidationException("topic",
						"must not have an empty level (a leading, trailing or doubled '/'): '" + topic + "'");
			}
			boolean clientIdLevel = pointToPoint && level == 2;
			for (int i = 0; i < name.length(); i++) {
				char c = name.charAt(i);
				if (c == '+' || c == '#') {
					throw new MqttSendValidationException("topic",
							"must not contain the MQTT wildcard '" + c + "': a message is sent to one topic, not a filter");
				}
				if (c == '@' && !clientIdLevel) {
					throw new MqttSendValidationException("topic",
							"may contain '@' only in the client ID of a point-to-point topic <parent>/p2p/<clientId>");
				}
				if (!isTopicChar(c) && c != '@') {
					throw new MqttSendValidationException("topic", "may contain only 0-9 a-z A-Z - _ with '/' between "
							+ "levels, but has " + describe(c) + " at index " + topicIndex(levels, level, i));
				}
			}
		}
	}

	public static void checkPayload(String wirePayload) {
		if (wirePayload == null || wirePayload.isBlank()) {
			throw new MqttSendValidationException("payload", "must not be blank");
		}
		int bytes = PercentEncoding.utf8Length(wirePayload);
		if (bytes < 0) {
			throw new MqttSendValidationException("payload", "must be valid UTF-16 text (it holds a lone surrogate)");
		}
		if (bytes > MAX_PAYLOAD_BYTES) {
			throw new MqttSendValidationException("payload", "must be at most " + MAX_PAYLOAD_BYTES
					+ " bytes as it travels (after Base64, if used), but is " + bytes);
		}
	}

	public static void checkInstanceId(String instanceId) {
		if (instanceId == null || instanceId.isBlank()) {
			throw new MqttSendValidationException("instanceId",
					"must be set: configure apsaramq.mqtt.instance-id or set it on the SendRequest");
		}
		if (instanceId.length() > MAX_INSTANCE_ID_LENGTH) {
			throw new MqttSendValidationException("instanceId",
					"must be at most " + MAX_INSTANCE_ID_LENGTH + " characters long, but is " + instanceId.length());
		}
		for (int i = 0; i < instanceId.length(); i++) {
			char c = instanceId.charAt(i);
			if (!isTopicChar(c) && c != '.') {
				throw new MqttSendValidationException("instanceId",
						"may contain only 0-9 a-z A-Z - _ . but has " + describe(c) + " at index " + i);
			}
		}
	}

	private static boolean isTopicChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	private static String describe(char c) {
		return (c >= 0x21 && c < 0x7F) ? "'" + c + "'" : String.format("U+%04X", (int) c);
	}

	private static int topicIndex(String[] levels, int level, int indexInLevel) {
		int index = indexInLevel;
		for (int i = 0; i < level; i++) {
			index += levels[i].length() + 1;
		}
		return index;
	}

}
