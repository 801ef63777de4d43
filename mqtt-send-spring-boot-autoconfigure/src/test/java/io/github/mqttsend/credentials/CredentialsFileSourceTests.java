package io.github.mqttsend.credentials;

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
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.MutableClock;
import io.github.mqttsend.testsupport.SignatureVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The credentials file: where it is looked for, which profile is read, and its {@code access_key},
 * {@code ecs_ram_role} and {@code ram_role_arn} types, the last against MockServer standing in for STS with the
 * {@code AssumeRole} signature re-checked by the independent {@link SignatureVerifier}.
 */
class CredentialsFileSourceTests {

	static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

	static final String PROFILE_SECRET = "profile-secret-value";

	private final MutableClock clock = new MutableClock(NOW);

	@TempDir
	Path home;

	private ClientAndServer server;

	@BeforeEach
	void start() {
		this.server = ClientAndServer.startClientAndServer(0);
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	private Path writeDefaultFile(String content) throws IOException {
		Path file = this.home.resolve(".alibabacloud/credentials.ini");
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

	private CredentialsFileSource source(Map<String, String> env, String profile) {
		return new CredentialsFileSource(HostEnvironment.of(env, Map.of(), this.home), profile,
				new StsClient(CredentialsServers.endpoint(this.server), this.clock),
				new EcsMetadataClient(CredentialsServers.endpoint(this.server), this.clock), "mqtt-send-test",
				Duration.ofHours(1), this.clock, RefreshPolicy.DEFAULTS);
	}

	@Test
	void theDefaultProfileOfTheDefaultFile() throws IOException {
		writeDefaultFile("""
				# written by the aliyun CLI
				[default]
				enable = true
				type = access_key
				access_key_id = LTAI5tDefaultKey
				access_key_secret = "%s"

				[other]
				type = access_key
				access_key_id = LTAI5tOtherKey
				access_key_secret = other-secret
				""".formatted(PROFILE_SECRET));
		assertThat(source(Map.of(), null).resolve().getCredentials())
			.isEqualTo(Credentials.of("LTAI5tDefaultKey", PROFILE_SECRET));
	}

	@Test
	void theProfileComesFromThePropertyThenTheEnvironment() throws IOException {
		writeDefaultFile("""
				[default]
				access_key_id = LTAI5tDefaultKey
				access_key_secret = default-secret
				[staging]
				access_key_id = LTAI5tStagingKey
				access_key_secret = staging-secret
				[prod]
				access_key_id = LTAI5tProdKey
				access_key_secret = prod-secret
				""");
		assertThat(source(Map.of("ALIBABA_CLOUD_PROFILE", "staging"), null).resolve().getCredentials().accessKeyId())
			.isEqualTo("LTAI5tStagingKey");
		assertThat(source(Map.of("ALIBABA_CLOUD_PROFILE", "staging"), "prod").resolve().getCredentials().accessKeyId())
			.isEqualTo("LTAI5tProdKey");
	}

	@Test
	void theFileCanBeNamedByTheEnvironment() throws IOException {
		Path elsewhere = Files.writeString(this.home.resolve("creds.ini"), """
				[default]
				type = access_key
				access_key_id = LTAI5tElsewhere
				access_key_secret = elsewhere-secret
				""");
		assertThat(source(Map.of("ALIBABA_CLOUD_CREDENTIALS_FILE", elsewhere.toString()), null).resolve()
			.getCredentials()
			.accessKeyId()).isEqualTo("LTAI5tElsewhere");
	}

	@Test
	void whyAProfileGivesNothing() throws IOException {
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(() -> source(Map.of(), null).resolve())
			.withMessage("no credentials file at " + this.home.resolve(".alibabacloud/credentials.ini"));
		Path file = writeDefaultFile("""
				[default]
				enable = false
				access_key_id = LTAI5tDefaultKey
				access_key_secret = %s
				[half]
				access_key_id = LTAI5tHalf
				[rsa]
				type = rsa_key_pair
				""".formatted(PROFILE_SECRET));
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(() -> source(Map.of(), null).resolve())
			.withMessage("profile [default] of " + file + " is turned off (enable = false)");
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(() -> source(Map.of(), "absent").resolve())
			.withMessage("no profile [absent] in " + file);
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(() -> source(Map.of(), "half").resolve())
			.withMessage("profile [half] of " + file + " lacks access_key_id or access_key_secret");
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(() -> source(Map.of(), "rsa").resolve())
			.withMessage("profile [rsa] of " + file + " has type 'rsa_key_pair', which is not supported (access_key, "
					+ "ecs_ram_role, ram_role_arn)");
	}

	@Test
	void ecsRamRoleProfilesAskTheMetadataService() throws IOException {
		writeDefaultFile("""
				[default]
				type = ecs_ram_role
				role_name = ProfileRole
				""");
		this.server.when(request().withMethod("PUT").withPath("/latest/api/token"))
			.respond(response().withBody(CredentialsServers.METADATA_TOKEN));
		this.server.when(request().withMethod("GET").withPath("/latest/meta-data/ram/security-credentials/ProfileRole")
			.withHeader("X-aliyun-ecs-metadata-token", CredentialsServers.METADATA_TOKEN))
			.respond(CredentialsServers.metadataCredentials("STS.profileEcs", "ecs-secret", "ecs-token",
					NOW.plus(Duration.ofHours(6))));
		CredentialsProvider provider = source(Map.of(), null).resolve();
		assertThat(provider).isInstanceOf(RefreshingCredentialsProvider.class);
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.profileEcs");
	}

	@Test
	void ramRoleArnProfilesCallAssumeRoleSignedWithTheProfilesAccessKey() throws IOException {
		writeDefaultFile("""
				[default]
				type = ram_role_arn
				access_key_id = LTAI5tCallerKey
				access_key_secret = %s
				role_arn = acs:ram::1234567890:role/mqtt-sender
				role_session_name = ci-session
				""".formatted(PROFILE_SECRET));
		this.server.when(request().withMethod("POST").withPath("/"))
			.respond(CredentialsServers.stsCredentials("STS.assumed01", "assumed-secret", "assumed-token",
					NOW.plus(Duration.ofHours(1))));
		CredentialsProvider provider = source(Map.of(), null).resolve();
		assertThat(provider.getCredentials())
			.isEqualTo(new Credentials("STS.assumed01", "assumed-secret", "assumed-token", NOW.plus(Duration.ofHours(1))));

		List<HttpRequest> received = List.of(this.server.retrieveRecordedRequests(request()));
		assertThat(received).hasSize(1);
		HttpRequest sent = received.get(0);
		assertThat(sent.getFirstQueryStringParameter("Action")).isEqualTo("AssumeRole");
		assertThat(sent.getFirstQueryStringParameter("Version")).isEqualTo("2015-04-01");
		assertThat(sent.getFirstQueryStringParameter("AccessKeyId")).isEqualTo("LTAI5tCallerKey");
		assertThat(sent.getFirstQueryStringParameter("SignatureMethod")).isEqualTo("HMAC-SHA1");
		assertThat(sent.getFirstQueryStringParameter("Timestamp")).isEqualTo("2024-01-01T00:00:00Z");
		assertThat(SignatureVerifier.decodeForm(sent.getBodyAsString())).containsOnly(
				Map.entry("DurationSeconds", List.of("3600")),
				Map.entry("RoleArn", List.of("acs:ram::1234567890:role/mqtt-sender")),
				Map.entry("RoleSessionName", List.of("ci-session")));
		// re-signed independently: the profile's secret signed exactly what arrived
		SignatureVerifier.Verdict verdict = SignatureVerifier.verify(sent, PROFILE_SECRET);
		assertThat(verdict.matches()).as(verdict.toString()).isTrue();
		assertThat(verdict.version()).isEqualTo("V1");
		assertThat(SignatureVerifier.verify(sent, "another-secret").matches()).isFalse();
		assertThat(sent.toString()).doesNotContain(PROFILE_SECRET);
	}

	@Test
	void aRamRoleArnProfileWithoutARoleSaysSo() throws IOException {
		Path file = writeDefaultFile("""
				[default]
				type = ram_role_arn
				access_key_id = LTAI5tCallerKey
				access_key_secret = %s
				""".formatted(PROFILE_SECRET));
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(() -> source(Map.of(), null).resolve())
			.withMessage("profile [default] of " + file + " is of type ram_role_arn but has no role_arn");
	}

	@Test
	void aRefusedAssumeRoleIsReported() throws IOException {
		writeDefaultFile("""
				[default]
				type = ram_role_arn
				access_key_id = LTAI5tCallerKey
				access_key_secret = %s
				role_arn = acs:ram::1234567890:role/mqtt-sender
				""".formatted(PROFILE_SECRET));
		this.server.when(request()).respond(CredentialsServers.stsError(403, "NoPermission"));
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(() -> source(Map.of(), null).resolve())
			.withMessage("STS AssumeRole at " + CredentialsServers.endpoint(this.server)
					+ " answered HTTP 403 NoPermission (RequestId sts-req-err)");
	}

	@Test
	void iniSyntax() {
		Map<String, Map<String, String>> parsed = CredentialsFile.parse(List.of("; comment", "ignored = before any section",
				"[ spaced ]", "  key =  value with spaces  ", "quoted = 'single'", "eq = a=b", "[empty]"));
		assertThat(parsed).containsOnlyKeys("spaced", "empty");
		assertThat(parsed.get("spaced")).containsExactly(Map.entry("key", "value with spaces"),
				Map.entry("quoted", "single"), Map.entry("eq", "a=b"));
	}

}
