package io.github.mqttsend.emulator.boot;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.MqttSendPermissionException;
import io.github.mqttsend.MqttSendThrottledException;
import io.github.mqttsend.MqttSendTransportException;
import io.github.mqttsend.emulator.Fault;
import io.github.mqttsend.emulator.MqttSendEmulator;
import io.github.mqttsend.emulator.ReceivedMessage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection as an application's own tests use it: the auto-configured template against injected errors,
 * slow answers and lost connections, with its retries.
 */
@SpringBootTest(classes = TestApplication.class, properties = { "apsaramq.mqtt.retry.initial-interval=10ms",
		"apsaramq.mqtt.retry.jitter=0ms", "apsaramq.mqtt.retry.max-retries=2", "apsaramq.mqtt.http.read-timeout=400ms" })
@AutoConfigureMqttSendEmulator
class FaultInjectionWithTheTemplateTests {

	@Autowired
	MqttSendOperations mqtt;

	@Autowired
	MqttSendEmulator emulator;

	@Test
	void retryableErrorsAreRetriedUntilTheMessageGoesThrough() {
		this.emulator.faults().next(1, Fault.error("SendMessageFailed")).next(1, Fault.error("Throttling.User"));
		this.mqtt.send("faults/retry", "third time lucky");
		assertThat(this.emulator.calls()).isEqualTo(3);
		assertThat(this.emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("third time lucky");
	}

	@Test
	void retriesEndWithTheLastError() {
		this.emulator.faults().next(3, Fault.error("Throttling.User"));
		assertThatExceptionOfType(MqttSendThrottledException.class).isThrownBy(() -> this.mqtt.send("faults/t", "x"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("Throttling.User");
				assertThat(ex.getHttpStatus()).isEqualTo(400);
				assertThat(ex.getAttempts()).isEqualTo(3);
			});
	}

	@Test
	void aTopicFaultFailsThatTopicOnly() {
		this.emulator.faults().onTopic("faults/locked", Fault.error("PermissionCheckFailed"));
		assertThatExceptionOfType(MqttSendPermissionException.class)
			.isThrownBy(() -> this.mqtt.send("faults/locked", "x"))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(1));
		this.mqtt.send("faults/open", "y");
		assertThat(this.emulator.receivedMessages()).extracting(ReceivedMessage::topic).containsExactly("faults/open");
	}

	@Test
	void aDroppedConnectionIsALostConnectionAndIsRetried() {
		this.emulator.faults().next(1, Fault.dropConnection());
		this.mqtt.send("faults/drop", "after a drop");
		assertThat(this.emulator.calls()).isEqualTo(2);
		assertThat(this.emulator.receivedMessages()).hasSize(1);

		this.emulator.faults().onTopic("faults/gone", Fault.dropConnection());
		assertThatExceptionOfType(MqttSendTransportException.class).isThrownBy(() -> this.mqtt.send("faults/gone", "x"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("Transport.ConnectionLost");
				assertThat(ex.isDeliveryUnknown()).isTrue();
			});
	}

	@Test
	void aConnectionDroppedAfterDeliveryShowsAtLeastOnce() {
		this.emulator.faults().next(1, Fault.dropConnectionAfterDelivery());
		this.mqtt.send("faults/twice", "delivered, answer lost");
		assertThat(this.emulator.receivedMessages()).extracting(ReceivedMessage::payload)
			.containsExactly("delivered, answer lost", "delivered, answer lost");
	}

	@Test
	void aSlowAnswerIsAReadTimeout() {
		this.emulator.faults().onTopic("faults/slow", Fault.delay(Duration.ofMillis(1500)));
		assertThatExceptionOfType(MqttSendException.class).isThrownBy(() -> this.mqtt.send("faults/slow", "late"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("Transport.ReadTimeout");
				assertThat(ex.getAttempts()).isEqualTo(3);
			});
		// the emulator still delivers each slow call once its delay is over: the client could not know
		await().atMost(Duration.ofSeconds(10)).until(() -> this.emulator.receivedMessages("faults/slow").size() == 3);
	}

}
