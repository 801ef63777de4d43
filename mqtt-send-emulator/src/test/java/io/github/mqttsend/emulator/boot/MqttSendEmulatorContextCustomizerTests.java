package io.github.mqttsend.emulator.boot;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.mqttsend.autoconfigure.MqttSendConnectionDetails;
import io.github.mqttsend.emulator.MqttSendEmulator;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The customizer's beans, their lifecycle, and the context cache key. */
class MqttSendEmulatorContextCustomizerTests {

	@AutoConfigureMqttSendEmulator
	static class Annotated {

	}

	@AutoConfigureMqttSendEmulator(brokerUrl = "tcp://127.0.0.1:1883")
	static class WithBroker {

	}

	static class Plain {

	}

	@Test
	void theEmulatorStartsWithTheContextAndStopsWithIt() {
		GenericApplicationContext context = new GenericApplicationContext();
		new MqttSendEmulatorContextCustomizer("").customizeContext(context, mock(MergedContextConfiguration.class));
		context.refresh();
		MqttSendEmulator emulator = context.getBean(MqttSendEmulator.class);
		MqttSendConnectionDetails details = context.getBean(MqttSendConnectionDetails.class);
		assertThat(emulator.isRunning()).isTrue();
		assertThat(details.getEndpoint()).isEqualTo(emulator.endpoint());
		assertThat(details.getInstanceId()).isEqualTo(emulator.instanceId());
		assertThat(details.getCredentials().accessKeyId()).isEqualTo(emulator.accessKeyId());
		assertThat(details.getCredentials().accessKeySecret()).isEqualTo(emulator.accessKeySecret());
		context.close();
		assertThat(emulator.isRunning()).isFalse();
	}

	@Test
	void onlyAnnotatedTestClassesGetAnEmulatorAndEqualSettingsShareAContext() {
		MqttSendEmulatorContextCustomizerFactory factory = new MqttSendEmulatorContextCustomizerFactory();
		assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
		assertThat(factory.createContextCustomizer(Annotated.class, List.of()))
			.isEqualTo(factory.createContextCustomizer(Annotated.class, List.of()))
			.hasSameHashCodeAs(factory.createContextCustomizer(Annotated.class, List.of()))
			.isNotEqualTo(factory.createContextCustomizer(WithBroker.class, List.of()));
	}

}
