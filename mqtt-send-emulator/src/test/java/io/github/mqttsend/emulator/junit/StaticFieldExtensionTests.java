package io.github.mqttsend.emulator.junit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.mqttsend.emulator.Fault;
import io.github.mqttsend.emulator.MqttSendEmulator;
import io.github.mqttsend.emulator.ReceivedMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** In a static field: one emulator for the class, reset before each test, stopped after the last. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaticFieldExtensionTests {

	@RegisterExtension
	static final MqttSendEmulatorExtension emulator = MqttSendEmulatorExtension.create();

	private static int firstPort;

	@AfterAll
	static void stillRunningUntilTheExtensionsAfterAll() {
		assertThat(emulator.emulator().isRunning()).isTrue();
	}

	@Test
	@Order(1)
	void runsForTheWholeClass(MqttSendEmulator injected) {
		assertThat(injected).isSameAs(emulator.emulator());
		assertThat(injected.isRunning()).isTrue();
		firstPort = emulator.endpoint().getPort();
		emulator.faults().next(3, Fault.error("InternalError"));
		TestClient.send(emulator, "junit/first", "one");
		assertThat(emulator.receivedMessages()).isEmpty();
	}

	@Test
	@Order(2)
	void isResetBeforeEachTest() {
		assertThat(emulator.endpoint().getPort()).isEqualTo(firstPort);
		assertThat(emulator.faults().pending()).isZero();
		assertThat(emulator.emulator().calls()).isZero();
		TestClient.send(emulator, "junit/second", "two");
		assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("two");
	}

}
