package io.github.mqttsend.credentials;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;

import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The ECS RAM role source against MockServer standing in for the metadata service at 100.100.100.200: the
 * IMDSv2 token exchange, role discovery, the answers it refuses, redirects it does not follow, and how quickly
 * it gives up on an address that does not answer.
 */
class EcsRamRoleCredentialsSourceTests {

	static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

	static final String SECRET = "ecs-role-secret-value";

	static final String TOKEN = "CAIS-ecs-role-sts-token";

	static final String CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/";

	private final MutableClock clock = new MutableClock(NOW);

	private ClientAndServer metadata;

	@BeforeEach
	void start() {
		this.metadata = ClientAndServer.startClientAndServer(0);
	}

	@AfterEach
	void stop() {
		this.metadata.stop();
	}

	private EcsRamRoleCredentialsSource source(Map<String, String> env, String roleName) {
		return new EcsRamRoleCredentialsSource(HostEnvironment.of(env, Map.of(), Path.of("/nonexistent")),
				new EcsMetadataClient(CredentialsServers.endpoint(this.metadata), this.clock), roleName, this.clock,
				RefreshPolicy.DEFAULTS);
	}

	private void answerToken() {
		this.metadata.when(request().withMethod("PUT").withPath("/latest/api/token")
			.withHeader("X-aliyun-ecs-metadata-token-ttl-seconds", "60"))
			.respond(response().withStatusCode(200).withBody(CredentialsServers.METADATA_TOKEN));
	}

	private void answerRoleList(String body) {
		this.metadata.when(request().withMethod("GET").withPath(CREDENTIALS_PATH)
			.withHeader("X-aliyun-ecs-metadata-token", CredentialsServers.METADATA_TOKEN))
			.respond(response().withStatusCode(200).withBody(body));
	}

	private void answerCredentials(String role, HttpResponse answer) {
		this.metadata.when(request().withMethod("GET").withPath(CREDENTIALS_PATH + role)
			.withHeader("X-aliyun-ecs-metadata-token", CredentialsServers.METADATA_TOKEN)).respond(answer);
	}

	private List<HttpRequest> received() {
		return List.of(this.metadata.retrieveRecordedRequests(request()));
	}

	@Test
	void discoversTheRoleAndFetchesItsCredentialsWithAnImdsV2Token() {
		answerToken();
		answerRoleList("EcsMqttRole\n");
		answerCredentials("EcsMqttRole", CredentialsServers.metadataCredentials("STS.ecsKeyId01", SECRET, TOKEN,
				NOW.plus(Duration.ofHours(6))));
		CredentialsProvider provider = source(Map.of(), null).resolve();
		assertThat(provider.getCredentials()).isEqualTo(
				new Credentials("STS.ecsKeyId01", SECRET, TOKEN, NOW.plus(Duration.ofHours(6))));
		List<HttpRequest> received = received();
		assertThat(received).extracting((request) -> request.getMethod().getValue() + " " + request.getPath().getValue())
			.containsExactly("PUT /latest/api/token", "GET " + CREDENTIALS_PATH, "PUT /latest/api/token",
					"GET " + CREDENTIALS_PATH + "EcsMqttRole");
		// every read presents the token; the token request carries its TTL
		assertThat(received).filteredOn((request) -> request.getMethod().getValue().equals("GET"))
			.allSatisfy((request) -> assertThat(request.getFirstHeader("X-aliyun-ecs-metadata-token"))
				.isEqualTo(CredentialsServers.METADATA_TOKEN));
		assertThat(provider).hasToString("RefreshingCredentialsProvider[source=ecs-ram-role, accessKeyId=STS.****d01, "
				+ "expiration=2024-01-01T06:00:00Z]");
	}

	@Test
	void aConfiguredRoleNameIsNotLookedUp() {
		answerToken();
		answerCredentials("Configured", CredentialsServers.metadataCredentials("STS.ecsKeyId01", SECRET, TOKEN,
				NOW.plus(Duration.ofHours(6))));
		assertThat(source(Map.of(), "Configured").resolve().getCredentials().accessKeyId()).isEqualTo("STS.ecsKeyId01");
		assertThat(received()).noneMatch((request) -> request.getPath().getValue().equals(CREDENTIALS_PATH));
	}

	@Test
	void theRoleNameCanComeFromTheEnvironment() {
		answerToken();
		answerCredentials("FromEnv", CredentialsServers.metadataCredentials("STS.ecsKeyId01", SECRET, TOKEN,
				NOW.plus(Duration.ofHours(6))));
		assertThat(source(Map.of("ALIBABA_CLOUD_ECS_METADATA", "FromEnv"), null).resolve().getCredentials().accessKeyId())
			.isEqualTo("STS.ecsKeyId01");
	}

