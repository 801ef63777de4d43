/**
 * Testcontainers support: a {@code @ServiceConnection} {@code MockServerContainer} becomes the
 * {@code MqttSendConnectionDetails} of the auto-configured {@code MqttSendTemplate}.
 */
@NullMarked
package io.github.mqttsend.emulator.testcontainers;

import org.jspecify.annotations.NullMarked;
