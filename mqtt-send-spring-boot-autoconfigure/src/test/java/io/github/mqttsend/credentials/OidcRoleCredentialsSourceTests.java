package io.github.mqttsend.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;

import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.MutableClock;
import io.github.mqttsend.testsupport.SignatureVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * OIDC role SSO (RRSA on ACK) against MockServer standing in for STS: the {@code AssumeRoleWithOIDC} request as
 * Alibaba's {@code credentials-java} sends it (anonymous: no AccessKey, no signature; the token in the body, never
 * the URL), the token file read anew for each refresh, an expired token refused before anything is sent, and
 * every STS answer that cannot be used.
 */
class OidcRoleCredentialsSourceTests {

	static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

	static final String ROLE_ARN = "acs:ram::1234567890:role/mqtt-sender";

	static final String PROVIDER_ARN = "acs:ram::1234567890:oidc-provider/ack-rrsa-c1";

	static final String SECRET = "oidc-sts-secret-value";

	static final String TOKEN = "CAIS-oidc-sts-token";

	private final MutableClock clock = new MutableClock(NOW);

	private ClientAndServer sts;

	@TempDir
	Path tempDir;

	private Path tokenFile;

	@BeforeEach
	void start() throws IOException {
		this.sts = ClientAndServer.startClientAndServer(0);
		this.tokenFile = this.tempDir.resolve("token");
		Files.writeString(this.tokenFile, CredentialsServers.jwt("system:serviceaccount:ns:sa", NOW.plus(Duration.ofHours(1))) + "\n");
	}

	@AfterEach
	void stop() {
		this.sts.stop();
	}

	private Map<String, String> rrsaEnvironment() {
		return Map.of("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", PROVIDER_ARN,
				"ALIBABA_CLOUD_OIDC_TOKEN_FILE", this.tokenFile.toString());
	}

	private OidcRoleCredentialsSource source(Map<String, String> env, RefreshPolicy policy) {
		return new OidcRoleCredentialsSource(HostEnvironment.of(env, Map.of(), this.tempDir),
				new StsClient(CredentialsServers.endpoint(this.sts), this.clock), "mqtt-send-test",
				Duration.ofMinutes(20), this.clock, policy);
	}

	private List<HttpRequest> received() {
		return List.of(this.sts.retrieveRecordedRequests(request()));
	}

	@Test
	void assumeRoleWithOidcIsAnonymousAndCarriesTheTokenInTheBody() throws IOException {
		this.sts.when(request().withMethod("POST").withPath("/"))
			.respond(CredentialsServers.stsCredentials("STS.oidcKeyId1", SECRET, TOKEN, NOW.plus(Duration.ofMinutes(20))));
		CredentialsProvider provider = source(rrsaEnvironment(), RefreshPolicy.DEFAULTS).resolve();
		assertThat(provider.getCredentials())
			.isEqualTo(new Credentials("STS.oidcKeyId1", SECRET, TOKEN, NOW.plus(Duration.ofMinutes(20))));

		HttpRequest sent = received().get(0);
		String oidcToken = Files.readString(this.tokenFile).trim();
		assertThat(sent.getFirstQueryStringParameter("Action")).isEqualTo("AssumeRoleWithOIDC");
		assertThat(sent.getFirstQueryStringParameter("Version")).isEqualTo("2015-04-01");
		assertThat(sent.getFirstQueryStringParameter("Format")).isEqualTo("JSON");
		assertThat(sent.getFirstQueryStringParameter("Timestamp")).isEqualTo("2024-01-01T00:00:00Z");
		// anonymous, as credentials-java sends it: the OIDC token is the proof
		assertThat(sent.getQueryStringParameterList()).extracting((parameter) -> parameter.getName().getValue())
			.containsExactlyInAnyOrder("Action", "Version", "Format", "Timestamp");
		assertThat(sent.getFirstHeader("Authorization")).isEmpty();
		assertThat(sent.getFirstHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		Map<String, List<String>> form = SignatureVerifier.decodeForm(new String(sent.getBodyAsRawBytes(), StandardCharsets.US_ASCII));
		assertThat(form).containsOnly(Map.entry("DurationSeconds", List.of("1200")), Map.entry("OIDCProviderArn", List.of(PROVIDER_ARN)),
				Map.entry("OIDCToken", List.of(oidcToken)), Map.entry("RoleArn", List.of(ROLE_ARN)),
				Map.entry("RoleSessionName", List.of("mqtt-send-test")));
		assertThat(sent.getPath().getValue() + sent.getQueryStringParameterList()).doesNotContain(oidcToken);
	}

	@Test
	void theTokenFileIsReadAnewForEveryRefresh() throws IOException {
		this.sts.when(request().withMethod("POST"), Times.once())
			.respond(CredentialsServers.stsCredentials("STS.first", SECRET, TOKEN, NOW.plus(Duration.ofMinutes(20))));
		this.sts.when(request().withMethod("POST"), Times.once())
			.respond(CredentialsServers.stsCredentials("STS.second", SECRET, TOKEN, NOW.plus(Duration.ofMinutes(40))));
		CredentialsProvider provider = source(rrsaEnvironment(), RefreshPolicy.DEFAULTS).resolve();
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.first");

		String rotated = CredentialsServers.jwt("rotated", NOW.plus(Duration.ofHours(2)));
		Files.writeString(this.tokenFile, rotated);
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.first");
		Awaitility.await().atMost(Duration.ofSeconds(5))
			.until(() -> provider.getCredentials().accessKeyId().equals("STS.second"));
		assertThat(received()).hasSize(2).last()
			.satisfies((request) -> assertThat(SignatureVerifier.decodeForm(request.getBodyAsString()).get("OIDCToken"))
				.containsExactly(rotated));
	}

	@Test
	void anExpiredTokenFileIsRefusedBeforeAnythingIsSent() throws IOException {
		Files.writeString(this.tokenFile, CredentialsServers.jwt("sa", NOW.minusSeconds(30)));
		this.sts.when(request()).respond(CredentialsServers.stsCredentials("STS.x", SECRET, TOKEN, NOW.plus(Duration.ofHours(1))));
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(rrsaEnvironment(), RefreshPolicy.DEFAULTS).resolve())
			.withMessage("OIDC token in " + this.tokenFile + " expired at 2023-12-31T23:59:30Z (is the token file still "
					+ "mounted and rotated?)");
		assertThat(received()).isEmpty();
	}

