package io.github.mqttsend.emulator;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.signing.OpenApiRequest.ParameterPlacement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar target/mqtt-send-emulator-<version>-standalone.jar}, as the README says: it prints its endpoint
 * and broker, accepts a signed SendMessage with the printed key pair, and a subscriber of the printed broker gets
 * the message. Runs in {@code verify}, after the jar is packaged.
 */
class StandaloneJarIT {

	@Test
	void theStandaloneJarRunsAndDelivers() throws Exception {
		File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("mqtt-send-emulator-")
				&& name.endsWith("-standalone.jar"));
		assertThat(jars).as("the standalone jar in target/").hasSize(1);
		String javaCommand = ProcessHandle.current().info().command().orElse("java");
		Process process = new ProcessBuilder(javaCommand, "-jar", jars[0].getPath(), "--port=0", "--broker-port=0")
			.redirectErrorStream(true)
			.start();
		List<String> lines = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				in.lines().forEach(lines::add);
			}
			catch (java.io.IOException ex) {
				// the process ended
			}
		});
		reader.setDaemon(true);
		reader.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("Ready. Stop with Ctrl+C."));
			String endpoint = value(lines, "endpoint");
			String broker = value(lines, "broker").split(" ")[0];
			assertThat(endpoint).startsWith("http://127.0.0.1:");
			assertThat(broker).startsWith("tcp://127.0.0.1:");
			assertThat(value(lines, "AccessKey ID")).isEqualTo(MqttSendEmulator.DEFAULT_ACCESS_KEY_ID);
			assertThat(lines).noneMatch((line) -> line.contains("SLF4J"));

			try (TestSubscriber subscriber = TestSubscriber.subscribe(broker, "jar/#")) {
				SignedCalls.Answer answer = SignedCalls.send(SignedCalls.v3(URI.create(endpoint),
						SignedCalls.parameters(value(lines, "instance ID"), "jar/test", "from the jar"),
						Credentials.of(value(lines, "AccessKey ID"), value(lines, "AccessKey secret")),
						Instant.now(), SignedCalls.nonce(), ParameterPlacement.QUERY));
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
				await().atMost(Duration.ofSeconds(10)).until(() -> !subscriber.delivered().isEmpty());
				assertThat(subscriber.delivered().get(0).text()).isEqualTo("from the jar");
			}
		}
		finally {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static String value(List<String> lines, String label) {
		Optional<String> line = lines.stream().filter((l) -> l.startsWith("  " + label + " ")).findFirst();
		assertThat(line).as("a line '%s' in %s", label, lines).isPresent();
		return line.get().substring(2 + label.length()).trim();
	}

}
