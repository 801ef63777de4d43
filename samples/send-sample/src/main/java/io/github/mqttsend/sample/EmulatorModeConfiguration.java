package io.github.mqttsend.sample;

import io.github.mqttsend.autoconfigure.MqttSendConnectionDetails;
import io.github.mqttsend.emulator.MqttSendEmulator;
import io.github.mqttsend.emulator.boot.MqttSendEmulatorConnectionDetails;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no instance configured: the emulator and its embedded broker, in-process, and the connection details that
 * point the auto-configured template at them instead of the {@code apsaramq.mqtt.*} properties. Its broker requires
 * ApsaraMQ for MQTT's Signature authentication, so the subscriber signs in exactly as it does against Alibaba Cloud.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoInstanceIdConfigured.class)
class EmulatorModeConfiguration {

	@Bean(destroyMethod = "stop")
	MqttSendEmulator sampleEmulator() {
		return MqttSendEmulator.builder().requireSignatureAuthentication().build().start();
	}

	@Bean
	MqttSendConnectionDetails sampleEmulatorConnectionDetails(MqttSendEmulator sampleEmulator) {
		return new MqttSendEmulatorConnectionDetails(sampleEmulator);
	}

}
