package io.github.mqttsend.emulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.github.mqttsend.credentials.Credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The standalone entry point's options and what it prints, in process (the jar itself: StandaloneJarIT). */
class StandaloneEmulatorTests {

	@Test
	void printsItsEndpointKeyPairAndBrokerAndAcceptsThatKeyPair() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (MqttSendEmulator emulator = StandaloneEmulator.start(new String[] { "--port=0", "--broker-port=0",
				"--instance-id=mqtt-cn-standalone", "--access-key-id=LTAIstandalone", "--access-key-secret=s3cret",
				"--calls-per-second=50" }, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
			String output = printed.toString(StandardCharsets.UTF_8);
			assertThat(output).contains("endpoint           " + emulator.endpoint())
				.contains("instance ID        mqtt-cn-standalone")
				.contains("AccessKey ID       LTAIstandalone")
				.contains("AccessKey secret   s3cret")
				.contains("broker             " + emulator.brokerUrl() + "  (embedded Moquette")
				.contains("broker auth        none (anonymous clients welcome")
				.contains("50 calls/s")
				.contains("APSARAMQ_MQTT_ENDPOINT=" + emulator.endpoint());
			assertThat(emulator.callsPerSecond()).isEqualTo(50);
			assertThat(SignedCalls.send(SignedCalls.v3(emulator.endpoint(),
					SignedCalls.parameters("mqtt-cn-standalone", "standalone/t", "hi"),
					Credentials.of("LTAIstandalone", "s3cret"), java.time.Instant.now(), SignedCalls.nonce(),
					io.github.mqttsend.signing.OpenApiRequest.ParameterPlacement.QUERY)).status()).isEqualTo(200);
		}
	}

	@Test
	void aSecurityTokenMakesTheKeyPairAnStsOne() {
		try (MqttSendEmulator emulator = StandaloneEmulator.start(new String[] { "--port=0", "--broker-port=0",
				"--access-key-id=STS.x", "--access-key-secret=y", "--security-token=CAIS-z" },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
			assertThat(emulator.accessKeys()).containsExactly(AccessKey.sts("STS.x", "y", "CAIS-z"));
		}
	}

	@Test
	void requireSignatureAuthTurnsItOnAndSaysSo() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (MqttSendEmulator emulator = StandaloneEmulator.start(new String[] { "--port=0", "--broker-port=0",
				"--instance-id=mqtt-cn-standalone", "--access-key-id=LTAIstandalone", "--require-signature-auth" },
				new PrintStream(printed, true, StandardCharsets.UTF_8))) {
			assertThat(emulator.requiresSignatureAuthentication()).isTrue();
			assertThat(printed.toString(StandardCharsets.UTF_8)).contains("broker auth        Signature authentication "
					+ "required: client ID GID_<group>@@@<device>, username Signature|LTAIstandalone|mqtt-cn-standalone");
		}
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		assertThatIllegalStateException().isThrownBy(() -> StandaloneEmulator.start(
				new String[] { "--require-signature-auth", "--broker-url=tcp://127.0.0.1:1883" }, out))
			.withMessageContaining("applies to the embedded broker only");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneEmulator.start(new String[] { "--require-signature-auth=yes" }, out))
			.withMessageContaining("--require-signature-auth takes no value");
	}

	@Test
	void withABrokerOfItsOwnItSaysNothingOfBrokerAuthentication() {
		EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (MqttSendEmulator emulator = StandaloneEmulator.start(
				new String[] { "--port=0", "--broker-url=" + broker.url() },
				new PrintStream(printed, true, StandardCharsets.UTF_8))) {
			assertThat(printed.toString(StandardCharsets.UTF_8)).contains(broker.url() + "  (external)")
				.doesNotContain("broker auth");
		}
		finally {
			broker.stop();
		}
	}

	@Test
	void defaultsToPort9080AndAnEmbeddedBrokerOn1884() {
		assertThat(StandaloneEmulator.DEFAULT_PORT).isEqualTo(9080);
		assertThat(StandaloneEmulator.DEFAULT_BROKER_PORT).isEqualTo(1884);
	}

	@Test
	void refusesUnknownOptionsWithTheUsage() {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		assertThatIllegalArgumentException().isThrownBy(() -> StandaloneEmulator.start(new String[] { "--prot=1" }, out))
			.withMessageContaining("Unknown option --prot")
			.withMessageContaining("Usage: java -jar");
		assertThatIllegalArgumentException().isThrownBy(() -> StandaloneEmulator.start(new String[] { "--port=x" }, out))
			.withMessageContaining("--port must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> StandaloneEmulator.start(new String[] { "9080" }, out))
			.withMessageContaining("Unknown argument");
	}

}
