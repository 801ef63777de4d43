package io.github.mqttsend.emulator.junit;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.credentials.Credentials;

import org.springframework.web.client.RestClient;

/** The starter's client pointed at an extension's emulator, without retries. */
final class TestClient {

	private TestClient() {
	}

	static void send(MqttSendEmulatorExtension emulator, String topic, String payload) {
		SendMessageClient client = SendMessageClient.builder()
			.restClient(RestClient.create())
			.endpoint(emulator.endpoint())
			.credentialsProvider(() -> Credentials.of(emulator.accessKeyId(), emulator.accessKeySecret()))
			.retrySettings(io.github.mqttsend.retry.RetrySettings.NONE)
			.build();
		try {
			client.send(emulator.instanceId(), topic, payload);
		}
		catch (MqttSendException ex) {
			// a test that injected a fault looks at the emulator, not at the exception
		}
	}

}
