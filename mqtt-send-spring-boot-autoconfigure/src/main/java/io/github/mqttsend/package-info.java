/**
 * What applications code against: {@link io.github.mqttsend.MqttSendOperations}, its
 * {@link io.github.mqttsend.MqttSendTemplate}, {@link io.github.mqttsend.SendRequest},
 * {@link io.github.mqttsend.SendResult}, and the {@link io.github.mqttsend.MqttSendException} family.
 */
@NullMarked
package io.github.mqttsend;

import org.jspecify.annotations.NullMarked;
