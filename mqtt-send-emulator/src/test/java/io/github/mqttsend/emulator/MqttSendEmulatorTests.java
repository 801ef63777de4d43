package io.github.mqttsend.emulator;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.github.mqttsend.emulator.SignedCalls.Answer;
import io.github.mqttsend.emulator.TestSubscriber.Delivered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The emulator as a plain object: start and stop, delivery to the embedded broker byte for byte at QoS 1, the
 * calls/s limit, a broker that is gone, and reset.
 */
class MqttSendEmulatorTests {

	@Test
	void startsOnFreePortsAndStops() throws Exception {
		MqttSendEmulator emulator = MqttSendEmulator.builder().build();
		assertThat(emulator.isRunning()).isFalse();
		emulator.start();
		try {
			assertThat(emulator.port()).isPositive();
			assertThat(emulator.endpoint()).hasToString("http://127.0.0.1:" + emulator.port());
			assertThat(emulator.brokerUrl()).matches("tcp://127\\.0\\.0\\.1:\\d+").isNotEqualTo("tcp://127.0.0.1:0");
			assertThat(emulator.usesEmbeddedBroker()).isTrue();
			assertThat(emulator.instanceId()).isEqualTo(MqttSendEmulator.DEFAULT_INSTANCE_ID);
			assertThat(emulator.accessKeyId()).isEqualTo(MqttSendEmulator.DEFAULT_ACCESS_KEY_ID);
			assertThat(emulator.callsPerSecond()).isEqualTo(1000);
			assertThatIllegalStateException().isThrownBy(emulator::start);
		}
		finally {
			emulator.stop();
		}
		assertThat(emulator.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(emulator::endpoint);
	}

	@Test
	void everyAcceptedMessageReachesASubscriberByteForByteAtQos1() throws Exception {
		byte[] binary = new byte[3000];
		ThreadLocalRandom.current().nextBytes(binary);
		String base64 = Base64.getEncoder().encodeToString(binary);
		String[] payloads = { "plain text", "{\"pump\":7,\"on\":true}", base64, "你好 🚀 + / = * ~ %", "y".repeat(60 * 1024) };
		try (MqttSendEmulator emulator = MqttSendEmulator.builder().build().start();
				TestSubscriber subscriber = TestSubscriber.subscribe(emulator.brokerUrl(), "delivery/#")) {
			for (String payload : payloads) {
				Answer answer = SignedCalls.send(SignedCalls.v3(emulator.endpoint(), SignedCalls.parameters(
						emulator.instanceId(), "delivery/test", payload), SignedCalls.credentials(emulator), Instant.now(),
						SignedCalls.nonce(), (payload.length() > 4000) ? io.github.mqttsend.signing.OpenApiRequest.ParameterPlacement.FORM_BODY
								: io.github.mqttsend.signing.OpenApiRequest.ParameterPlacement.QUERY));
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.delivered().size() == payloads.length);
			for (int i = 0; i < payloads.length; i++) {
				Delivered delivered = subscriber.delivered().get(i);
				assertThat(delivered.topic()).isEqualTo("delivery/test");
				assertThat(delivered.payload()).isEqualTo(payloads[i].getBytes(StandardCharsets.UTF_8));
				assertThat(delivered.qos()).isEqualTo(1);
			}
			assertThat(Base64.getDecoder().decode(subscriber.delivered().get(2).payload())).isEqualTo(binary);
			assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly(payloads);
			assertThat(emulator.receivedMessages("delivery/test")).hasSize(payloads.length);
			assertThat(emulator.receivedMessages("other/topic")).isEmpty();
		}
	}

	@Test
	void theCallsPerSecondLimitAnswersThrottlingUser() {
		MutableClock clock = MutableClock.now();
		try (MqttSendEmulator emulator = MqttSendEmulator.builder().callsPerSecond(3).clock(clock).build().start()) {
			for (int i = 0; i < 3; i++) {
				assertThat(SignedCalls.send(SignedCalls.v3(emulator, "a/b", "ok " + i)).status()).isEqualTo(200);
			}
			Answer throttled = SignedCalls.send(SignedCalls.v1(emulator, "a/b", "over"));
			assertThat(throttled.status()).isEqualTo(400);
			assertThat(throttled.code()).isEqualTo("Throttling.User");
			clock.advance(Duration.ofMillis(340));
			assertThat(SignedCalls.send(SignedCalls.v3(emulator, "a/b", "one more")).status()).isEqualTo(200);
			assertThat(SignedCalls.send(SignedCalls.v3(emulator, "a/b", "over")).code()).isEqualTo("Throttling.User");
			clock.advance(Duration.ofSeconds(1));
			for (int i = 0; i < 3; i++) {
				assertThat(SignedCalls.send(SignedCalls.v3(emulator, "a/b", "next second " + i)).status()).isEqualTo(200);
			}
			assertThat(emulator.receivedMessages()).hasSize(7).noneMatch((m) -> m.payload().equals("over"));
			assertThat(emulator.calls()).isEqualTo(9);
		}
	}

	@Test
	void theDefaultLimitIsAThousandCallsPerSecond() {
		MutableClock clock = MutableClock.now();
		CallRateLimiter limiter = new CallRateLimiter(MqttSendEmulator.builder().build().callsPerSecond(), clock);
		for (int i = 0; i < 1000; i++) {
			assertThat(limiter.tryAcquire()).as("call %d", i + 1).isTrue();
		}
		assertThat(limiter.tryAcquire()).isFalse();
		clock.advance(Duration.ofMillis(1));
		assertThat(limiter.tryAcquire()).isTrue();
		assertThat(limiter.tryAcquire()).isFalse();
	}

	@Test
	void aBrokerThatIsGoneMeansSendMessageFailed() {
		EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
		try (MqttSendEmulator emulator = MqttSendEmulator.builder().brokerUrl(broker.url()).build().start()) {
			assertThat(emulator.usesEmbeddedBroker()).isFalse();
			assertThat(emulator.brokerUrl()).isEqualTo(broker.url());
			assertThat(SignedCalls.send(SignedCalls.v3(emulator, "a/b", "before")).status()).isEqualTo(200);
			broker.stop();
			Answer answer = SignedCalls.send(SignedCalls.v3(emulator, "a/b", "after"));
			assertThat(answer.status()).isEqualTo(500);
			assertThat(answer.code()).isEqualTo("SendMessageFailed");
			assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("before");
		}
	}

	@Test
	void anUnreachableBrokerFailsTheStart() throws Exception {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		MqttSendEmulator emulator = MqttSendEmulator.builder().brokerUrl("tcp://127.0.0.1:" + closedPort).build();
		assertThatIllegalStateException().isThrownBy(emulator::start).withMessageContaining("cannot connect");
		assertThat(emulator.isRunning()).isFalse();
	}

	@Test
	void resetForgetsMessagesCallsAndFaults() {
		try (MqttSendEmulator emulator = MqttSendEmulator.builder().build().start()) {
			SignedCalls.send(SignedCalls.v3(emulator, "a/b", "x"));
			emulator.faults().next(5, Fault.error("InternalError"));
			emulator.reset();
			assertThat(emulator.receivedMessages()).isEmpty();
			assertThat(emulator.calls()).isZero();
			assertThat(emulator.faults().pending()).isZero();
			assertThat(SignedCalls.send(SignedCalls.v3(emulator, "a/b", "y")).status()).isEqualTo(200);
		}
	}

	@Test
	void stopClosesTheEndpoint() throws Exception {
		MqttSendEmulator emulator = MqttSendEmulator.builder().build().start();
		int port = emulator.port();
		emulator.stop();
		assertThat(canConnect(port)).isFalse();
	}

	private static boolean canConnect(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

}
