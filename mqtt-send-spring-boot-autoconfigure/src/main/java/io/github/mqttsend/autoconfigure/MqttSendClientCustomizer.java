package io.github.mqttsend.autoconfigure;

import io.github.mqttsend.client.SendMessageClient;

/**
 * Callback to customise the auto-configured {@link SendMessageClient} after the properties are applied: add a
 * {@link io.github.mqttsend.client.SendMessageListener}, replace the clock, the rate limiter, the RestClient.
 * Beans of this type are applied in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface MqttSendClientCustomizer {

	void customize(SendMessageClient.Builder builder);

}
