package io.github.mqttsend;

import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to MQTT devices through ApsaraMQ for MQTT's {@code SendMessage} OpenAPI. Implemented by
 * {@link MqttSendTemplate}; code against this interface to mock it in tests.
 * <p>
 * Every method either returns the service's answer or throws a {@link MqttSendException} (asynchronous ones
 * complete exceptionally with it): bad input is refused before any request is made, failures that another
 * attempt can fix are retried, and the rest are thrown with the service's code and request ID.
 */
public interface MqttSendOperations {

	/** Sends a text payload to {@code topic}, with the configured {@code payload-encoding} ({@code raw}: as given). */
	SendResult send(String topic, String payload);

	/** Sends a binary payload to {@code topic}, Base64-encoded as the API recommends. */
	SendResult send(String topic, byte[] payload);

	/** Sends {@code request}, with its own encoding and instance where it sets them. */
	SendResult send(SendRequest request);

	/** Serialises {@code payload} to JSON with the application's Jackson 3 {@code JsonMapper} and sends it as text. */
	SendResult convertAndSend(String topic, Object payload);

	/** Sends a text payload without blocking the caller; see {@link #send(String, String)}. */
	CompletableFuture<SendResult> sendAsync(String topic, String payload);

	/** Sends a binary payload without blocking the caller; see {@link #send(String, byte[])}. */
	CompletableFuture<SendResult> sendAsync(String topic, byte[] payload);

	/** Sends {@code request} without blocking the caller; see {@link #send(SendRequest)}. */
	CompletableFuture<SendResult> sendAsync(SendRequest request);

}
