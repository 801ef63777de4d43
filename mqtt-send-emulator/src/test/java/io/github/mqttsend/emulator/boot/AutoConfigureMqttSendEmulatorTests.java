package io.github.mqttsend.emulator.boot;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.autoconfigure.MqttSendConnectionDetails;
import io.github.mqttsend.emulator.MqttSendEmulator;
import io.github.mqttsend.emulator.ReceivedMessage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @AutoConfigureMqttSendEmulator} with no {@code apsaramq.mqtt.*} property at all: the auto-configured
 * template sends to the emulator, as its instance, with its key pair; the emulator is a bean, reset before each
 * test.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMqttSendEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureMqttSendEmulatorTests {

	@Autowired
	MqttSendOperations mqtt;

	@Autowired
	MqttSendEmulator emulator;

	@Autowired
	MqttSendConnectionDetails connectionDetails;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	@Order(1)
	void theTemplateSendsToTheEmulatorWithNoPropertiesWritten() {
		assertThat(this.context.getEnvironment().getProperty("apsaramq.mqtt.instance-id")).isNull();
		assertThat(this.connectionDetails).isInstanceOf(MqttSendEmulatorConnectionDetails.class);
		assertThat(this.connectionDetails.getEndpoint()).isEqualTo(this.emulator.endpoint());
		assertThat(((MqttSendTemplate) this.mqtt).getClient().getEndpoint()).isEqualTo(this.emulator.endpoint());
		assertThat(((MqttSendTemplate) this.mqtt).getDefaultInstanceId()).isEqualTo(this.emulator.instanceId());

		SendResult result = this.mqtt.send("greetings/hello", "hello from the test");

		assertThat(this.emulator.receivedMessages()).singleElement().satisfies((message) -> {
			assertThat(message.msgId()).isEqualTo(result.msgId());
			assertThat(message.requestId()).isEqualTo(result.requestId());
			assertThat(message.payload()).isEqualTo("hello from the test");
			assertThat(message.accessKeyId()).isEqualTo(MqttSendEmulator.DEFAULT_ACCESS_KEY_ID);
		});
	}

	@Test
	@Order(2)
	void eachTestStartsWithAResetEmulator() {
		assertThat(this.emulator.receivedMessages()).isEmpty();
		assertThat(this.emulator.calls()).isZero();
		this.mqtt.convertAndSend("greetings/json", java.util.Map.of("n", 2));
		assertThat(this.emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("{\"n\":2}");
	}

}
