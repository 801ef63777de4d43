package io.github.mqttsend.emulator.readme;

import org.junit.jupiter.api.Test;

import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.emulator.Fault;
import io.github.mqttsend.emulator.MqttSendEmulator;
import io.github.mqttsend.emulator.ReceivedMessage;
import io.github.mqttsend.emulator.boot.AutoConfigureMqttSendEmulator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Service;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "Testing your application" Spring Boot example, as it is printed there. */
@SpringBootTest(classes = SpringBootExampleTests.Application.class)
@AutoConfigureMqttSendEmulator
class SpringBootExampleTests {

	@Autowired
	PumpAlerts alerts;

	@Autowired
	MqttSendEmulator emulator;

	@Test
	void alertGoesToTheDevice() {
		this.alerts.alert("device-1", "pressure low");

		assertThat(this.emulator.receivedMessages()).singleElement().satisfies((message) -> {
			assertThat(message.topic()).isEqualTo("alerts/p2p/GID_pump@@@device-1");
			assertThat(message.payload()).isEqualTo("pressure low");
		});
	}

	@Test
	void throttlingIsRetried() {
		this.emulator.faults().next(2, Fault.error("Throttling.User"));

		this.alerts.alert("device-1", "pressure low");

		assertThat(this.emulator.calls()).isEqualTo(3);
		assertThat(this.emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("pressure low");
	}

	/** The application's own code. */
	@Service
	static class PumpAlerts {

		private final MqttSendOperations mqtt;

		PumpAlerts(MqttSendOperations mqtt) {
			this.mqtt = mqtt;
		}

		void alert(String deviceId, String text) {
			this.mqtt.send("alerts/p2p/GID_pump@@@" + deviceId, text);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(PumpAlerts.class)
	static class Application {

	}

}
