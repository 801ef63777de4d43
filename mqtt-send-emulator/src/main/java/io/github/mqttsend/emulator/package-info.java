/**
 * A local stand-in for ApsaraMQ for MQTT's {@code SendMessage} OpenAPI: {@link io.github.mqttsend.emulator.MqttSendEmulator}
 * answers like the real endpoint (V3 and V1 signatures, the clock window, nonces, STS tokens, parameter rules,
 * throttling, the documented error JSON) and publishes every accepted message at QoS 1 to a real MQTT broker.
 * Plain Java: the JDK's HTTP server, Eclipse Paho, and Moquette as the default embedded broker.
 */
@NullMarked
package io.github.mqttsend.emulator;

import org.jspecify.annotations.NullMarked;
