package io.github.mqttsend.client;

import org.junit.jupiter.api.Test;

import io.github.mqttsend.SendResult;
import io.github.mqttsend.testsupport.SendMessageServer;

import static org.assertj.core.api.Assertions.assertThat;

class SendMessageClientSmokeTests {

	@Test
	void sendsAndReadsTheMsgId() {
		try (SendMessageServer server = new SendMessageServer().acceptAll()) {
			SendResult result = server.clientBuilder().build().send("mqtt-cn-test", "topic/a", "hello");
			assertThat(result).isEqualTo(new SendResult("msg-1", "req-1"));
			assertThat(server.received()).hasSize(1);
			assertThat(server.received().get(0).getFirstQueryStringParameter("Payload")).isEqualTo("hello");
		}
	}

}
