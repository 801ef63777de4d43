package io.github.mqttsend.emulator.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.emulator.ReceivedMessage;
import io.github.mqttsend.emulator.junit.MqttSendEmulatorExtension;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "Testing your application" JUnit example, as it is printed there. */
class PlainJUnitExampleTests {

	@RegisterExtension
	static MqttSendEmulatorExtension emulator = MqttSendEmulatorExtension.create();

	@Test
	void alertReachesTheDevice() {
		SendMessageClient client = SendMessageClient.builder()
			.restClient(RestClient.create())
			.endpoint(emulator.endpoint())
			.credentialsProvider(() -> Credentials.of(emulator.accessKeyId(), emulator.accessKeySecret()))
			.build();

		client.send(emulator.instanceId(), "alerts/pump-7", "stopped");

		assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("stopped");
	}

}
