package io.github.mqttsend.security;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockserver.integration.ClientAndServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.testsupport.StarterContextRunner;
import io.github.mqttsend.MqttSendTransportException;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.credentials.CredentialsUnavailableException;
import io.github.mqttsend.credentials.EcsMetadataClient;
import io.github.mqttsend.credentials.StsClient;
import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.SendMessageServer;

import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockserver.model.HttpRequest.request;

/**
 * TLS stays on. MockServer serves https with its own certificate authority, which no JVM trusts: SendMessage,
 * STS and the metadata client all refuse it, and only an SSL bundle that trusts that authority (the supported
 * way) makes SendMessage accept it. No property turns certificate checks off, and plain http is refused for
 * anything but a loopback host (and the link-local metadata service).
 */
class TlsTests {

	static final String MOCKSERVER_CA = "classpath:org/mockserver/socket/CertificateAuthorityCertificate.pem";

	private final ApplicationContextRunner contextRunner = StarterContextRunner.create(SslAutoConfiguration.class);

	private ClientAndServer server;

	@BeforeEach
	void start() {
		this.server = ClientAndServer.startClientAndServer(0);
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	private String https() {
		return "https://localhost:" + this.server.getPort();
	}

	private ApplicationContextRunner sendingOverHttps() {
		this.server.when(request().withPath("/")).respond(SendMessageServer.success("msg-tls", "req-tls"));
		return this.contextRunner.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test",
				"apsaramq.mqtt.endpoint=" + https(), "apsaramq.mqtt.access-key-id=testid",
				"apsaramq.mqtt.access-key-secret=testsecret", "apsaramq.mqtt.retry.enabled=false");
	}

	@Test
	void aCertificateNoTrustStoreVouchesForIsRefused() {
		sendingOverHttps().run((context) -> {
			Throwable failure = catchThrowable(() -> context.getBean(MqttSendOperations.class).send("alerts/pump", "x"));
			assertThat(failure).isInstanceOf(MqttSendTransportException.class);
			assertThat(causes(failure)).anyMatch(SSLException.class::isInstance);
		});
		// the handshake failed: no request was ever read
		assertThat(this.server.retrieveRecordedRequests(request())).isEmpty();
	}

	@Test
	void anSslBundleThatTrustsTheAuthorityIsTheWayToAcceptIt() {
		sendingOverHttps()
			.withPropertyValues("spring.ssl.bundle.pem.mockserver.truststore.certificate=" + MOCKSERVER_CA,
					"apsaramq.mqtt.http.ssl.bundle=mockserver")
			.run((context) -> {
				SendResult result = context.getBean(MqttSendOperations.class).send("alerts/pump", "x");
				assertThat(result.msgId()).isEqualTo("msg-tls");
			});
		assertThat(this.server.retrieveRecordedRequests(request())).singleElement()
			.satisfies((request) -> assertThat(request.isSecure()).isTrue());
	}

	@Test
	void stsAndTheMetadataServiceOverHttpsRefuseAnUntrustedCertificate() {
		this.server.when(request()).respond(CredentialsServers.stsCredentials("STS.x", "secret", "token",
				Instant.now().plus(Duration.ofHours(1))));
		StsClient sts = new StsClient(URI.create(https()), Clock.systemUTC());
		assertThatExceptionOfType(CredentialsUnavailableException.class)
			.isThrownBy(() -> sts.assumeRole(Credentials.of("LTAI5tCaller", "caller-secret"), "acs:ram::1:role/r",
					"s", Duration.ofHours(1)))
			.withMessageContaining("failed: SSLHandshakeException");
		EcsMetadataClient metadata = new EcsMetadataClient(URI.create(https()), Clock.systemUTC());
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(() -> metadata.credentials("Role"))
			.withMessageContaining("failed: SSLHandshakeException");
		assertThat(this.server.retrieveRecordedRequests(request())).isEmpty();
	}

	@Test
	void plainHttpIsRefusedForAnythingButLoopback() {
		this.contextRunner.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test",
				"apsaramq.mqtt.endpoint=http://onsmqtt.cn-hangzhou.aliyuncs.com", "apsaramq.mqtt.access-key-id=testid",
				"apsaramq.mqtt.access-key-secret=testsecret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must use https://"));
		this.contextRunner.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-hangzhou",
				"apsaramq.mqtt.credentials.source=oidc", "apsaramq.mqtt.credentials.sts-endpoint=http://sts.aliyuncs.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must use https://"));
		this.contextRunner.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-hangzhou",
				"apsaramq.mqtt.credentials.source=ecs-ram-role",
				"apsaramq.mqtt.credentials.metadata-endpoint=http://169.254.169.254")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must use https://"));
	}

	@Test
	void noPropertyTurnsCertificateChecksOff() throws Exception {
		List<String> names = new ArrayList<>();
		for (String resource : List.of("META-INF/spring-configuration-metadata.json",
				"META-INF/additional-spring-configuration-metadata.json")) {
			try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
				assertThat(in).as(resource).isNotNull();
				JsonNode metadata = JsonMapper.shared().readTree(in);
				metadata.path("properties").forEach((property) -> names.add(property.path("name").asString()));
			}
		}
		assertThat(names).contains("apsaramq.mqtt.credentials.sts-endpoint", "apsaramq.mqtt.http.ssl.bundle");
		Pattern tlsRelated = Pattern.compile("ssl|tls|trust|cert|verif|insecure|hostname|skip|plain");
		assertThat(names.stream().filter((name) -> tlsRelated.matcher(name.toLowerCase(Locale.ROOT)).find()).distinct())
			.containsExactly("apsaramq.mqtt.http.ssl.bundle");
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			causes.add(t);
		}
		return causes;
	}

}
