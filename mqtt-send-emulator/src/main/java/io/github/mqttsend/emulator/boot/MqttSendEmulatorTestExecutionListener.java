package io.github.mqttsend.emulator.boot;

import io.github.mqttsend.emulator.MqttSendEmulator;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the emulator of an {@link AutoConfigureMqttSendEmulator} test before each test method, so one test's
 * messages and faults never leak into the next one that shares the cached context.
 */
final class MqttSendEmulatorTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(),
				AutoConfigureMqttSendEmulator.class) == null || !testContext.hasApplicationContext()) {
			return;
		}
		testContext.getApplicationContext().getBeanProvider(MqttSendEmulator.class).ifAvailable(MqttSendEmulator::reset);
	}

}
