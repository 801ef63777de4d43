package io.github.mqttsend.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.mqttsend.emulator.Fault;
import io.github.mqttsend.emulator.MqttSendEmulator;
import io.github.mqttsend.emulator.ReceivedMessage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's smoke tests: run as a user runs it, it subscribes, sends, prints each MsgId beside the payload its
 * subscriber received and the meters, and exits 0; a message that does not arrive makes it exit 1. With an instance
 * configured it runs the very same path against that instance (here an emulator of the test's own, standing in for
 * Alibaba Cloud with Signature authentication on) and says so; a subscriber that cannot sign in or connect makes it
 * exit 1 with one line that says why.
 */
@ExtendWith(OutputCaptureExtension.class)
class SendSampleApplicationTests {

	private static final String INSTANCE = "mqtt-cn-configured";

	private static final String KEY_ID = "LTAIconfiguredkey";

	private static final String SECRET = "configured-secret";

	/** What the configured-instance tests talk to, as they would to Alibaba Cloud. */
	private static MqttSendEmulator cloud;

	@BeforeAll
	static void startCloud() {
		cloud = MqttSendEmulator.builder()
			.instanceId(INSTANCE)
			.accessKey(KEY_ID, SECRET)
			.requireSignatureAuthentication()
			.build()
			.start();
	}

	@AfterAll
	static void stopCloud() {
		cloud.stop();
	}

	@Test
	void withNoPropertiesItUsesTheEmulatorAndExitsZeroOnceEverythingIsReceived(CapturedOutput output) {
		assertThat(SendSampleApplication.run()).isZero();

		assertThat(output.getOut()).contains("no apsaramq.mqtt.instance-id set, so sending to the local emulator at http://127.0.0.1:")
			.contains("(signature authentication required, as on Alibaba Cloud)")
			.containsPattern("subscriber GID_sample@@@send-sample-[0-9a-f]{8} \\(username Signature\\|emul\\*\\*\\*\\*-id\\|mqtt-cn-emulator\\)")
			.containsPattern("MsgId [0-9A-F]{32}  text  sample/text +received: Hello from mqtt-send\\R")
			.containsPattern("MsgId [0-9A-F]{32}  json  sample/json +received: \\{\"device\":\"pump-7\",\"celsius\":21.5,\"alarm\":false\\}\\R")
			.containsPattern("MsgId [0-9A-F]{32}  bytes sample/bytes +received: AAF/gP7/TVE= \\(Base64 of 00 01 7f 80 fe ff 4d 51\\)\\R")
			.contains("meters: apsaramq.mqtt.send.requests=3 (success 3), apsaramq.mqtt.send.billed=3")
			.contains("all 3 messages received")
			.doesNotContain("NOT")
			.doesNotContain(MqttSendEmulator.DEFAULT_ACCESS_KEY_SECRET);
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
	void withAnInstanceConfiguredItSendsThereAndConfirmsReceiptTheSameWay(CapturedOutput output) {
		cloud.reset();
		int status = runAgainstTheConfiguredInstance("--sample.device-id=configured-test");

		assertThat(status).isZero();
		assertThat(output.getOut())
			.contains("using the configured instance " + INSTANCE + ": sending through " + cloud.endpoint()
					+ ", receiving from its MQTT broker " + cloud.brokerUrl())
			.contains("subscriber GID_sample@@@configured-test (username Signature|LTAI****key|" + INSTANCE + ")")
			.containsPattern("MsgId [0-9A-F]{32}  text  sample/text +received: Hello from mqtt-send\\R")
			.containsPattern("MsgId [0-9A-F]{32}  json  sample/json +received: \\{\"device\":\"pump-7\",\"celsius\":21.5,\"alarm\":false\\}\\R")
			.containsPattern("MsgId [0-9A-F]{32}  bytes sample/bytes +received: AAF/gP7/TVE= \\(Base64 of 00 01 7f 80 fe ff 4d 51\\)\\R")
			.contains("meters: apsaramq.mqtt.send.requests=3 (success 3), apsaramq.mqtt.send.billed=3")
			.contains("all 3 messages received")
			.doesNotContain("local emulator")
			.doesNotContain("NOT")
			.doesNotContain(SECRET);
		assertThat(cloud.receivedMessages()).extracting(ReceivedMessage::topic)
			.containsExactly("sample/text", "sample/json", "sample/bytes");
	}

	@Test
	void aSubscriberTheBrokerRefusesMakesItExitOneWithTheReasonAndNothingSent(CapturedOutput output) {
		cloud.reset();
		// the AccessKey is right for SendMessage; only the MQTT sign-in is refused: a client ID without GID_
		int status = runAgainstTheConfiguredInstance("--sample.group-id=sample");

		assertThat(status).isEqualTo(1);
		assertThat(output.getOut())
			.containsPattern("FAILED: the broker at \\Q" + cloud.brokerUrl() + "\\E refused the subscriber "
					+ "sample@@@send-sample-[0-9a-f]{8} \\(username Signature\\|LTAI\\*\\*\\*\\*key\\|" + INSTANCE
					+ "\\): Bad user name or password \\(reason code 4\\)\\. Check that the Group ID \\(sample\\.group-id\\) "
					+ "exists on the instance")
			.doesNotContain("MsgId")
			.doesNotContain("\tat ")
			.doesNotContain(SECRET);
		assertThat(cloud.receivedMessages()).isEmpty();
	}

	@Test
	void aBrokerThatCannotBeReachedMakesItExitOneWithTheReason(CapturedOutput output) throws IOException {
		String unreachable = "tcp://127.0.0.1:" + portNobodyListensOn();
		int status = runAgainstTheConfiguredInstanceWithBroker(unreachable);

		assertThat(status).isEqualTo(1);
		assertThat(output.getOut())
			.contains("FAILED: the subscriber could not connect to the broker at " + unreachable
					+ ": Unable to connect to server (reason code 32103), ConnectException: Connection refused")
			.doesNotContain("MsgId")
			.doesNotContain("\tat ");
	}

	@Test
	void stsCredentialsCannotSignTheSubscriberInAndItSaysSo(CapturedOutput output) {
		int status = runAgainstTheConfiguredInstance("--apsaramq.mqtt.security-token=CAIS-sts-token");

		assertThat(status).isEqualTo(1);
		assertThat(output.getOut())
			.contains("FAILED: signature authentication needs a long-term AccessKey, but the credentials (AccessKey ID "
					+ "LTAI****key) carry an STS security token")
			.doesNotContain("MsgId")
			.doesNotContain("CAIS-sts-token")
			.doesNotContain(SECRET);
	}

	private static int runAgainstTheConfiguredInstance(String... more) {
		return runAgainstTheConfiguredInstanceWithBroker(cloud.brokerUrl(), more);
	}

	/** Runs the sample as a user would against Alibaba Cloud, with {@code sample.broker-url} and more arguments. */
	private static int runAgainstTheConfiguredInstanceWithBroker(String brokerUrl, String... more) {
		List<String> args = new ArrayList<>(List.of("--apsaramq.mqtt.instance-id=" + INSTANCE,
				"--apsaramq.mqtt.endpoint=" + cloud.endpoint(), "--apsaramq.mqtt.access-key-id=" + KEY_ID,
				"--apsaramq.mqtt.access-key-secret=" + SECRET, "--sample.broker-url=" + brokerUrl));
		args.addAll(List.of(more));
		return SendSampleApplication.run(args.toArray(String[]::new));
	}

	private static int portNobodyListensOn() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
