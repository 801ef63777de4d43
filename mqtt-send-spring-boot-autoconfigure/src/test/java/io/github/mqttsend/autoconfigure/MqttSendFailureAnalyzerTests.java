package io.github.mqttsend.autoconfigure;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.mqttsend.credentials.HostEnvironment;
import io.github.mqttsend.testsupport.StarterContextRunner;
import io.github.mqttsend.testsupport.CredentialsServers;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up with {@code enabled=true} and a property missing fails with a report naming the property, not a stack
 * trace from deep inside.
 */
class MqttSendFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = StarterContextRunner.create();

	@Test
	void missingInstanceIdNamesTheProperty() {
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.region-id=cn-hangzhou", "apsaramq.mqtt.access-key-id=LTAI5tExampleKeyId",
					"apsaramq.mqtt.access-key-secret=topsecret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies(analysed((analysis) -> {
					assertThat(analysis.getDescription()).contains("no instance ID");
					assertThat(analysis.getAction()).contains("apsaramq.mqtt.instance-id");
				})));
	}

	@Test
	void noCredentialsAnywhereListsEverySourceTriedAndWhatToSet(@TempDir Path home) {
		String metadata = "http://127.0.0.1:" + CredentialsServers.closedPort();
		this.contextRunner.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-hangzhou",
				"apsaramq.mqtt.credentials.metadata-endpoint=" + metadata)
			.withBean(HostEnvironment.class, () -> HostEnvironment.of(Map.of(), Map.of(), home))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies(analysed((analysis) -> {
					assertThat(analysis.getDescription()).contains("no credentials: apsaramq.mqtt.access-key-id is not set "
							+ "and no source of the credentials chain had any. Tried:\n"
							+ "  - system-properties: system property alibabacloud.accessKeyId is not set\n"
							+ "  - environment: environment variable ALIBABA_CLOUD_ACCESS_KEY_ID is not set\n"
							+ "  - oidc: environment variables ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, "
							+ "ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set\n"
							+ "  - profile: no credentials file at " + home.resolve(".alibabacloud/credentials.ini") + "\n"
							+ "  - ecs-ram-role: the ECS metadata service at " + metadata
							+ " (IMDSv2 token) failed: ConnectException");
					assertThat(analysis.getAction()).contains("apsaramq.mqtt.access-key-id", "apsaramq.mqtt.access-key-secret",
							"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "alibabacloud.accessKeyId",
							"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
							"~/.alibabacloud/credentials.ini", "ALIBABA_CLOUD_CREDENTIALS_FILE",
							"apsaramq.mqtt.credentials.role-name", "CredentialsProvider", "apsaramq.mqtt.enabled=false");
				})));
	}

	@Test
	void anExplicitSourceThatHasNothingIsTheOnlyOneReported(@TempDir Path home) {
		this.contextRunner.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-hangzhou",
				"apsaramq.mqtt.credentials.source=environment")
			.withBean(HostEnvironment.class, () -> HostEnvironment.of(Map.of(), Map.of(), home))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies(analysed((analysis) -> assertThat(analysis.getDescription())
					.endsWith("Tried:\n  - environment: environment variable ALIBABA_CLOUD_ACCESS_KEY_ID is not set"))));
	}

	@Test
	void missingAccessKeySecretNamesThePropertyAndMasksTheKeyId() {
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-hangzhou",
					"apsaramq.mqtt.access-key-id=LTAI5tExampleKeyId")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies(analysed((analysis) -> {
					assertThat(analysis.getDescription()).contains("LTAI****yId").doesNotContain("LTAI5tExampleKeyId");
					assertThat(analysis.getAction()).contains("apsaramq.mqtt.access-key-secret");
				})));
	}

	@Test
	void missingEndpointNamesRegionAndEndpoint() {
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.access-key-id=testid",
					"apsaramq.mqtt.access-key-secret=testsecret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies(analysed((analysis) -> assertThat(analysis.getAction())
					.contains("apsaramq.mqtt.region-id", "apsaramq.mqtt.endpoint"))));
	}

	@Test
	void plainHttpToANonLoopbackHostIsRefused() {
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.access-key-id=testid",
					"apsaramq.mqtt.access-key-secret=testsecret",
					"apsaramq.mqtt.endpoint=http://onsmqtt.cn-hangzhou.aliyuncs.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies(analysed((analysis) -> {
					assertThat(analysis.getDescription()).contains("must use https://");
					assertThat(analysis.getAction()).contains("apsaramq.mqtt.endpoint");
				})));
	}

	@Test
	void badRegionIsRefused() {
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.access-key-id=testid",
					"apsaramq.mqtt.access-key-secret=testsecret", "apsaramq.mqtt.region-id=Hangzhou!")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies(analysed((analysis) -> assertThat(analysis.getDescription()).contains("Hangzhou!"))));
	}

	@Test
	void theAnalyzerIsRegisteredForBoot() throws Exception {
		List<String> registered = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
			Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
			registered.add(factories.getProperty(FailureAnalyzer.class.getName(), ""));
		}
		assertThat(registered).anySatisfy((names) -> assertThat(names).contains(MqttSendFailureAnalyzer.class.getName()));
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(new MqttSendFailureAnalyzer().analyze(new IllegalStateException("unrelated"))).isNull();
	}

	private static Consumer<Throwable> analysed(Consumer<FailureAnalysis> assertions) {
		return (failure) -> {
			FailureAnalysis analysis = new MqttSendFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("ApsaraMQ for MQTT SendMessage is not configured");
			assertions.accept(analysis);
		};
	}

}
