package io.github.mqttsend.emulator.boot;

import java.util.Objects;

import io.github.mqttsend.emulator.MqttSendEmulator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers a started {@link MqttSendEmulator} (stopped with the context) and its
 * {@link MqttSendEmulatorConnectionDetails}. Test classes with the same settings share one cached context, and so
 * one emulator.
 */
final class MqttSendEmulatorContextCustomizer implements ContextCustomizer {

	static final String EMULATOR_BEAN_NAME = "mqttSendEmulator";

	static final String CONNECTION_DETAILS_BEAN_NAME = "mqttSendEmulatorConnectionDetails";

	private final String brokerUrl;

	MqttSendEmulatorContextCustomizer(String brokerUrl) {
		this.brokerUrl = brokerUrl;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
			throw new IllegalStateException("@AutoConfigureMqttSendEmulator needs a bean factory that takes bean "
					+ "definitions, not " + beanFactory.getClass().getName());
		}
		RootBeanDefinition emulator = new RootBeanDefinition(MqttSendEmulator.class,
				() -> MqttSendEmulator.builder().brokerUrl(this.brokerUrl).build().start());
		emulator.setDestroyMethodName("stop");
		registry.registerBeanDefinition(EMULATOR_BEAN_NAME, emulator);
		RootBeanDefinition connectionDetails = new RootBeanDefinition(MqttSendEmulatorConnectionDetails.class,
				() -> new MqttSendEmulatorConnectionDetails(beanFactory.getBean(EMULATOR_BEAN_NAME, MqttSendEmulator.class)));
		registry.registerBeanDefinition(CONNECTION_DETAILS_BEAN_NAME, connectionDetails);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof MqttSendEmulatorContextCustomizer customizer
				&& this.brokerUrl.equals(customizer.brokerUrl));
	}

	@Override
	public int hashCode() {
		return Objects.hash(MqttSendEmulatorContextCustomizer.class, this.brokerUrl);
	}

}
