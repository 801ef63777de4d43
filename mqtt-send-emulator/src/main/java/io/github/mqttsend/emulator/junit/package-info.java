/**
 * JUnit Jupiter support: {@link io.github.mqttsend.emulator.junit.MqttSendEmulatorExtension} starts an emulator
 * for a test class (static field) or for each test (instance field).
 */
@NullMarked
package io.github.mqttsend.emulator.junit;

import org.jspecify.annotations.NullMarked;
