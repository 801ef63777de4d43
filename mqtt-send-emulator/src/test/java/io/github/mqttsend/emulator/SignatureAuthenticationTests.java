package io.github.mqttsend.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link MqttSendEmulator.Builder#requireSignatureAuthentication()}: Paho clients against the embedded broker, let in
 * only with ApsaraMQ for MQTT's Signature credentials, the password computed here with {@code javax.crypto.Mac}
 * rather than by the emulator.
 */
class SignatureAuthenticationTests {

	private static final String INSTANCE = "mqtt-cn-signed";

	private static final String KEY_ID = "LTAIsigned";

	private static final String SECRET = "signed-secret";

	private static MqttSendEmulator emulator;

	@BeforeAll
	static void start() {
		emulator = MqttSendEmulator.builder()
			.instanceId(INSTANCE)
			.accessKey(KEY_ID, SECRET)
			.accessKey(AccessKey.sts("STS.temporary", "sts-secret", "CAIS-token"))
			.requireSignatureAuthentication()
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		emulator.stop();
	}

	@Test
	void thePasswordIsBase64OfHmacSha1OfTheClientIdKeyedWithTheSecret() {
		// printf 'GID_Test@@@0001' | openssl dgst -sha1 -hmac 'YourAccessKeySecret' -binary | base64
		assertThat(MqttSignature.password("GID_Test@@@0001", "YourAccessKeySecret")).isEqualTo("LfrUTZTA3hiLKh5tF+Bw8sA6fIc=");
		assertThat(MqttSignature.password("GID_Test@@@0001", "YourAccessKeySecret"))
			.isEqualTo(hmacSha1Base64("YourAccessKeySecret", "GID_Test@@@0001"));
		assertThat(MqttSignature.username("YYYYY", "mqtt-xxxxx")).isEqualTo("Signature|YYYYY|mqtt-xxxxx");
	}

	// CreateGroupId: a group ID starts with GID_ or GID-, 7 to 64 characters
	@ParameterizedTest
	@ValueSource(strings = { "GID_sample", "GID-sample" })
	void aClientWithTheRightCredentialsConnectsAndReceivesWhatIsSent(String groupId) throws Exception {
		String clientId = groupId + "@@@" + device();
		MqttClient client = client(clientId);
		try {
			client.connect(options("Signature|" + KEY_ID + "|" + INSTANCE, hmacSha1Base64(SECRET, clientId)));
			CountDownLatch received = new CountDownLatch(1);
			client.subscribe("signed/#", 1, (topic, message) -> received.countDown());
			assertThat(SignedCalls.send(SignedCalls.v3(emulator, "signed/t", "hello")).status()).isEqualTo(200);
			assertThat(received.await(10, TimeUnit.SECONDS)).as("delivered by the emulator's own, signed-in publisher")
				.isTrue();
		}
		finally {
			if (client.isConnected()) {
				client.disconnect();
			}
			client.close();
		}
	}

	@Test
	void aWrongSecretIsRefused() {
		String clientId = "GID_sample@@@" + device();
		assertRefused(clientId, "Signature|" + KEY_ID + "|" + INSTANCE, hmacSha1Base64("not-the-secret", clientId));
	}

	@Test
	void anUnknownAccessKeyIdIsRefused() {
		String clientId = "GID_sample@@@" + device();
		assertRefused(clientId, "Signature|LTAIunknown|" + INSTANCE, hmacSha1Base64(SECRET, clientId));
	}

	@Test
	void anotherInstanceIdIsRefused() {
		String clientId = "GID_sample@@@" + device();
		assertRefused(clientId, "Signature|" + KEY_ID + "|mqtt-cn-other", hmacSha1Base64(SECRET, clientId));
	}

	@Test
	void aClientIdThatIsNotGidAtAtAtDeviceIsRefused() {
		for (String clientId : new String[] { "sample-" + device(), "GID_sample@@" + device(), "gid_sample@@@" + device(),
				"GID_@@@" + device(), "GID_ab@@@" + device(), "GID_sample@@@", "GID_sample@@@" + "d".repeat(60) }) {
			assertRefused(clientId, "Signature|" + KEY_ID + "|" + INSTANCE, hmacSha1Base64(SECRET, clientId));
		}
	}

