package io.github.mqttsend.client;

import org.jspecify.annotations.Nullable;

import io.github.mqttsend.MqttSendException;

/**
 * Hears what happens inside one send: each permit wait, each HTTP attempt and its outcome, each retry. The
 * hook that metrics are recorded through. Called on the sending thread; implementations must be fast and
 * must not throw.
 */
public interface SendMessageListener {

	/** A rate-limit permit was taken after waiting {@code nanos}. */
	default void onPermit(long nanos) {
	}

	/**
	 * An HTTP call to the service ended.
	 * @param instanceId the instance it was sent to
	 * @param failure {@code null} when the service accepted the message, otherwise what went wrong
	 */
	default void onAttempt(String instanceId, @Nullable MqttSendException failure) {
	}

	/** Another attempt follows {@code cause}. */
	default void onRetry(String instanceId, MqttSendException cause) {
	}

}
