package io.github.mqttsend.emulator;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An MQTT subscriber (Paho) that keeps every message it gets: what a device would see. */
public final class TestSubscriber implements AutoCloseable {

	/** One message as the subscriber got it. */
	public record Delivered(String topic, byte[] payload, int qos) {

		public String text() {
			return new String(this.payload, java.nio.charset.StandardCharsets.UTF_8);
		}

	}

	private final MqttClient client;

	private final List<Delivered> delivered = new CopyOnWriteArrayList<>();

	private TestSubscriber(MqttClient client) {
		this.client = client;
	}

	/** Connects to {@code brokerUrl} and subscribes to {@code filter} at QoS 1; returns once subscribed. */
	public static TestSubscriber subscribe(String brokerUrl, String filter) throws MqttException {
		MqttClient client = new MqttClient(brokerUrl, "test-subscriber-" + UUID.randomUUID().toString().substring(0, 8),
				new MemoryPersistence());
		TestSubscriber subscriber = new TestSubscriber(client);
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		client.connect(options);
		client.subscribe(filter, 1, (topic, message) -> subscriber.delivered
			.add(new Delivered(topic, message.getPayload(), message.getQos())));
		return subscriber;
	}

	public List<Delivered> delivered() {
		return List.copyOf(this.delivered);
	}

	@Override
	public void close() throws MqttException {
		if (this.client.isConnected()) {
			this.client.disconnect(1000);
		}
		this.client.close(true);
	}

}