	@Test
	void ecsMetadataDisabledMeansNoRequestAtAll() {
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(Map.of("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"), null).resolve())
			.withMessage("turned off by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true");
		assertThat(received()).isEmpty();
	}

	static Stream<Arguments> malformedCredentials() {
		return Stream.of(
				Arguments.of("not JSON", response().withStatusCode(200).withBody("<html>" + SECRET + "</html>"),
						"with a body that is not JSON"),
				Arguments.of("empty", response().withStatusCode(200), "with a body that is not JSON"),
				Arguments.of("Code not Success", CredentialsServers.json(200, "{\"Code\":\"Failed\",\"AccessKeySecret\":\""
						+ SECRET + "\"}"), "answered Code Failed, not Success"),
				Arguments.of("no SecurityToken", CredentialsServers.json(200, "{\"Code\":\"Success\",\"AccessKeyId\":\"STS.x\","
						+ "\"AccessKeySecret\":\"" + SECRET + "\",\"Expiration\":\"2024-01-01T06:00:00Z\"}"),
						"answered without AccessKeyId, AccessKeySecret, SecurityToken and Expiration"),
				Arguments.of("bad Expiration", CredentialsServers.json(200, "{\"Code\":\"Success\",\"AccessKeyId\":\"STS.x\","
						+ "\"AccessKeySecret\":\"" + SECRET + "\",\"SecurityToken\":\"" + TOKEN
						+ "\",\"Expiration\":\"tomorrow\"}"), "an Expiration that is not a UTC time"),
				Arguments.of("already expired", CredentialsServers.metadataCredentials("STS.x", SECRET, TOKEN,
						NOW.minusSeconds(1)), "answered credentials that expired at 2023-12-31T23:59:59Z"),
				Arguments.of("JSON array", CredentialsServers.json(200, "[\"" + SECRET + "\"]"), "not JSON"),
				Arguments.of("404", response().withStatusCode(404), "HTTP 404: no such RAM role"),
				Arguments.of("500", response().withStatusCode(500).withBody(SECRET), "answered HTTP 500"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedCredentials")
	void malformedAnswersAreRefusedWithoutQuotingThem(String name, HttpResponse answer, String expected) {
		answerToken();
		answerCredentials("EcsMqttRole", answer);
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(Map.of(), "EcsMqttRole").resolve())
			.withMessageContaining("the ECS metadata service at " + CredentialsServers.endpoint(this.metadata))
			.withMessageContaining(expected)
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET).doesNotContain(TOKEN));
	}

	@Test
	void aTokenEndpointThatRefusesIsReported() {
		this.metadata.when(request().withMethod("PUT").withPath("/latest/api/token"))
			.respond(response().withStatusCode(403).withBody("<html>forbidden</html>"));
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(Map.of(), "EcsMqttRole").resolve())
			.withMessageContaining("(IMDSv2 token) answered HTTP 403");
		assertThat(received()).hasSize(1);
	}

	@Test
	void aTokenThatIsNotATokenIsRefused() {
		this.metadata.when(request().withMethod("PUT").withPath("/latest/api/token"))
			.respond(response().withStatusCode(200).withBody("line one\r\nX-Injected: header"));
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(Map.of(), "EcsMqttRole").resolve())
			.withMessageContaining("answered something that is not a metadata token");
	}

	@Test
	void aListedRoleNameThatCouldChangeThePathIsRefused() {
		answerToken();
		answerRoleList("../../user-data");
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(Map.of(), null).resolve())
			.withMessageContaining("'../../user-data' is not a RAM role name");
		assertThat(received()).noneMatch((request) -> request.getPath().getValue().contains("user-data"));
	}

	@Test
	void anInstanceWithoutARoleSaysSo() {
		answerToken();
		answerRoleList("");
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> source(Map.of(), null).resolve())
			.withMessageContaining("no RAM role is attached to this instance");
	}

	@Test
	void redirectsToAnotherHostAreNotFollowed() {
		try (ClientAndServer elsewhere = ClientAndServer.startClientAndServer(0)) {
			elsewhere.when(request()).respond(CredentialsServers.metadataCredentials("STS.elsewhere", SECRET, TOKEN,
					NOW.plus(Duration.ofHours(6))));
			answerToken();
			answerCredentials("EcsMqttRole", response().withStatusCode(302)
				.withHeader("Location", "http://localhost:" + elsewhere.getPort() + CREDENTIALS_PATH + "EcsMqttRole"));
			assertThatExceptionOfType(CredentialsUnavailableException.class)
				.isThrownBy(() -> source(Map.of(), "EcsMqttRole").resolve())
				.withMessageContaining("answered HTTP 302 (redirects are not followed)");
			assertThat(elsewhere.retrieveRecordedRequests(request())).isEmpty();
		}
	}

	@Test
	void aClosedPortIsGivenUpAtOnce() {
		URI closed = URI.create("http://127.0.0.1:" + CredentialsServers.closedPort());
		EcsRamRoleCredentialsSource source = new EcsRamRoleCredentialsSource(
				HostEnvironment.of(Map.of(), Map.of(), Path.of("/nonexistent")), new EcsMetadataClient(closed, this.clock),
				null, this.clock, RefreshPolicy.DEFAULTS);
		long started = System.nanoTime();
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(source::resolve)
			.withMessageContaining("(IMDSv2 token) failed: ConnectException");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void anAddressThatNeverAnswersIsGivenUpWithinTheOneSecondTimeout() throws Exception {
		try (ServerSocket silent = CredentialsServers.silentServer()) {
			URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
			EcsRamRoleCredentialsSource source = new EcsRamRoleCredentialsSource(
					HostEnvironment.of(Map.of(), Map.of(), Path.of("/nonexistent")),
					new EcsMetadataClient(endpoint, this.clock), null, this.clock, RefreshPolicy.DEFAULTS);
			long started = System.nanoTime();
			assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(source::resolve)
				.withMessageContaining("(IMDSv2 token) failed: HttpTimeoutException");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
					Duration.ofMillis(2500));
		}
	}

	@Test
	void theDefaultsAreTheLinkLocalServiceWithOneSecondTimeouts() {
		assertThat(RemoteEndpoints.METADATA).hasToString("http://100.100.100.200");
		assertThat(EcsMetadataClient.CONNECT_TIMEOUT).isEqualTo(Duration.ofSeconds(1));
		assertThat(EcsMetadataClient.READ_TIMEOUT).isEqualTo(Duration.ofSeconds(1));
		assertThat(new EcsMetadataClient(RemoteEndpoints.METADATA, this.clock).getEndpoint())
			.hasToString("http://100.100.100.200");
	}

}
