package io.github.mqttsend.emulator.boot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end through an external broker: the Mosquitto on 127.0.0.1:1883. Skipped, with the reason, where
 * nothing answers there; {@code .ci/run} starts Mosquitto first, so CI always runs it.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMqttSendEmulator(brokerUrl = MosquittoEndToEndTests.MOSQUITTO)
class MosquittoEndToEndTests extends EndToEndTests {

	static final String MOSQUITTO = "tcp://127.0.0.1:1883";

	@BeforeAll
	static void mosquittoAnswers() {
		assumeTrue(answers("127.0.0.1", 1883), "Mosquitto does not answer on 127.0.0.1:1883: skipped. Start it "
				+ "(mosquitto -d -c /etc/mosquitto/mosquitto.conf) to run these tests; .ci/run does.");
	}

	@Test
	void theBrokerIsMosquitto() {
		assertThat(this.emulator.usesEmbeddedBroker()).isFalse();
		assertThat(this.emulator.brokerUrl()).isEqualTo(MOSQUITTO);
	}

	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
