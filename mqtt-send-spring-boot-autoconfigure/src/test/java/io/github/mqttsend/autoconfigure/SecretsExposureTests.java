package io.github.mqttsend.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.testsupport.StarterContextRunner;
import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.credentials.CredentialsProvider;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AccessKey secret and the security token never show in {@code /actuator/configprops}, {@code /actuator/env}
 * or a bean's {@code toString()}, even with {@code show-values=always}.
 */
class SecretsExposureTests {

	private static final String SECRET = "s3cr3t-AccessKeySecret-value";

	private static final String TOKEN = "CAIS-secret-sts-token-value";

	private final ApplicationContextRunner contextRunner = StarterContextRunner.create(MqttSendSanitizingConfiguration.class)
		.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-hangzhou",
				"apsaramq.mqtt.access-key-id=STS.NUexampleKeyId", "apsaramq.mqtt.access-key-secret=" + SECRET,
				"apsaramq.mqtt.security-token=" + TOKEN);

	@Test
	void configpropsMasksSecretAndTokenEvenWhenValuesAreShown() {
		this.contextRunner.run((context) -> {
			ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
					context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
			endpoint.setApplicationContext(context);
			ConfigurationPropertiesBeanDescriptor descriptor = endpoint.configurationPropertiesWithPrefix("apsaramq.mqtt")
				.getContexts()
				.get(context.getId())
				.getBeans()
				.values()
				.stream()
				.filter((bean) -> bean.getPrefix().equals("apsaramq.mqtt"))
				.findFirst()
				.orElseThrow();
			Map<String, Object> properties = descriptor.getProperties();
			assertThat(properties).containsEntry("accessKeyId", "STS.NUexampleKeyId")
				.containsEntry("accessKeySecret", "******")
				.containsEntry("securityToken", "******");
			assertThat(properties.toString() + descriptor.getInputs()).doesNotContain(SECRET).doesNotContain(TOKEN);
		});
	}

	@Test
	void envMasksSecretAndTokenEvenWhenValuesAreShown() {
		this.contextRunner.run((context) -> {
			List<SanitizingFunction> functions = context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
			EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(), functions, Show.ALWAYS);
			assertThat(endpoint.environmentEntry("apsaramq.mqtt.access-key-secret").getProperty().getValue())
				.isEqualTo("******");
			assertThat(endpoint.environmentEntry("apsaramq.mqtt.security-token").getProperty().getValue())
				.isEqualTo("******");
			assertThat(endpoint.environmentEntry("apsaramq.mqtt.instance-id").getProperty().getValue())
				.isEqualTo("mqtt-cn-test");
			// the whole /env answer as actuator writes it: it holds the values (the instance ID), never the secrets
			String env = JsonMapper.shared().writeValueAsString(endpoint.environment(null));
			assertThat(env).contains("mqtt-cn-test").doesNotContain(SECRET).doesNotContain(TOKEN);
		});
	}

	@Test
	void beansDoNotPrintSecrets() {
		this.contextRunner.run((context) -> {
			String printed = context.getBean(CredentialsProvider.class).toString()
					+ context.getBean(CredentialsProvider.class).getCredentials()
					+ context.getBean(SendMessageClient.class) + context.getBean(MqttSendTemplate.class)
					+ context.getBean(MqttSendProperties.class);
			assertThat(printed).doesNotContain(SECRET).doesNotContain(TOKEN);
			assertThat(context.getBean(CredentialsProvider.class).toString()).contains("STS.****yId");
		});
	}

}