	@Test
	void tokenModeAndStsKeyPairsAreRefused() {
		String clientId = "GID_sample@@@" + device();
		assertRefused(clientId, "Token|" + KEY_ID + "|" + INSTANCE, hmacSha1Base64(SECRET, clientId));
		assertRefused(clientId, "Signature|STS.temporary|" + INSTANCE, hmacSha1Base64("sts-secret", clientId));
		assertRefused(clientId, "Signature|" + KEY_ID + "|" + INSTANCE + "|extra", hmacSha1Base64(SECRET, clientId));
	}

	@Test
	void aClientWithoutUsernameOrPasswordIsRefused() {
		String clientId = "GID_sample@@@" + device();
		assertRefused(clientId, null, null);
		assertRefused(clientId, "Signature|" + KEY_ID + "|" + INSTANCE, null);
	}

	@Test
	void byDefaultAnonymousClientsAreLetIn() throws Exception {
		try (MqttSendEmulator anonymous = MqttSendEmulator.builder().build().start();
				TestSubscriber subscriber = TestSubscriber.subscribe(anonymous.brokerUrl(), "any/#")) {
			assertThat(anonymous.requiresSignatureAuthentication()).isFalse();
			assertThat(subscriber.delivered()).isEmpty();
		}
	}

	@Test
	void anExternalBrokerCannotBeMadeToRequireIt() {
		assertThatIllegalStateException().isThrownBy(() -> MqttSendEmulator.builder()
			.brokerUrl("tcp://127.0.0.1:1883")
			.requireSignatureAuthentication()
			.build()).withMessageContaining("requireSignatureAuthentication() applies to the embedded broker only");
	}

	@Test
	void onlyLongTermKeyPairsCanSignInAndTheLastPairForAnIdWins() {
		AccessKey old = AccessKey.of("LTAIrotated", "old-secret");
		AccessKey current = AccessKey.of("LTAIrotated", "new-secret");
		SignatureAuthenticator authenticator = new SignatureAuthenticator(INSTANCE,
				List.of(old, current, AccessKey.sts("STS.temporary", "sts-secret", "CAIS-token")));
		String clientId = "GID_sample@@@" + device();
		String username = "Signature|LTAIrotated|" + INSTANCE;
		assertThat(authenticator.checkValid(clientId, username, password(clientId, "new-secret"))).isTrue();
		assertThat(authenticator.checkValid(clientId, username, password(clientId, "old-secret")))
			.as("as the HTTP endpoint, which verifies against the last pair given for an ID")
			.isFalse();
		assertThat(authenticator.checkValid(clientId, "Signature|STS.temporary|" + INSTANCE,
				password(clientId, "sts-secret")))
			.isFalse();
	}

	@Test
	void stsKeyPairsAloneCannotRequireIt() {
		assertThatIllegalStateException().isThrownBy(() -> MqttSendEmulator.builder()
			.accessKey(AccessKey.sts("STS.temporary", "sts-secret", "CAIS-token"))
			.requireSignatureAuthentication()
			.build()).withMessageContaining("every key pair given is an STS one");
	}

	@Test
	void theSecretShowsInNoToString() {
		assertThat(emulator.toString()).contains("signature authentication").doesNotContain(SECRET);
		assertThat(new SignatureAuthenticator(INSTANCE, emulator.accessKeys()).toString()).doesNotContain(SECRET)
			.doesNotContain(KEY_ID);
	}

	private static void assertRefused(String clientId, @Nullable String username, @Nullable String password) {
		assertThatExceptionOfType(MqttException.class).as("client %s, username %s", clientId, username).isThrownBy(() -> {
			MqttClient client = client(clientId);
			try {
				client.connect(options(username, password));
				client.disconnect();
			}
			finally {
				client.close();
			}
		}).satisfies((ex) -> assertThat(ex.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
	}

	private static byte[] password(String clientId, String secret) {
		return hmacSha1Base64(secret, clientId).getBytes(StandardCharsets.US_ASCII);
	}

	private static MqttClient client(String clientId) throws MqttException {
		return new MqttClient(emulator.brokerUrl(), clientId, new MemoryPersistence());
	}

	private static MqttConnectOptions options(@Nullable String username, @Nullable String password) {
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		// 3.1.1 only: Paho's default falls back to 3.1 after a refusal, whose 23-character client ID limit hides it
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		if (username != null) {
			options.setUserName(username);
		}
		if (password != null) {
			options.setPassword(password.toCharArray());
		}
		return options;
	}

	private static String device() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** The documented password, computed here independently of the emulator. */
	private static String hmacSha1Base64(String secret, String clientId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
