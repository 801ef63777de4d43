package io.github.mqttsend.emulator.boot;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end through the emulator's embedded Moquette broker. */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMqttSendEmulator
class EmbeddedBrokerEndToEndTests extends EndToEndTests {

	@Test
	void theBrokerIsTheEmbeddedOne() {
		assertThat(this.emulator.usesEmbeddedBroker()).isTrue();
	}

}
