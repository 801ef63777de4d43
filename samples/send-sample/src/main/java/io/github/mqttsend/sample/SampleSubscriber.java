package io.github.mqttsend.sample;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/** An MQTT subscriber (Paho) of the sample's topics: what a device would receive, by topic. */
final class SampleSubscriber implements AutoCloseable {

	private final MqttClient client;

	private final Map<String, byte[]> received = new ConcurrentHashMap<>();

	private final CountDownLatch expected;

	private SampleSubscriber(MqttClient client, int expected) {
		this.client = client;
		this.expected = new CountDownLatch(expected);
	}

	/** Subscribes to {@code filter} on {@code brokerUrl} at QoS 1, expecting {@code expected} messages. */
	static SampleSubscriber subscribe(String brokerUrl, String filter, int expected) throws MqttException {
		MqttClient client = new MqttClient(brokerUrl, "send-sample-" + UUID.randomUUID().toString().substring(0, 8),
				new MemoryPersistence());
		SampleSubscriber subscriber = new SampleSubscriber(client, expected);
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		client.connect(options);
		client.subscribe(filter, 1, (topic, message) -> {
			subscriber.received.put(topic, message.getPayload());
			subscriber.expected.countDown();
		});
		return subscriber;
	}

	/** Waits until every expected message arrived, or {@code timeout} passed; {@code true} if all did. */
	boolean awaitAll(Duration timeout) throws InterruptedException {
		return this.expected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** What arrived on {@code topic}, or {@code null}. */
	byte @Nullable [] receivedOn(String topic) {
		return this.received.get(topic);
	}

	@Override
	public void close() throws MqttException {
		if (this.client.isConnected()) {
			this.client.disconnect(1000);
		}
		this.client.close(true);
	}

}
