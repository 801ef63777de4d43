package io.github.mqttsend.emulator;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/**
 * Publishes accepted messages to an MQTT broker at QoS 1 with Eclipse Paho, waiting for the broker's PUBACK
 * before the emulator answers: a message is answered with a {@code MsgId} only once the broker has it.
 */
final class MessageDelivery implements AutoCloseable {

	private static final long PUBLISH_TIMEOUT_MILLIS = 10_000;

	private final String brokerUrl;

	private final MqttClient client;

	/**
	 * Connects to {@code brokerUrl} as {@code clientId}, with {@code username} and {@code password} when given.
	 * @throws IllegalStateException if the broker cannot be reached or refuses the connection
	 */
	MessageDelivery(String brokerUrl, String clientId, @Nullable String username, @Nullable String password) {
		this.brokerUrl = brokerUrl;
		try {
			this.client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
			this.client.setTimeToWait(PUBLISH_TIMEOUT_MILLIS);
			MqttConnectOptions options = new MqttConnectOptions();
			options.setCleanSession(true);
			options.setAutomaticReconnect(true);
			options.setMaxInflight(1000);
			options.setConnectionTimeout(10);
			if (username != null && password != null) {
				options.setUserName(username);
				options.setPassword(password.toCharArray());
			}
			this.client.connect(options);
		}
		catch (MqttException ex) {
			throw new IllegalStateException("The emulator cannot connect to the MQTT broker at " + brokerUrl + ": " + ex,
					ex);
		}
	}

	/**
	 * Publishes {@code payload} to {@code topic} at QoS 1 and waits for the broker's acknowledgement.
	 * @throws ServiceError {@code SendMessageFailed} (500) when the broker does not take it
	 */
	void publish(String topic, byte[] payload) {
		MqttMessage message = new MqttMessage(payload);
		message.setQos(1);
		try {
			this.client.publish(topic, message);
		}
		catch (MqttException ex) {
			throw new ServiceError("SendMessageFailed",
					"A storage exception occurred while sending the message: the broker at " + this.brokerUrl
							+ " did not take it (" + ex.getMessage() + "). Please try again.");
		}
	}

	String brokerUrl() {
		return this.brokerUrl;
	}

	@Override
	public void close() {
		try {
			if (this.client.isConnected()) {
				this.client.disconnect(1000);
			}
		}
		catch (MqttException ex) {
			// closing anyway
		}
		try {
			this.client.close(true);
		}
		catch (MqttException ex) {
			// nothing left to release
		}
	}

}
