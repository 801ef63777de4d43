package io.github.mqttsend.emulator.boot;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Adds the emulator to the context of a test class annotated {@link AutoConfigureMqttSendEmulator}. */
final class MqttSendEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureMqttSendEmulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureMqttSendEmulator.class);
		return (annotation != null) ? new MqttSendEmulatorContextCustomizer(annotation.brokerUrl()) : null;
	}

}
