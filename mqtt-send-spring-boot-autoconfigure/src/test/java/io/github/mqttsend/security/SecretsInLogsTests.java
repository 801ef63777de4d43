package io.github.mqttsend.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;
import org.slf4j.LoggerFactory;

import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.testsupport.StarterContextRunner;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.credentials.EcsMetadataClient;
import io.github.mqttsend.credentials.HostEnvironment;
import io.github.mqttsend.credentials.RefreshPolicy;
import io.github.mqttsend.credentials.RefreshingCredentialsProvider;
import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.MutableClock;
import io.github.mqttsend.testsupport.SendMessageServer;

import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * No secret — an AccessKey secret, a security token, an OIDC token, a metadata token — in any log line at any
 * level, exception message or {@code toString()}, during a run full of failures: STS throttling, a signed
 * AssumeRole, a malformed metadata answer that quotes a secret, a failed refresh, SignatureDoesNotMatch and
 * throttled sends, and a start-up with no credentials. The starter's loggers, Spring's RestClient and Apache
 * HttpClient all log at TRACE meanwhile.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTests {

	static final List<String> TRACED = List.of("io.github.mqttsend", "org.springframework.web.client",
			"org.springframework.http", "org.apache.hc");

	static final String STATIC_SECRET = "Static-AccessKey-Secret-1";

	static final String PROFILE_SECRET = "Profile-AccessKey-Secret-2";

	static final String ASSUMED_SECRET = "Assumed-AccessKey-Secret-3";

	static final String ASSUMED_TOKEN = "CAIS-Assumed-Security-Token-4";

	static final String ECS_SECRET = "Ecs-AccessKey-Secret-5";

	static final String ECS_TOKEN = "CAIS-Ecs-Security-Token-6";

	private final Map<String, Level> previousLevels = new LinkedHashMap<>();

	private final List<String> printed = new ArrayList<>();

	private final ApplicationContextRunner contextRunner = StarterContextRunner.create();

	@TempDir
	Path home;

	private SendMessageServer sendMessage;

	private ClientAndServer remote;

	private String oidcToken;

	@BeforeEach
	void traceEverything() {
		for (String name : TRACED) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			this.previousLevels.put(name, logger.getLevel());
			logger.setLevel(Level.TRACE);
		}
		this.sendMessage = new SendMessageServer();
		this.remote = ClientAndServer.startClientAndServer(0);
	}

	@AfterEach
	void restoreLevels() {
		this.previousLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
		this.sendMessage.close();
		this.remote.stop();
	}

	@Test
	void noSecretIsPrintedAnywhere(CapturedOutput output) throws IOException {
		rrsaThrottledThenProfileAssumeRoleThenFailingSends();
		ecsMetadataMalformedThenRefreshFailing();
		staticKeysRefused();
		nothingFound();

		List<String> neverTravel = List.of(STATIC_SECRET, PROFILE_SECRET, ASSUMED_SECRET, ECS_SECRET, this.oidcToken,
				CredentialsServers.METADATA_TOKEN);
		List<String> travelToSendMessage = List.of(ASSUMED_TOKEN, ECS_TOKEN);
		// the run did log, at every level, from the starter and from the HTTP clients
		assertThat(output.getAll()).contains("DEBUG", "WARN", "credentials come from",
				"org.apache.hc.client5.http.wire");
		List<String> lines = output.getAll().lines().filter((line) -> !isMockServerFixture(line)).toList();
		assertThat(lines).hasSizeGreaterThan(100);
		for (String secret : neverTravel) {
			assertThat(lines).as("log lines holding %s", secret).noneMatch((line) -> line.contains(secret));
		}
		for (String token : travelToSendMessage) {
			assertThat(lines).as("log lines other than Apache HttpClient's wire logs holding %s", token)
				.noneMatch((line) -> line.contains(token) && !isApacheWireLog(line));
		}
		for (String secret : concat(neverTravel, travelToSendMessage)) {
			assertThat(this.printed).as("messages and toString() holding %s", secret)
				.noneMatch((text) -> text.contains(secret));
		}
		// Apache HttpClient prints the requests it sends at DEBUG, token and all: the starter says so at start-up
		assertThat(lines).anyMatch((line) -> line.contains(" WARN ")
				&& line.contains("Apache HttpClient logs requests as they travel at DEBUG"));
	}

	/** Apache HttpClient's own loggers of what travels: request lines, headers, bytes. */
	private static boolean isApacheWireLog(String line) {
		return line.contains(" org.apache.hc.client5.http.headers - ") || line.contains(" org.apache.hc.client5.http.wire - ")
				|| line.contains(" o.a.h.c.h.i.classic.MainClientExec - ");
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/** MockServer is the test's stand-in for the services: what it logs about its own answers is not ours. */
	private static boolean isMockServerFixture(String line) {
		return line.contains(" o.mockserver.") || line.contains(" org.mockserver.");
	}

	private void rrsaThrottledThenProfileAssumeRoleThenFailingSends() throws IOException {
		Path tokenFile = Files.writeString(this.home.resolve("oidc-token"),
				CredentialsServers.jwt("system:serviceaccount:iot:pump", Instant.now().plus(Duration.ofHours(1))));
		this.oidcToken = Files.readString(tokenFile);
		Files.createDirectories(this.home.resolve(".alibabacloud"));
		Files.writeString(this.home.resolve(".alibabacloud/credentials.ini"), """
				[default]
				type = ram_role_arn
				access_key_id = LTAI5tProfileCaller
				access_key_secret = %s
				role_arn = acs:ram::1:role/mqtt
				""".formatted(PROFILE_SECRET));
		this.remote.when(request().withQueryStringParameter("Action", "AssumeRoleWithOIDC"))
			.respond(CredentialsServers.stsError(400, "Throttling.User"));
		this.remote.when(request().withQueryStringParameter("Action", "AssumeRole"))
			.respond(CredentialsServers.stsCredentials("STS.assumedKeyId", ASSUMED_SECRET, ASSUMED_TOKEN,
					Instant.now().plus(Duration.ofHours(1))));
		Map<String, String> env = Map.of("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/mqtt",
				"ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/ack", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
				tokenFile.toString());
		for (String version : List.of("v3", "v1")) {
			this.sendMessage.mock().reset();
			this.sendMessage.mock().when(request().withPath("/"), Times.once())
				.respond(SendMessageServer.error(400, "SignatureDoesNotMatch", "req-sig"));
			this.sendMessage.mock().when(request().withPath("/"), Times.exactly(2))
				.respond(SendMessageServer.error(400, "Throttling.User", "req-throttled"));
			this.sendMessage.mock().when(request().withPath("/")).respond(SendMessageServer.success("msg-ok", "req-ok"));
			configured(env).withPropertyValues("apsaramq.mqtt.signature-version=" + version).run((context) -> {
				assertThat(context).hasNotFailed();
				MqttSendOperations mqtt = context.getBean(MqttSendOperations.class);
				record(catchThrowable(() -> mqtt.send("alerts/pump", "first")));
				mqtt.send("alerts/pump", "second");
				this.printed.add(context.getBean(CredentialsProvider.class).toString());
				this.printed.add(context.getBean(CredentialsProvider.class).getCredentials().toString());
				this.printed.add(mqtt.toString());
			});
		}
	}

	private void ecsMetadataMalformedThenRefreshFailing() {
		this.remote.reset();
		this.remote.when(request().withMethod("PUT")).respond(response().withBody(CredentialsServers.METADATA_TOKEN));
		this.remote.when(request().withMethod("GET"), Times.once())
			.respond(CredentialsServers.json(200, "{\"Code\":\"Success\",\"AccessKeyId\":\"STS.ecs\",\"AccessKeySecret\":\""
					+ ECS_SECRET + "\",\"SecurityToken\":\"" + ECS_TOKEN + "\",\"Expiration\":\"soon\"}"));
		configured(Map.of()).withPropertyValues("apsaramq.mqtt.credentials.source=ecs-ram-role",
				"apsaramq.mqtt.credentials.role-name=MqttRole")
			.run((context) -> record(context.getStartupFailure()));

		MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
		this.remote.when(request().withMethod("GET"), Times.once())
			.respond(CredentialsServers.metadataCredentials("STS.ecsKeyId", ECS_SECRET, ECS_TOKEN,
					Instant.parse("2024-01-01T01:00:00Z")));
		this.remote.when(request().withMethod("GET"))
			.respond(response().withStatusCode(500).withBody("{\"AccessKeySecret\":\"" + ECS_SECRET + "\"}"));
		EcsMetadataClient metadata = new EcsMetadataClient(CredentialsServers.endpoint(this.remote), clock);
		RefreshingCredentialsProvider provider = new RefreshingCredentialsProvider("ecs-ram-role",
				() -> metadata.credentials("MqttRole"), clock, RefreshPolicy.DEFAULTS, Runnable::run).fetchNow();
		clock.advance(Duration.ofMinutes(58));
		provider.getCredentials();
		clock.advance(Duration.ofMinutes(3));
		record(catchThrowable(provider::getCredentials));
		this.printed.add(provider.toString());
	}

	private void staticKeysRefused() {
		this.sendMessage.mock().reset();
		this.sendMessage.mock().when(request()).respond(SendMessageServer.error(400, "InvalidAccessKeyId.NotFound", "r"));
		configured(Map.of()).withPropertyValues("apsaramq.mqtt.access-key-id=LTAI5tStaticKey",
				"apsaramq.mqtt.access-key-secret=" + STATIC_SECRET, "apsaramq.mqtt.security-token=" + ECS_TOKEN)
			.run((context) -> {
				record(catchThrowable(() -> context.getBean(MqttSendOperations.class).send("alerts/pump", "x")));
				this.printed.add(context.getBean(CredentialsProvider.class).toString());
			});
	}

	private void nothingFound() {
		configured(Map.of()).withPropertyValues("apsaramq.mqtt.credentials.metadata-endpoint=http://127.0.0.1:"
				+ CredentialsServers.closedPort())
			.run((context) -> record(context.getStartupFailure()));
	}

	private ApplicationContextRunner configured(Map<String, String> env) {
		return this.contextRunner.withBean(HostEnvironment.class, () -> HostEnvironment.of(env, Map.of(), this.home))
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test",
					"apsaramq.mqtt.endpoint=" + this.sendMessage.endpoint(),
					"apsaramq.mqtt.retry.initial-interval=10ms", "apsaramq.mqtt.retry.jitter=0ms",
					"apsaramq.mqtt.credentials.sts-endpoint=" + CredentialsServers.endpoint(this.remote),
					"apsaramq.mqtt.credentials.metadata-endpoint=" + CredentialsServers.endpoint(this.remote));
	}

	/** Every message and toString() of a failure and its causes. */
	private void record(Throwable failure) {
		assertThat(failure).isNotNull();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			this.printed.add(String.valueOf(t.getMessage()));
			this.printed.add(t.toString());
			for (Throwable suppressed : t.getSuppressed()) {
				this.printed.add(suppressed.toString());
			}
		}
	}

}
