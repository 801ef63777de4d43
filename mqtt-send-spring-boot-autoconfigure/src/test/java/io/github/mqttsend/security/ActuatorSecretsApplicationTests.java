package io.github.mqttsend.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockserver.integration.ClientAndServer;

import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.credentials.HostEnvironment;
import io.github.mqttsend.testsupport.CredentialsServers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockserver.model.HttpRequest.request;

/**
 * A running web application with Actuator, values shown ({@code show-values=always}), called over HTTP:
 * {@code /actuator/configprops} and {@code /actuator/env} never show the AccessKey secret or the security token
 * of {@code apsaramq.mqtt.*}, the chain's secret system properties and environment variables, the temporary
 * credentials the chain got from STS, or the OIDC token it traded for them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-hangzhou",
				// keys in properties, shown masked; the chain's OIDC source is what signs
				"apsaramq.mqtt.credentials.source=oidc", "apsaramq.mqtt.access-key-id=LTAI5tPropertyKey",
				"apsaramq.mqtt.access-key-secret=" + ActuatorSecretsApplicationTests.PROPERTY_SECRET,
				"apsaramq.mqtt.security-token=" + ActuatorSecretsApplicationTests.PROPERTY_TOKEN,
				// what /actuator/env lists among system properties and environment variables
				"alibabacloud.accessKeyId=LTAI5tSysPropKey",
				"alibabacloud.accessKeySecret=" + ActuatorSecretsApplicationTests.SYSPROP_SECRET,
				"alibabacloud.sessionToken=" + ActuatorSecretsApplicationTests.SYSPROP_TOKEN,
				"ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEnvKey",
				"ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + ActuatorSecretsApplicationTests.ENV_SECRET,
				"ALIBABA_CLOUD_SECURITY_TOKEN=" + ActuatorSecretsApplicationTests.ENV_TOKEN })
class ActuatorSecretsApplicationTests {

	static final String PROPERTY_SECRET = "Property-Secret-Value-1";

	static final String PROPERTY_TOKEN = "CAIS-Property-Token-2";

	static final String SYSPROP_SECRET = "SysProp-Secret-Value-3";

	static final String SYSPROP_TOKEN = "SysProp-Session-Token-4";

	static final String ENV_SECRET = "Env-Secret-Value-5";

	static final String ENV_TOKEN = "CAIS-Env-Token-6";

	static final String STS_SECRET = "Sts-Issued-Secret-7";

	static final String STS_TOKEN = "CAIS-Sts-Issued-Token-8";

	static final ClientAndServer sts = ClientAndServer.startClientAndServer(0);

	static final Path tokenFile = writeTokenFile();

	static final String OIDC_TOKEN = read(tokenFile);

	@LocalServerPort
	int port;

	@Autowired
	CredentialsProvider credentialsProvider;

	@DynamicPropertySource
	static void sts(DynamicPropertyRegistry registry) {
		sts.when(request().withQueryStringParameter("Action", "AssumeRoleWithOIDC"))
			.respond(CredentialsServers.stsCredentials("STS.chainKeyId", STS_SECRET, STS_TOKEN,
					Instant.now().plus(Duration.ofHours(1))));
		registry.add("apsaramq.mqtt.credentials.sts-endpoint", () -> CredentialsServers.endpoint(sts).toString());
		registry.add("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile::toString);
	}

	@AfterAll
	static void stopSts() {
		sts.stop();
	}

	@Test
	void theChainSignsWithStsCredentials() {
		assertThat(this.credentialsProvider.getCredentials().accessKeyId()).isEqualTo("STS.chainKeyId");
		assertThat(sts.retrieveRecordedRequests(request())).hasSize(1);
	}

	@Test
	void configpropsShowsTheKeyIdButMasksTheSecretAndTheToken() {
		String body = get("/actuator/configprops");
		assertThat(body).contains("\"accessKeyId\":\"LTAI5tPropertyKey\"", "\"accessKeySecret\":\"******\"",
				"\"securityToken\":\"******\"", "\"source\":\"OIDC\"");
		assertNoSecret(body);
	}

	@Test
	void envShowsValuesButMasksEverySecret() {
		String body = get("/actuator/env");
		assertThat(body).contains("LTAI5tPropertyKey", "LTAI5tSysPropKey", "LTAI5tEnvKey", tokenFile.toString());
		assertNoSecret(body);
		for (String secret : new String[] { "apsaramq.mqtt.access-key-secret", "apsaramq.mqtt.security-token",
				"alibabacloud.accessKeySecret", "alibabacloud.sessionToken", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
				"ALIBABA_CLOUD_SECURITY_TOKEN" }) {
			assertThat(get("/actuator/env/" + secret)).as(secret).contains("\"value\":\"******\"");
		}
		assertThat(get("/actuator/env/apsaramq.mqtt.instance-id")).contains("\"value\":\"mqtt-cn-test\"");
	}

	private static void assertNoSecret(String body) {
		assertThat(body).doesNotContain(PROPERTY_SECRET, PROPERTY_TOKEN, SYSPROP_SECRET, SYSPROP_TOKEN, ENV_SECRET,
				ENV_TOKEN, STS_SECRET, STS_TOKEN, OIDC_TOKEN);
	}

	private String get(String path) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path writeTokenFile() {
		try {
			Path file = Files.createTempFile("oidc-token", ".jwt");
			file.toFile().deleteOnExit();
			return Files.writeString(file, CredentialsServers.jwt("system:serviceaccount:iot:pump",
					Instant.now().plus(Duration.ofHours(1))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		/** The chain reads RRSA's variables from here, not from the real process environment. */
		@Bean
		HostEnvironment hostEnvironment() {
			return HostEnvironment.of(Map.of("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/mqtt",
					"ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/ack", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
					tokenFile.toString()), Map.of(), Path.of(System.getProperty("java.io.tmpdir")));
		}

	}

}