	@Test
	void aTokenThatExpiresBeforeARefreshFailsThatRefreshAndKeepsTheHeldCredentials() throws IOException {
		this.sts.when(request().withMethod("POST"), Times.once())
			.respond(CredentialsServers.stsCredentials("STS.first", SECRET, TOKEN, NOW.plus(Duration.ofMinutes(20))));
		CredentialsProvider provider = source(rrsaEnvironment(), RefreshPolicy.DEFAULTS).resolve();
		Files.writeString(this.tokenFile, CredentialsServers.jwt("sa", NOW.plus(Duration.ofMinutes(10))));
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.first");
		this.clock.advance(Duration.ofMinutes(5));
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(provider::getCredentials)
			.withMessageContaining("expired at 2024-01-01T00:10:00Z");
		assertThat(received()).hasSize(1);
	}

	@Test
	void missingVariablesAreNamed() {
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(Map.of(), RefreshPolicy.DEFAULTS).resolve())
			.withMessage("environment variables ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, "
					+ "ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set");
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(Map.of("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
					PROVIDER_ARN), RefreshPolicy.DEFAULTS).resolve())
			.withMessage("environment variable ALIBABA_CLOUD_OIDC_TOKEN_FILE is not set");
		assertThat(received()).isEmpty();
	}

	@Test
	void aMissingTokenFileIsReported() {
		Map<String, String> env = Map.of("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
				PROVIDER_ARN, "ALIBABA_CLOUD_OIDC_TOKEN_FILE", this.tempDir.resolve("absent").toString());
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(env, RefreshPolicy.DEFAULTS).resolve())
			.withMessageContaining("cannot be read (NoSuchFileException)");
	}

	static Stream<Arguments> unusableAnswers() {
		return Stream.of(
				Arguments.of("STS error", CredentialsServers.stsError(400, "AuthenticationFail.OIDCToken.Invalid"),
						"answered HTTP 400 AuthenticationFail.OIDCToken.Invalid (RequestId sts-req-err)"),
				Arguments.of("throttled", CredentialsServers.stsError(400, "Throttling.User"),
						"answered HTTP 400 Throttling.User"),
				Arguments.of("HTML from a proxy", response().withStatusCode(502).withBody("<html>bad gateway</html>"),
						"answered HTTP 502"),
				Arguments.of("not JSON", response().withStatusCode(200).withBody("{\"Credentials\":{\"AccessKeySecret\":\""
						+ SECRET), "without STS's JSON Credentials"),
				Arguments.of("no Credentials", CredentialsServers.json(200, "{\"RequestId\":\"r-1\"}"),
						"without STS's JSON Credentials (RequestId r-1)"),
				Arguments.of("no SecurityToken", CredentialsServers.json(200, "{\"Credentials\":{\"AccessKeyId\":\"STS.x\","
						+ "\"AccessKeySecret\":\"" + SECRET + "\",\"Expiration\":\"2024-01-01T01:00:00Z\"}}"),
						"without AccessKeyId, AccessKeySecret, SecurityToken and Expiration"),
				Arguments.of("bad Expiration", CredentialsServers.json(200, "{\"Credentials\":{\"AccessKeyId\":\"STS.x\","
						+ "\"AccessKeySecret\":\"" + SECRET + "\",\"SecurityToken\":\"" + TOKEN
						+ "\",\"Expiration\":\"1704070800\"}}"), "an Expiration that is not a UTC time"),
				Arguments.of("redirect", response().withStatusCode(302).withHeader("Location", "https://evil.example/"),
						"answered HTTP 302 (redirects are not followed)"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unusableAnswers")
	void unusableAnswersAreRefusedWithoutQuotingThemOrTheToken(String name, HttpResponse answer, String expected)
			throws IOException {
		this.sts.when(request()).respond(answer);
		String oidcToken = Files.readString(this.tokenFile).trim();
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(rrsaEnvironment(), RefreshPolicy.DEFAULTS).resolve())
			.withMessageStartingWith("STS AssumeRoleWithOIDC at " + CredentialsServers.endpoint(this.sts))
			.withMessageContaining(expected)
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET, TOKEN, oidcToken));
	}

	@Test
	void aRedirectToAnotherHostIsNotFollowed() {
		try (ClientAndServer elsewhere = ClientAndServer.startClientAndServer(0)) {
			elsewhere.when(request()).respond(CredentialsServers.stsCredentials("STS.x", SECRET, TOKEN, NOW.plus(Duration.ofHours(1))));
			this.sts.when(request()).respond(response().withStatusCode(307)
				.withHeader("Location", "http://localhost:" + elsewhere.getPort() + "/"));
			assertThatExceptionOfType(CredentialsUnavailableException.class)
				.isThrownBy(() -> source(rrsaEnvironment(), RefreshPolicy.DEFAULTS).resolve())
				.withMessageContaining("answered HTTP 307 (redirects are not followed)");
			assertThat(elsewhere.retrieveRecordedRequests(request())).isEmpty();
		}
	}

}
