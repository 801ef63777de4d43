package io.github.mqttsend.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The operation's own checks on {@code InstanceId}, {@code MqttTopic} and {@code Payload}, from protocol.md:
 * all three required; topics of 3–64 characters {@code 0-9 a-z A-Z - _} with {@code /} between non-empty
 * levels, {@code @} only in the client ID of a point-to-point topic {@code <parent>/p2p/<clientId>}; payloads
 * not blank and at most 64 KB (65,536 UTF-8 bytes) as they travel. An instance other than the emulator's is
 * refused with {@code InstancePermissionCheckFailed}.
 */
final class ParameterRules {

	static final int MAX_PAYLOAD_BYTES = 64 * 1024;

	private ParameterRules() {
	}

	/** The message the parameters describe, if they follow the rules. */
	static void check(Map<String, String> parameters, String instanceId) {
		String instance = required(parameters, "InstanceId");
		String topic = required(parameters, "MqttTopic");
		String payload = required(parameters, "Payload");
		if (!instance.equals(instanceId)) {
			throw new ServiceError("InstancePermissionCheckFailed", "An error occurred while validating the "
					+ "permissions of the instance: this account has no instance " + instance + " (the emulator's is "
					+ instanceId + ").");
		}
		String topicProblem = topicProblem(topic);
		if (topicProblem != null) {
			throw new ServiceError("InvalidParameter.MqttTopic", "The parameter MqttTopic is invalid: " + topicProblem);
		}
		if (payload.isBlank()) {
			throw new ServiceError("InvalidParameter.Payload", "The parameter Payload is invalid: it is blank.");
		}
		int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_PAYLOAD_BYTES) {
			throw new ServiceError("InvalidParameter.Payload", "The parameter Payload is invalid: " + bytes
					+ " bytes, more than the " + MAX_PAYLOAD_BYTES + " a message may have.");
		}
	}

	static @Nullable String topicProblem(String topic) {
		if (topic.length() < 3 || topic.length() > 64) {
			return "a topic has 3 to 64 characters, parent and sub-levels together, not " + topic.length() + ".";
		}
		String[] levels = topic.split("/", -1);
		boolean pointToPoint = levels.length == 3 && levels[1].equals("p2p");
		for (int level = 0; level < levels.length; level++) {
			String name = levels[level];
			if (name.isEmpty()) {
				return "a topic has no empty level (leading, trailing or doubled '/').";
			}
			for (int i = 0; i < name.length(); i++) {
				char c = name.charAt(i);
				boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
						|| c == '_' || (c == '@' && pointToPoint && level == 2);
				if (!allowed) {
					return "'" + c + "' is not allowed here: topics use 0-9 a-z A-Z - _ with '/' between levels, and '@'"
							+ " only in the client ID of <parent>/p2p/<clientId>.";
				}
			}
		}
		return null;
	}

	private static String required(Map<String, String> parameters, String name) {
		String value = parameters.get(name);
		if (value == null || value.isEmpty()) {
			throw new ServiceError("InvalidParameter." + name,
					"The parameter " + name + " is missing: it is mandatory for this action.");
		}
		return value;
	}

}
