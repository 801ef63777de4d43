package io.github.mqttsend.emulator;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.mqttsend.emulator.SignedCalls.Answer;
import io.github.mqttsend.emulator.junit.MqttSendEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Injected errors carry the documented status of their code, are consumed in order, and apply per topic. */
class FaultInjectorTests {

	@RegisterExtension
	static final MqttSendEmulatorExtension emulator = MqttSendEmulatorExtension.create();

	@Test
	void anInjectedErrorIsAnsweredWithItsDocumentedStatus() {
		Map<String, Integer> documented = Map.of("Throttling.User", 400, "Throttling.Api", 400, "SystemOverFlow", 500,
				"SendMessageFailed", 500, "InternalError", 500, "ApiNotSupport", 404, "PermissionCheckFailed", 400,
				"InvalidAccessKeyId.NotFound", 404, "CheckAccountInfoFailed", 400, "InvalidParameter.Payload", 400);
		documented.forEach((code, status) -> {
			emulator.faults().next(1, Fault.error(code));
			Answer answer = SignedCalls.send(SignedCalls.v3(emulator.emulator(), "a/b", "x"));
			assertThat(answer.code()).isEqualTo(code);
			assertThat(answer.status()).as(code).isEqualTo(status);
		});
		emulator.faults().next(1, Fault.error("ServiceUnavailable", 503));
		assertThat(SignedCalls.send(SignedCalls.v3(emulator.emulator(), "a/b", "x")).status()).isEqualTo(503);
		assertThat(emulator.receivedMessages()).isEmpty();
	}

	@Test
	void nextFaultsAreConsumedInOrderThenCallsSucceed() {
		emulator.faults().next(2, Fault.error("SendMessageFailed")).next(1, Fault.error("Throttling.User"));
		assertThat(emulator.faults().pending()).isEqualTo(3);
		assertThat(SignedCalls.send(SignedCalls.v3(emulator.emulator(), "a/b", "1")).code()).isEqualTo("SendMessageFailed");
		assertThat(SignedCalls.send(SignedCalls.v1(emulator.emulator(), "a/b", "2")).code()).isEqualTo("SendMessageFailed");
		assertThat(SignedCalls.send(SignedCalls.v3(emulator.emulator(), "a/b", "3")).code()).isEqualTo("Throttling.User");
		assertThat(SignedCalls.send(SignedCalls.v3(emulator.emulator(), "a/b", "4")).status()).isEqualTo(200);
		assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("4");
	}

	@Test
	void aTopicFaultAppliesToThatTopicUntilCleared() {
		emulator.faults().onTopic("alerts/pump", Fault.error("PermissionCheckFailed"));
		for (int i = 0; i < 3; i++) {
			assertThat(SignedCalls.send(SignedCalls.v3(emulator.emulator(), "alerts/pump", "x")).code())
				.isEqualTo("PermissionCheckFailed");
		}
		assertThat(SignedCalls.send(SignedCalls.v3(emulator.emulator(), "alerts/valve", "y")).status()).isEqualTo(200);
		emulator.faults().clear();
		assertThat(SignedCalls.send(SignedCalls.v3(emulator.emulator(), "alerts/pump", "z")).status()).isEqualTo(200);
		assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("y", "z");
	}

	@Test
	void faultsApplyOnlyToCallsThatPassVerification() {
		emulator.faults().next(1, Fault.error("InternalError"));
		assertThat(SignedCalls.send(SignedCalls.v3(emulator.emulator(), "a//b", "bad topic")).code())
			.isEqualTo("InvalidParameter.MqttTopic");
		assertThat(emulator.faults().pending()).isEqualTo(1);
	}

	@Test
	void faultsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().next(-1, Fault.dropConnection()));
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.delay(java.time.Duration.ofSeconds(-1)));
	}

}
