package io.github.mqttsend.emulator.boot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.emulator.MqttSendEmulator;
import io.github.mqttsend.emulator.TestSubscriber;
import io.github.mqttsend.emulator.TestSubscriber.Delivered;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path: the auto-configured {@code MqttSendTemplate} → the emulator's SendMessage endpoint → an MQTT
 * broker → a Paho subscriber, for text, bytes (Base64 on the wire), JSON and a 60 KB payload. Subclasses pick the
 * broker.
 */
abstract class EndToEndTests {

	@Autowired
	MqttSendTemplate mqtt;

	@Autowired
	MqttSendEmulator emulator;

	private final String topics = "e2e/" + UUID.randomUUID().toString().substring(0, 8);

	private TestSubscriber subscriber;

	record Reading(String device, double celsius, List<String> tags) {

	}

	@BeforeEach
	void subscribe() throws Exception {
		this.subscriber = TestSubscriber.subscribe(this.emulator.brokerUrl(), this.topics + "/#");
	}

	@AfterEach
	void unsubscribe() throws Exception {
		this.subscriber.close();
	}

	@Test
	void text() {
		String text = "pump 7 stopped: 你好 🚀 + / = * ~ %";
		SendResult result = this.mqtt.send(this.topics + "/text", text);
		Delivered delivered = onlyDelivery();
		assertThat(delivered.topic()).isEqualTo(this.topics + "/text");
		assertThat(delivered.payload()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
		assertThat(delivered.qos()).isEqualTo(1);
		assertThat(this.emulator.receivedMessages()).singleElement()
			.satisfies((message) -> assertThat(message.msgId()).isEqualTo(result.msgId()));
	}

	@Test
	void bytesTravelAsBase64() {
		byte[] bytes = new byte[2048];
		ThreadLocalRandom.current().nextBytes(bytes);
		this.mqtt.send(this.topics + "/bytes", bytes);
		Delivered delivered = onlyDelivery();
		// the service delivers the Payload as the text it got: the subscriber decodes the Base64
		assertThat(delivered.text()).isEqualTo(Base64.getEncoder().encodeToString(bytes));
		assertThat(Base64.getDecoder().decode(delivered.payload())).isEqualTo(bytes);
	}

	@Test
	void json() {
		Reading reading = new Reading("pump-7", 21.5, List.of("north", "é"));
		this.mqtt.convertAndSend(this.topics + "/json", reading);
		Delivered delivered = onlyDelivery();
		assertThat(JsonMapper.shared().readValue(delivered.payload(), Reading.class)).isEqualTo(reading);
	}

	@Test
	void sixtyKilobytes() {
		StringBuilder text = new StringBuilder(60 * 1024);
		while (text.length() < 60 * 1024) {
			text.append("0123456789abcdef+/=&?%~* ");
		}
		String payload = text.substring(0, 60 * 1024);
		this.mqtt.send(this.topics + "/large", payload);
		Delivered delivered = onlyDelivery();
		assertThat(delivered.payload()).hasSize(60 * 1024).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
	}

	private Delivered onlyDelivery() {
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.subscriber.delivered().isEmpty());
		List<Delivered> delivered = this.subscriber.delivered();
		assertThat(delivered).hasSize(1);
		return delivered.get(0);
	}

}
