/**
 * Spring Boot test support: {@link io.github.mqttsend.emulator.boot.AutoConfigureMqttSendEmulator} starts an
 * emulator with the test's application context and points the auto-configured {@code MqttSendTemplate} at it
 * through a {@code MqttSendConnectionDetails} bean, with no properties to write.
 */
@NullMarked
package io.github.mqttsend.emulator.boot;

import org.jspecify.annotations.NullMarked;
