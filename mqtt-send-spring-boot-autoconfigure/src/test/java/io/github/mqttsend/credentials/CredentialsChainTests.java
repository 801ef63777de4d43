package io.github.mqttsend.credentials;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.integration.ClientAndServer;

import io.github.mqttsend.credentials.CredentialsChainBuilder.Source;
import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.MutableClock;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The chain as a whole: Alibaba's order, the first source with credentials wins and is reported once at INFO
 * with a masked AccessKeyId, a report of every source when none has any, and a metadata address that does not
 * answer costing about a second, not a hang.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialsChainTests {

	static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	@TempDir
	Path home;

	private ClientAndServer server;

	private final Map<String, String> env = new HashMap<>();

	private final Map<String, String> systemProperties = new HashMap<>();

	@BeforeEach
	void start() {
		this.server = ClientAndServer.startClientAndServer(0);
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	private CredentialsChainBuilder chain() {
		return CredentialsChain.builder()
			.environment(HostEnvironment.of(this.env, this.systemProperties, this.home))
			.clock(this.clock)
			.metadataEndpoint(CredentialsServers.endpoint(this.server))
			.stsEndpoint(CredentialsServers.endpoint(this.server));
	}

	private void allSourcesConfigured() throws IOException {
		this.systemProperties.put("alibabacloud.accessKeyId", "LTAI5tFromSysProps");
		this.systemProperties.put("alibabacloud.accessKeySecret", "sysprops-secret");
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tFromEnvironment");
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "environment-secret");
		Path token = Files.writeString(this.home.resolve("token"), CredentialsServers.jwt("sa", NOW.plus(Duration.ofHours(1))));
		this.env.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r");
		this.env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p");
		this.env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.toString());
		Files.createDirectories(this.home.resolve(".alibabacloud"));
		Files.writeString(this.home.resolve(".alibabacloud/credentials.ini"),
				"[default]\naccess_key_id = LTAI5tFromProfile\naccess_key_secret = profile-secret\n");
		this.server.when(request().withMethod("POST"))
			.respond(CredentialsServers.stsCredentials("STS.fromOidc", "oidc-secret", "oidc-token", NOW.plus(Duration.ofHours(1))));
		this.server.when(request().withMethod("PUT"))
			.respond(response().withBody(CredentialsServers.METADATA_TOKEN));
		this.server.when(request().withMethod("GET").withPath("/latest/meta-data/ram/security-credentials/"))
			.respond(response().withBody("Role"));
		this.server.when(request().withMethod("GET").withPath("/latest/meta-data/ram/security-credentials/Role"))
			.respond(CredentialsServers.metadataCredentials("STS.fromEcsRole", "ecs-secret", "ecs-token",
					NOW.plus(Duration.ofHours(6))));
	}

	@Test
	void alibabasOrderDecides() throws IOException {
		allSourcesConfigured();
		assertThat(chain().resolve().getSourceName()).isEqualTo("system-properties");
		this.systemProperties.clear();
		assertThat(chain().resolve().getSourceName()).isEqualTo("environment");
		this.env.remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
		// nothing remote was asked while a local source had credentials
		assertThat(this.server.retrieveRecordedRequests(request())).isEmpty();
		assertThat(chain().resolve().getCredentials().accessKeyId()).isEqualTo("STS.fromOidc");
		this.env.remove("ALIBABA_CLOUD_ROLE_ARN");
		assertThat(chain().resolve().getCredentials().accessKeyId()).isEqualTo("LTAI5tFromProfile");
		Files.delete(this.home.resolve(".alibabacloud/credentials.ini"));
		CredentialsChain ecs = chain().resolve();
		assertThat(ecs.getSourceName()).isEqualTo("ecs-ram-role");
		assertThat(ecs.getCredentials().accessKeyId()).isEqualTo("STS.fromEcsRole");
	}

	@Test
	void onlyTheSelectedSourcesAreAsked() throws IOException {
		allSourcesConfigured();
		CredentialsChain chain = chain().sources(EnumSet.of(Source.ECS_RAM_ROLE)).resolve();
		assertThat(chain.getCredentials().accessKeyId()).isEqualTo("STS.fromEcsRole");
		assertThat(chain().sources(EnumSet.of(Source.PROFILE, Source.ENVIRONMENT)).resolve().getSourceName())
			.isEqualTo("environment");
	}

	@Test
	void theSourceIsReportedOnceAtInfoWithAMaskedKeyId(CapturedOutput output) {
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tEnvironmentKey");
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "environment-secret-value");
		CredentialsChain chain = chain().resolve();
		for (int i = 0; i < 5; i++) {
			chain.getCredentials();
		}
		assertThat(output.getAll().lines().filter((line) -> line.contains("credentials come from")))
			.singleElement()
			.asString()
			.contains(" INFO ")
			.endsWith("ApsaraMQ for MQTT credentials come from environment (AccessKeyId LTAI****Key)");
		assertThat(output.getAll()).doesNotContain("LTAI5tEnvironmentKey", "environment-secret-value");
		assertThat(chain).hasToString("CredentialsChain[source=environment, StaticCredentialsProvider["
				+ "Credentials[accessKeyId=LTAI****Key, accessKeySecret=******]]]");
	}

	@Test
	void whenNoSourceHasCredentialsEachSaysWhy() {
		URI closed = URI.create("http://127.0.0.1:" + CredentialsServers.closedPort());
		CredentialsChainBuilder chain = chain().metadataEndpoint(closed);
		assertThatExceptionOfType(NoCredentialsFoundException.class).isThrownBy(chain::resolve)
			.satisfies((ex) -> assertThat(ex.getAttempts()).extracting(NoCredentialsFoundException.Attempt::toString)
				.containsExactly("system-properties: system property alibabacloud.accessKeyId is not set",
						"environment: environment variable ALIBABA_CLOUD_ACCESS_KEY_ID is not set",
						"oidc: environment variables ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, "
								+ "ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set",
						"profile: no credentials file at " + this.home.resolve(".alibabacloud/credentials.ini"),
						"ecs-ram-role: the ECS metadata service at " + closed
								+ " (IMDSv2 token) failed: ConnectException"))
			.withMessageStartingWith("No credentials found: system-properties: ");
	}

	@Test
	void aHalfConfiguredSourceSaysWhatIsMissingAndTheChainMovesOn() {
		this.systemProperties.put("alibabacloud.accessKeyId", "LTAI5tFromSysProps");
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tFromEnvironment");
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "environment-secret");
		assertThat(chain().resolve().getSourceName()).isEqualTo("environment");
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> new SystemPropertiesCredentialsSource(HostEnvironment.of(this.env, this.systemProperties,
					this.home)).resolve())
			.withMessage("system property alibabacloud.accessKeyId is set but alibabacloud.accessKeySecret is not");
	}

	@Test
	void localSourcesReadTheirTokensAndTheOlderSecretProperty() {
		this.systemProperties.put("alibabacloud.accessKeyId", "STS.sysprops");
		this.systemProperties.put("alibabacloud.accessKeyIdSecret", "legacy-secret");
		this.systemProperties.put("alibabacloud.sessionToken", "sysprops-token");
		assertThat(new SystemPropertiesCredentialsSource(HostEnvironment.of(this.env, this.systemProperties, this.home))
			.resolve()
			.getCredentials()).isEqualTo(Credentials.of("STS.sysprops", "legacy-secret", "sysprops-token"));
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.env");
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
		this.env.put("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token");
		assertThat(new EnvironmentVariablesCredentialsSource(HostEnvironment.of(this.env, this.systemProperties, this.home))
			.resolve()
			.getCredentials()).isEqualTo(Credentials.of("STS.env", "env-secret", "env-token"));
	}

	@Test
	void theHostEnvironmentPrintsNoValue() {
		this.env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "environment-secret");
		assertThat(HostEnvironment.of(this.env, this.systemProperties, this.home).toString())
			.isEqualTo("HostEnvironment[user.home=" + this.home + "]");
		assertThat(HostEnvironment.system().userHome()).isEqualTo(Path.of(System.getProperty("user.home")));
	}

	@Test
	void aMetadataAddressThatNeverAnswersCostsAboutASecond() throws IOException {
		try (ServerSocket silent = CredentialsServers.silentServer()) {
			CredentialsChainBuilder chain = chain().metadataEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort()));
			long started = System.nanoTime();
			assertThatExceptionOfType(NoCredentialsFoundException.class).isThrownBy(chain::resolve)
				.satisfies((ex) -> assertThat(ex.getAttempts()).last()
					.satisfies((attempt) -> assertThat(attempt.reason()).contains("(IMDSv2 token) failed: HttpTimeoutException")));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
		}
	}

	@Test
	void theStsEndpointFollowsTheRegionVariables() {
		CredentialsChainBuilder chain = CredentialsChain.builder().environment(HostEnvironment.of(Map.of(), Map.of(), this.home));
		assertThat(chain.effectiveStsEndpoint()).hasToString("https://sts.aliyuncs.com");
		chain.environment(HostEnvironment.of(Map.of("ALIBABA_CLOUD_STS_REGION", "cn-shanghai"), Map.of(), this.home));
		assertThat(chain.effectiveStsEndpoint()).hasToString("https://sts.cn-shanghai.aliyuncs.com");
		chain.environment(HostEnvironment.of(Map.of("ALIBABA_CLOUD_STS_REGION", "cn-shanghai",
				"ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "true"), Map.of(), this.home));
		assertThat(chain.effectiveStsEndpoint()).hasToString("https://sts-vpc.cn-shanghai.aliyuncs.com");
		chain.environment(HostEnvironment.of(Map.of("ALIBABA_CLOUD_STS_REGION", "cn-shanghai",
				"ALIBABA_CLOUD_STS_ENDPOINT", "sts-vpc.cn-beijing.aliyuncs.com"), Map.of(), this.home));
		assertThat(chain.effectiveStsEndpoint()).hasToString("https://sts-vpc.cn-beijing.aliyuncs.com");
		chain.environment(HostEnvironment.of(Map.of("ALIBABA_CLOUD_STS_ENDPOINT", "http://sts.aliyuncs.com"), Map.of(),
				this.home));
		assertThatIllegalArgumentException().isThrownBy(chain::effectiveStsEndpoint).withMessageContaining("must use https://");
		chain.stsEndpoint(URI.create("https://sts.ap-southeast-1.aliyuncs.com"));
		assertThat(chain.effectiveStsEndpoint()).hasToString("https://sts.ap-southeast-1.aliyuncs.com");
	}

	@Test
	void settingsAreChecked() {
		CredentialsChainBuilder chain = CredentialsChain.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> chain.sessionDuration(Duration.ofMinutes(14)))
			.withMessageContaining("at least 15 minutes");
		assertThatIllegalArgumentException().isThrownBy(() -> chain.sources(EnumSet.noneOf(Source.class)));
		assertThatIllegalArgumentException().isThrownBy(() -> chain.stsEndpoint(URI.create("http://sts.aliyuncs.com")))
			.withMessageContaining("must use https://");
	}

}
