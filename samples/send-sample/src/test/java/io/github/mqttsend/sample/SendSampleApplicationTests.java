package io.github.mqttsend.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.mqttsend.emulator.Fault;
import io.github.mqttsend.emulator.MqttSendEmulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's smoke tests: run as a user runs it, it sends, the subscriber receives, it prints each MsgId beside
 * the payload received and the meters, and exits 0; a message that does not arrive makes it exit 1; with an
 * instance configured it talks to that endpoint instead and says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class SendSampleApplicationTests {

	@Test
	void withNoPropertiesItUsesTheEmulatorAndExitsZeroOnceEverythingIsReceived(CapturedOutput output) {
		assertThat(SendSampleApplication.run()).isZero();

		assertThat(output.getOut()).contains("no apsaramq.mqtt.instance-id set, so sending to the local emulator at http://127.0.0.1:")
			.containsPattern("MsgId [0-9A-F]{32}  text  sample/text +received: Hello from mqtt-send\\R")
			.containsPattern("MsgId [0-9A-F]{32}  json  sample/json +received: \\{\"device\":\"pump-7\",\"celsius\":21.5,\"alarm\":false\\}\\R")
			.containsPattern("MsgId [0-9A-F]{32}  bytes sample/bytes +received: AAF/gP7/TVE= \\(Base64 of 00 01 7f 80 fe ff 4d 51\\)\\R")
			.contains("meters: apsaramq.mqtt.send.requests=3 (success 3), apsaramq.mqtt.send.billed=3")
			.contains("all 3 messages received")
			.doesNotContain("NOT");
	}

	@Test
	void aMessageThatIsNotReceivedMakesItExitOne(CapturedOutput output) {
		SpringApplication application = new SpringApplicationBuilder(SendSampleApplication.class)
			.listeners((ApplicationStartedEvent started) -> started.getApplicationContext()
				.getBean(MqttSendEmulator.class)
				.faults()
				.onTopic("sample/json", Fault.error("InvalidParameter.Payload")))
			.build();
		ConfigurableApplicationContext context = application.run();

		assertThat(SpringApplication.exit(context)).isEqualTo(1);
		assertThat(output.getOut()).contains("json -> sample/json: not sent: SendMessage failed: HTTP 400 InvalidParameter.Payload")
			.contains("NOT SENT  json  sample/json    received: nothing received")
			.contains("FAILED: not every message arrived");
	}

	@Test
	void withAnInstanceConfiguredItSendsThereAndSaysSo(CapturedOutput output) {
		try (MqttSendEmulator cloud = MqttSendEmulator.builder().instanceId("mqtt-cn-configured").build().start()) {
			int status = SendSampleApplication.run("--apsaramq.mqtt.instance-id=mqtt-cn-configured",
					"--apsaramq.mqtt.endpoint=" + cloud.endpoint(), "--apsaramq.mqtt.access-key-id=" + cloud.accessKeyId(),
					"--apsaramq.mqtt.access-key-secret=" + cloud.accessKeySecret());

			assertThat(status).isZero();
			assertThat(output.getOut()).contains("sending to Alibaba Cloud, instance mqtt-cn-configured at " + cloud.endpoint())
				.contains("receipt not checked")
				.contains("all 3 messages sent")
				.doesNotContain("local emulator");
			assertThat(cloud.receivedMessages()).extracting(io.github.mqttsend.emulator.ReceivedMessage::topic)
				.containsExactly("sample/text", "sample/json", "sample/bytes");
		}
	}

}
