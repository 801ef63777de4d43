package io.github.mqttsend.sample;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/**
 * An MQTT subscriber (Paho) of the sample's topics, signed in as an ApsaraMQ for MQTT client ({@link SignatureLogin}):
 * what a device would receive, by topic. The same code for Alibaba Cloud and for the emulator.
 */
final class SampleSubscriber implements AutoCloseable {

	private static final int CONNECT_TIMEOUT_SECONDS = 10;

	private final MqttClient client;

	/** What arrived, by topic; guarded by {@code this}. */
	private final Map<String, byte[]> received = new HashMap<>();

	private SampleSubscriber(MqttClient client) {
		this.client = client;
	}

	/**
	 * Connects to {@code brokerUrl} as {@code login} and subscribes to {@code filter} at QoS 1.
	 * @throws SubscriberNotConnectedException if it cannot connect or subscribe, with the reason in one line
	 */
	static SampleSubscriber subscribe(String brokerUrl, SignatureLogin login, String filter)
			throws SubscriberNotConnectedException {
		MqttClient client;
		try {
			client = new MqttClient(brokerUrl, login.clientId(), new MemoryPersistence());
		}
		catch (MqttException | IllegalArgumentException ex) {
			throw new SubscriberNotConnectedException("the subscriber cannot use the broker URL '" + brokerUrl
					+ "' (sample.broker-url): " + ex.getMessage() + "; it takes tcp://host:port or ssl://host:port", ex);
		}
		SampleSubscriber subscriber = new SampleSubscriber(client);
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
		options.setUserName(login.username());
		options.setPassword(login.password().toCharArray());
		try {
			client.connect(options);
			client.subscribe(filter, 1, (topic, message) -> subscriber.arrived(topic, message.getPayload()));
			return subscriber;
		}
		catch (MqttException ex) {
			subscriber.closeQuietly();
			throw new SubscriberNotConnectedException(reason(ex, brokerUrl, login, filter), ex);
		}
	}

	private static String reason(MqttException ex, String brokerUrl, SignatureLogin login, String filter) {
		String what = describe(ex);
		return switch (ex.getReasonCode()) {
			case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED,
					MqttException.REASON_CODE_INVALID_CLIENT_ID ->
				"the broker at " + brokerUrl + " refused the subscriber " + login.clientId() + " (username "
						+ login.shownUsername() + "): " + what + ". Check that the Group ID (sample.group-id) exists on "
						+ "the instance, that the AccessKey is a long-term one of a RAM user allowed to use it, and the "
						+ "instance ID";
			case MqttException.REASON_CODE_SUBSCRIBE_FAILED -> "the broker at " + brokerUrl + " refused the subscription to "
					+ filter + ": " + what + ". Check that the parent topic (sample.parent-topic) exists on the instance";
			default -> "the subscriber could not connect to the broker at " + brokerUrl + ": " + what
					+ ". Check sample.broker-url and that this machine can reach it";
		};
	}

	private static String describe(MqttException ex) {
		Throwable cause = ex.getCause();
		return ex.getMessage() + " (reason code " + ex.getReasonCode() + ")"
				+ ((cause != null) ? ", " + cause.getClass().getSimpleName() + ": " + cause.getMessage() : "");
	}

	private synchronized void arrived(String topic, byte[] payload) {
		this.received.put(topic, payload);
		notifyAll();
	}

	/** Waits until a message arrived on each of {@code topics}, or {@code timeout} passed; {@code true} if all did. */
	synchronized boolean awaitAll(Collection<String> topics, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.received.keySet().containsAll(topics)) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		return true;
	}

	/** What arrived on {@code topic}, or {@code null}. */
	synchronized byte @Nullable [] receivedOn(String topic) {
		return this.received.get(topic);
	}

	@Override
	public void close() throws MqttException {
		if (this.client.isConnected()) {
			this.client.disconnect(1000);
		}
		this.client.close(true);
	}

	private void closeQuietly() {
		try {
			close();
		}
		catch (MqttException ex) {
			// it never was connected: nothing to release that matters
		}
	}

}
