package io.github.mqttsend.emulator.junit;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.mqttsend.emulator.MqttSendEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/** In an instance field: each test gets its own emulator, stopped after it. */
class InstanceFieldExtensionTests {

	private static final List<MqttSendEmulator> seen = new ArrayList<>();

	@RegisterExtension
	final MqttSendEmulatorExtension emulator = MqttSendEmulatorExtension
		.of(MqttSendEmulator.builder().instanceId("mqtt-cn-per-test"));

	@AfterAll
	static void eachTestHadItsOwnAndAllAreStopped() {
		assertThat(seen).hasSize(2).doesNotHaveDuplicates().noneMatch(MqttSendEmulator::isRunning);
	}

	@RepeatedTest(2)
	void eachTestGetsAFreshEmulator() {
		assertThat(this.emulator.emulator().isRunning()).isTrue();
		assertThat(this.emulator.instanceId()).isEqualTo("mqtt-cn-per-test");
		assertThat(this.emulator.receivedMessages()).isEmpty();
		TestClient.send(this.emulator, "junit/instance", "hello");
		assertThat(this.emulator.receivedMessages()).hasSize(1);
		seen.add(this.emulator.emulator());
	}

}
