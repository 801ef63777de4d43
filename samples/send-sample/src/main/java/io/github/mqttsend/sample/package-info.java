/**
 * The project's main job in miniature: a Spring Boot application that sends text, JSON and bytes with the
 * auto-configured {@code MqttSendTemplate}, and shows what an MQTT subscriber received.
 */
@NullMarked
package io.github.mqttsend.sample;

import org.jspecify.annotations.NullMarked;
