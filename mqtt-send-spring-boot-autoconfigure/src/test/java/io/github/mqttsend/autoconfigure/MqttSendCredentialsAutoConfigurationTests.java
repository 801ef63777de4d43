package io.github.mqttsend.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.testsupport.StarterContextRunner;
import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.credentials.CredentialsChain;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.credentials.HostEnvironment;
import io.github.mqttsend.credentials.RefreshingCredentialsProvider;
import io.github.mqttsend.credentials.StaticCredentialsProvider;
import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.SendMessageServer;
import io.github.mqttsend.testsupport.SignatureVerifier;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * How the auto-configuration picks credentials: the configured AccessKey when there is one, else Alibaba's
 * chain driven by {@code apsaramq.mqtt.credentials.*}, a user's {@link CredentialsProvider} bean in place of
 * both. Sends go to MockServer standing in for SendMessage; STS and the metadata service are a second MockServer;
 * the environment the chain reads is a {@link HostEnvironment} bean, never the real one.
 */
@ExtendWith(OutputCaptureExtension.class)
class MqttSendCredentialsAutoConfigurationTests {

	static final String STS_SECRET = "sts-issued-secret";

	static final String STS_TOKEN = "CAIS-sts-issued-token+/=";

	private final ApplicationContextRunner contextRunner = StarterContextRunner.create();

	@TempDir
	Path home;

	private SendMessageServer sendMessage;

	private ClientAndServer remote;

	@BeforeEach
	void start() {
		this.sendMessage = new SendMessageServer().acceptAll();
		this.remote = ClientAndServer.startClientAndServer(0);
	}

	@AfterEach
	void stop() {
		this.sendMessage.close();
		this.remote.stop();
	}

