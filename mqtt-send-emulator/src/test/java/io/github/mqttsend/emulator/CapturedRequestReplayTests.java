package io.github.mqttsend.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verbatim requests of Alibaba's SDKs in {@code official-sdk-requests.txt} (captured on a raw socket),
 * replayed byte for byte to the emulator with its clock at the capture's time: every one is accepted. Then a
 * tampered payload, a wrong secret, a reused nonce and a timestamp 16 minutes off are refused with the gateway's
 * codes.
 */
class CapturedRequestReplayTests {

	private static final Instant CAPTURED_AT = Instant.parse("2026-11-28T08:39:52Z");

	private static EmbeddedBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = EmbeddedBroker.start("127.0.0.1", 0);
	}

	@AfterAll
	static void stopBroker() {
		broker.stop();
	}

	/** One captured request: the SDK that sent it and its bytes. */
	record Capture(String sdk, String request) {

		@Override
		public String toString() {
			return this.sdk;
		}

		Capture altered(UnaryOperator<String> change) {
			return new Capture(this.sdk, change.apply(this.request));
		}

	}

	static List<Capture> captures() throws IOException {
		String text;
		try (InputStream in = CapturedRequestReplayTests.class.getResourceAsStream("/official-sdk-requests.txt")) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<Capture> captures = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?s)== (.+?)\\n=+\\n.*?-- \\(B\\).*?>>>>>>>>\\n(.*?)<<<<<<<<").matcher(text);
		while (matcher.find()) {
			String sdk = matcher.group(1).trim();
			if (!sdk.contains("=\"v3\" (literal)")) {
				captures.add(new Capture(sdk, matcher.group(2)));
			}
		}
		return captures;
	}

	@Test
	void theFileHoldsTheFiveRequestsTheSdksSent() throws IOException {
		assertThat(captures()).hasSize(5)
			.allSatisfy((capture) -> assertThat(capture.request()).startsWith("POST /?").contains("Payload="));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("captures")
	void everyCapturedRequestIsAccepted(Capture capture) throws IOException {
		try (MqttSendEmulator emulator = emulator("testsecret", CAPTURED_AT)) {
			Reply reply = replay(emulator, capture);

			assertThat(reply.status()).isEqualTo(200);
			ReceivedMessage received = emulator.receivedMessages().get(0);
			assertThat(reply.body()).isEqualTo("{\"RequestId\":\"" + received.requestId() + "\",\"MsgId\":\""
					+ received.msgId() + "\"}");
			assertThat(received.payload()).isEqualTo("hello world+/=*~");
			assertThat(received.topic()).isEqualTo("stackcheck/topic");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("captures")
	void aTamperedPayloadIsRefusedWithSignatureDoesNotMatch(Capture capture) throws IOException {
		Capture tampered = capture.altered((request) -> request.replaceFirst("Payload=hello", "Payload=jello"));
		assertThat(tampered.request()).isNotEqualTo(capture.request());
		try (MqttSendEmulator emulator = emulator("testsecret", CAPTURED_AT)) {
			assertRefused(replay(emulator, tampered), 400, "SignatureDoesNotMatch");
			assertThat(emulator.receivedMessages()).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("captures")
	void aWrongSecretIsRefusedWithSignatureDoesNotMatch(Capture capture) throws IOException {
		try (MqttSendEmulator emulator = emulator("not-testsecret", CAPTURED_AT)) {
			assertRefused(replay(emulator, capture), 400, "SignatureDoesNotMatch");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("captures")
	void aReusedNonceIsRefusedWithSignatureNonceUsed(Capture capture) throws IOException {
		try (MqttSendEmulator emulator = emulator("testsecret", CAPTURED_AT)) {
			assertThat(replay(emulator, capture).status()).isEqualTo(200);
			assertRefused(replay(emulator, capture), 400, "SignatureNonceUsed");
			assertThat(emulator.receivedMessages()).hasSize(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("captures")
	void aTimestampMoreThanFifteenMinutesOffIsRefusedWithInvalidTimeStampExpired(Capture capture) throws IOException {
		try (MqttSendEmulator emulator = emulator("testsecret", CAPTURED_AT.plus(Duration.ofMinutes(16)))) {
			assertRefused(replay(emulator, capture), 400, "InvalidTimeStamp.Expired");
		}
		try (MqttSendEmulator emulator = emulator("testsecret", CAPTURED_AT.minus(Duration.ofMinutes(16)))) {
			assertRefused(replay(emulator, capture), 400, "InvalidTimeStamp.Expired");
		}
		try (MqttSendEmulator emulator = emulator("testsecret", CAPTURED_AT.plus(Duration.ofMinutes(15)))) {
			assertThat(replay(emulator, capture).status()).as("15 minutes is still inside the window").isEqualTo(200);
		}
	}

	private static void assertRefused(Reply reply, int status, String code) {
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.body()).contains("\"Code\":\"" + code + "\"").contains("\"RequestId\":").contains("\"HostId\":");
	}

	private static MqttSendEmulator emulator(String secret, Instant now) {
		return MqttSendEmulator.builder()
			.instanceId("mqtt-cn-stackcheck")
			.accessKey("testid", secret)
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.brokerUrl(broker.url())
			.build()
			.start();
	}

	record Reply(int status, String body) {

	}

	/**
	 * Writes the captured bytes (lines ended with CRLF, as they travelled) to the emulator's port and reads the
	 * answer: status line, headers, and as many body bytes as {@code Content-Length} says.
	 */
	private static Reply replay(MqttSendEmulator emulator, Capture capture) throws IOException {
		// the file keeps the captured CRLFs; normalise in case an editor or checkout changed them
		String request = capture.request().replace("\r\n", "\n").replace("\n", "\r\n");
		try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("The emulator closed the connection after: " + head);
				}
				head.append((char) b);
			}
			Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
			assertThat(length.find()).as("Content-Length in %s", head).isTrue();
			String body = new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
			return new Reply(Integer.parseInt(head.substring(9, 12)), body);
		}
	}

}
