package io.github.mqttsend.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the AccessKey secret and the security token in {@code /actuator/configprops} and {@code /actuator/env}
 * even where an application shows values ({@code management.endpoint.*.show-values=always}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class MqttSendSanitizingConfiguration {

	@Bean
	SanitizingFunction mqttSendSecretsSanitizingFunction() {
		return SanitizingFunction.sanitizeValue()
			.ifKeyMatchesIgnoringCase(MqttSendSanitizingConfiguration::isSecret, "apsaramq.mqtt.");
	}

	private static boolean isSecret(String key, String prefix) {
		String normalized = key.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
		return normalized.startsWith(prefix.replace("-", "")) && (normalized.endsWith("accesskeysecret")
				|| normalized.endsWith("securitytoken"));
	}

}