	private ApplicationContextRunner withEnvironment(Map<String, String> env) {
		return this.contextRunner
			.withBean(HostEnvironment.class, () -> HostEnvironment.of(env, Map.of(), this.home))
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test",
					"apsaramq.mqtt.endpoint=" + this.sendMessage.endpoint(), "apsaramq.mqtt.retry.enabled=false",
					"apsaramq.mqtt.credentials.metadata-endpoint=" + CredentialsServers.endpoint(this.remote),
					"apsaramq.mqtt.credentials.sts-endpoint=" + CredentialsServers.endpoint(this.remote));
	}

	private Map<String, String> rrsa() throws IOException {
		Path token = Files.writeString(this.home.resolve("token"),
				CredentialsServers.jwt("sa", Instant.now().plus(Duration.ofHours(1))));
		return Map.of("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/mqtt", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
				"acs:ram::1:oidc-provider/ack", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.toString());
	}

	private void stsAnswers() {
		this.remote.when(request().withMethod("POST"))
			.respond(CredentialsServers.stsCredentials("STS.issuedKeyId", STS_SECRET, STS_TOKEN,
					Instant.now().plus(Duration.ofHours(1))));
	}

	private HttpRequest lastSend() {
		List<HttpRequest> received = this.sendMessage.received();
		return received.get(received.size() - 1);
	}

	@Test
	void aConfiguredAccessKeyIsUsedAndTheChainIsNotAsked() {
		withEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tFromEnv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"))
			.withPropertyValues("apsaramq.mqtt.access-key-id=testid", "apsaramq.mqtt.access-key-secret=testsecret")
			.run((context) -> {
				assertThat(context.getBean(CredentialsProvider.class)).isInstanceOf(StaticCredentialsProvider.class);
				assertThat(context.getBean(CredentialsProvider.class).getCredentials().accessKeyId()).isEqualTo("testid");
			});
		assertThat(this.remote.retrieveRecordedRequests(request())).isEmpty();
	}

	@Test
	void withoutAConfiguredKeyTheChainFindsTheEnvironmentAndSendsAreSignedWithIt() {
		withEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tFromEnv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CredentialsChain chain = context.getBean(CredentialsChain.class);
				assertThat(chain.getSourceName()).isEqualTo("environment");
				context.getBean(MqttSendOperations.class).send("alerts/pump", "hello");
				assertThat(lastSend().getFirstHeader("Authorization")).contains("Credential=LTAI5tFromEnv,");
				assertThat(SignatureVerifier.verify(lastSend(), "env-secret").matches()).isTrue();
			});
	}

	@Test
	void rrsaOnAckGivesStsCredentialsThatSignEverySend() throws IOException {
		stsAnswers();
		withEnvironment(rrsa()).withPropertyValues("apsaramq.mqtt.credentials.session-duration=30m",
				"apsaramq.mqtt.credentials.role-session-name=pump-alerts")
			.run((context) -> {
				assertThat(context.getBean(CredentialsChain.class).getSourceName()).isEqualTo("oidc");
				context.getBean(MqttSendOperations.class).send("alerts/pump", "hello");
				HttpRequest sent = lastSend();
				assertThat(sent.getFirstHeader("x-acs-security-token")).isEqualTo(STS_TOKEN);
				SignatureVerifier.Verdict verdict = SignatureVerifier.verify(sent, STS_SECRET);
				assertThat(verdict.matches()).as(verdict.toString()).isTrue();
			});
		HttpRequest assume = this.remote.retrieveRecordedRequests(request().withMethod("POST"))[0];
		assertThat(SignatureVerifier.decodeForm(assume.getBodyAsString())).containsEntry("DurationSeconds", List.of("1800"))
			.containsEntry("RoleSessionName", List.of("pump-alerts"));
	}

	@Test
	void anExplicitSourceIsTheOnlyOneAsked() {
		this.remote.when(request().withMethod("PUT")).respond(response().withBody(CredentialsServers.METADATA_TOKEN));
		this.remote.when(request().withMethod("GET").withPath("/latest/meta-data/ram/security-credentials/MqttRole"))
			.respond(CredentialsServers.metadataCredentials("STS.ecsKeyId", "ecs-secret", "ecs-token",
					Instant.now().plus(Duration.ofHours(6))));
		withEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tFromEnv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"))
			.withPropertyValues("apsaramq.mqtt.credentials.source=ecs-ram-role",
					"apsaramq.mqtt.credentials.role-name=MqttRole", "apsaramq.mqtt.credentials.refresh-ahead=10m")
			.run((context) -> {
				CredentialsChain chain = context.getBean(CredentialsChain.class);
				assertThat(chain.getSourceName()).isEqualTo("ecs-ram-role");
				assertThat(chain.getProvider()).isInstanceOf(RefreshingCredentialsProvider.class);
				assertThat(chain.getCredentials().accessKeyId()).isEqualTo("STS.ecsKeyId");
				MqttSendProperties properties = context.getBean(MqttSendProperties.class);
				assertThat(properties.getCredentials().getRefreshAhead()).isEqualTo(Duration.ofMinutes(10));
			});
		assertThat(this.remote.retrieveRecordedRequests(request().withPath("/latest/meta-data/ram/security-credentials/")))
			.isEmpty();
	}

	@Test
	void theProfilePropertyPicksTheSection() throws IOException {
		Files.createDirectories(this.home.resolve(".alibabacloud"));
		Files.writeString(this.home.resolve(".alibabacloud/credentials.ini"), """
				[default]
				access_key_id = LTAI5tDefault
				access_key_secret = default-secret
				[mqtt]
				access_key_id = LTAI5tMqttProfile
				access_key_secret = mqtt-secret
				""");
		withEnvironment(Map.of()).withPropertyValues("apsaramq.mqtt.credentials.profile=mqtt")
			.run((context) -> assertThat(context.getBean(CredentialsProvider.class).getCredentials().accessKeyId())
				.isEqualTo("LTAI5tMqttProfile"));
	}

	@Test
	void aUserDefinedProviderReplacesTheChain(CapturedOutput output) {
		CredentialsProvider mine = () -> Credentials.of("LTAI5tUserBean", "user-secret");
		withEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tFromEnv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"))
			.withBean(CredentialsProvider.class, () -> mine)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CredentialsChain.class);
				assertThat(context.getBean(CredentialsProvider.class)).isSameAs(mine);
				context.getBean(MqttSendOperations.class).send("alerts/pump", "hello");
				assertThat(SignatureVerifier.verify(lastSend(), "user-secret").matches()).isTrue();
			});
		assertThat(this.remote.retrieveRecordedRequests(request())).isEmpty();
		assertThat(output.getAll()).doesNotContain("credentials come from");
	}

	@Test
	void connectionDetailsCredentialsAreUsedAsTheyAre() {
		withEnvironment(Map.of())
			.withBean(MqttSendConnectionDetails.class, () -> new MqttSendConnectionDetails() {

				@Override
				public java.net.URI getEndpoint() {
					return MqttSendCredentialsAutoConfigurationTests.this.sendMessage.endpoint();
				}

				@Override
				public String getInstanceId() {
					return "mqtt-cn-emulator";
				}

				@Override
				public Credentials getCredentials() {
					return Credentials.of("emulatorid", "emulatorsecret");
				}

			})
			.run((context) -> assertThat(context.getBean(CredentialsProvider.class).getCredentials().accessKeyId())
				.isEqualTo("emulatorid"));
	}

	@Test
	void staticSourceWithoutAKeyFailsAtStartUp() {
		withEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tFromEnv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret"))
			.withPropertyValues("apsaramq.mqtt.credentials.source=static")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("apsaramq.mqtt.credentials.source is static but no AccessKey ID is configured"));
	}

	@Test
	void credentialsSettingsAreChecked() {
		withEnvironment(Map.of()).withPropertyValues("apsaramq.mqtt.credentials.sts-endpoint=http://sts.aliyuncs.com")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("must use https://");
				assertThat(analysis.getAction()).contains("apsaramq.mqtt.credentials");
			});
		withEnvironment(Map.of()).withPropertyValues("apsaramq.mqtt.credentials.session-duration=5m")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("at least 15 minutes"));
		this.contextRunner
			.withBean(HostEnvironment.class,
					() -> HostEnvironment.of(Map.of("ALIBABA_CLOUD_STS_ENDPOINT", "http://sts.aliyuncs.com"), Map.of(), this.home))
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-hangzhou")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("STS endpoint http://sts.aliyuncs.com must use https://");
				assertThat(analysis.getAction()).contains("ALIBABA_CLOUD_STS_ENDPOINT");
			});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		FailureAnalysis analysis = new MqttSendFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
