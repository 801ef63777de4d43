package io.github.mqttsend.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the AccessKey secret and the security token in {@code /actuator/configprops} and {@code /actuator/env}
 * even where an application shows values ({@code management.endpoint.*.show-values=always}): the
 * {@code apsaramq.mqtt.*} ones, and those the credentials chain reads, which {@code /actuator/env} lists among the
 * system properties and environment variables ({@code alibabacloud.accessKeySecret},
 * {@code alibabacloud.sessionToken}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}, {@code ALIBABA_CLOUD_SECURITY_TOKEN}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class MqttSendSanitizingConfiguration {

	/** The chain's secret keys, without '.', '-' and '_', in lower case. */
	private static final Set<String> CHAIN_SECRETS = Set.of("alibabacloudaccesskeysecret",
			"alibabacloudaccesskeyidsecret", "alibabacloudsessiontoken", "alibabacloudsecuritytoken");

	@Bean
	SanitizingFunction mqttSendSecretsSanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(MqttSendSanitizingConfiguration::isSecret);
	}

	static boolean isSecret(String key) {
		String normalized = key.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
		if (CHAIN_SECRETS.contains(normalized)) {
			return true;
		}
		return normalized.startsWith("apsaramqmqtt")
				&& (normalized.endsWith("accesskeysecret") || normalized.endsWith("securitytoken"));
	}

}
