package io.github.mqttsend.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.emulator.SignedCalls.Answer;
import io.github.mqttsend.emulator.junit.MqttSendEmulatorExtension;
import io.github.mqttsend.signing.OpenApiRequest.ParameterPlacement;
import io.github.mqttsend.signing.SignedRequest;

import static io.github.mqttsend.emulator.SignedCalls.nonce;
import static io.github.mqttsend.emulator.SignedCalls.parameters;
import static io.github.mqttsend.emulator.SignedCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the emulator refuses, and with which code and status: requests signed by the starter's signers (written
 * apart from the emulator's verifier), then altered. Every refusal is the documented error JSON, and nothing
 * refused is delivered.
 */
class RequestRefusalTests {

	private static final MutableClock clock = MutableClock.now();

	@RegisterExtension
	static final MqttSendEmulatorExtension emulator = MqttSendEmulatorExtension.of(MqttSendEmulator.builder()
		.accessKey("LTAIlongLived", "long-lived-secret")
		.accessKey(AccessKey.sts("STS.temporary", "sts-secret", "CAIS-token+/="))
		.clock(clock));

	@AfterEach
	void nothingRefusedIsDelivered() {
		clock.set(Instant.now());
	}

	@Test
	void bothSignatureVersionsWithQueryOrFormParametersAreAccepted() {
		MqttSendEmulator e = emulator.emulator();
		for (ParameterPlacement placement : ParameterPlacement.values()) {
			assertAccepted(send(SignedCalls.v3(e.endpoint(), parameters(e.instanceId(), "a/b", "v3 " + placement),
					longLived(), Instant.now(), nonce(), placement)));
			assertAccepted(send(SignedCalls.v1(e.endpoint(), parameters(e.instanceId(), "a/b", "v1 " + placement),
					longLived(), Instant.now(), nonce(), placement)));
		}
		assertThat(e.receivedMessages()).extracting(ReceivedMessage::payload)
			.containsExactly("v3 QUERY", "v1 QUERY", "v3 FORM_BODY", "v1 FORM_BODY");
		assertThat(e.receivedMessages()).extracting(ReceivedMessage::signatureVersion)
			.containsExactly(SignatureVersion.V3, SignatureVersion.V1, SignatureVersion.V3, SignatureVersion.V1);
	}

	@Test
	void anErrorAnswerIsTheDocumentedJson() {
		Answer answer = send(v3("a/b", "x", Credentials.of("LTAIlongLived", "wrong")));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()).containsOnlyKeys("RequestId", "HostId", "Code", "Message", "Recommend")
			.containsEntry("Code", "SignatureDoesNotMatch")
			.containsEntry("HostId", "127.0.0.1");
		assertThat((String) answer.json().get("Message")).startsWith("Specified signature does not match our calculation.");
	}

	@Test
	void aTamperedFormBodyIsRefused() {
		SignedRequest signed = SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "original"),
				longLived(), Instant.now(), nonce(), ParameterPlacement.FORM_BODY);
		byte[] tampered = new String(signed.body(), StandardCharsets.US_ASCII).replace("original", "tampered")
			.getBytes(StandardCharsets.US_ASCII);
		assertRefused(send(new SignedRequest(signed.uri(), signed.headers(), tampered)), 400, "SignatureDoesNotMatch");

		SignedRequest v1 = SignedCalls.v1(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "original"),
				longLived(), Instant.now(), nonce(), ParameterPlacement.FORM_BODY);
		byte[] tamperedV1 = new String(v1.body(), StandardCharsets.US_ASCII).replace("original", "tampered")
			.getBytes(StandardCharsets.US_ASCII);
		assertRefused(send(new SignedRequest(v1.uri(), v1.headers(), tamperedV1)), 400, "SignatureDoesNotMatch");
	}

	@Test
	void aTamperedQueryIsRefused() {
		assertRefused(send(v3("a/b", "original", longLived()),
				(signed) -> SignedCalls.withQuery(signed, (query) -> query.replace("original", "tampered"))), 400,
				"SignatureDoesNotMatch");
		assertRefused(send(v1("a/b", "original", longLived()),
				(signed) -> SignedCalls.withQuery(signed, (query) -> query.replace("original", "tampered"))), 400,
				"SignatureDoesNotMatch");
	}

	@Test
	void aRawPlusInThePayloadIsASpace() {
		// the gateway decodes '+' as a space: a client that leaves it raw signs one payload and sends another
		assertRefused(send(v3("a/b", "a+b", longLived()),
				(signed) -> SignedCalls.withQuery(signed, (query) -> query.replace("a%2Bb", "a+b"))), 400,
				"SignatureDoesNotMatch");
		assertAccepted(send(v3("a/b", "a b", longLived()),
				(signed) -> SignedCalls.withQuery(signed, (query) -> query.replace("a%20b", "a+b"))));
		assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("a b");
	}

	@Test
	void aBodyHashThatIsNotTheBodysIsRefused() {
		assertRefused(send(v3("a/b", "x", longLived()),
				(signed) -> SignedCalls.withHeader(signed, "x-acs-content-sha256", "00".repeat(32))), 400,
				"SignatureDoesNotMatch");
	}

	@Test
	void anUnsignedAcsHeaderIsRefused() {
		assertRefused(send(v3("a/b", "x", longLived()),
				(signed) -> SignedCalls.withHeader(signed, "x-acs-extra", "smuggled")), 400, "IncompleteSignature");
	}

	@Test
	void missingSigningHeadersOrParametersAreRefused() {
		assertRefused(send(v3("a/b", "x", longLived()),
				(signed) -> SignedCalls.withoutHeader(signed, "x-acs-signature-nonce")), 400, "IncompleteSignature");
		assertRefused(send(v3("a/b", "x", longLived()), (signed) -> SignedCalls.withoutHeader(signed, "authorization")),
				400, "IncompleteSignature");
		assertRefused(send(v1("a/b", "x", longLived()),
				(signed) -> SignedCalls.withQuery(signed, (query) -> query.replaceAll("SignatureNonce=[^&]*&", ""))), 400,
				"IncompleteSignature");
	}

	@Test
	void v1NeedsHmacSha1AndSignatureVersionOne() {
		assertRefused(send(v1("a/b", "x", longLived()), (signed) -> SignedCalls.withQuery(signed,
				(query) -> query.replace("SignatureMethod=HMAC-SHA1", "SignatureMethod=HMAC-SHA256"))), 400,
				"IncompleteSignature");
		assertRefused(send(v1("a/b", "x", longLived()), (signed) -> SignedCalls.withQuery(signed,
				(query) -> query.replace("SignatureVersion=1.0", "SignatureVersion=2.0"))), 400, "IncompleteSignature");
	}

	@Test
	void anUnknownKeyIsRefusedWith404() {
		assertRefused(send(v3("a/b", "x", Credentials.of("LTAInobody", "long-lived-secret"))), 404,
				"InvalidAccessKeyId.NotFound");
		assertRefused(send(v1("a/b", "x", Credentials.of("LTAInobody", "long-lived-secret"))), 404,
				"InvalidAccessKeyId.NotFound");
	}

	@Test
	void anotherActionOrVersionIsNotSupported() {
		assertRefused(send(v3("a/b", "x", longLived()),
				(signed) -> SignedCalls.withHeader(signed, "x-acs-action", "DeleteInstance")), 404, "ApiNotSupport");
		assertRefused(send(v1("a/b", "x", longLived()), (signed) -> SignedCalls.withQuery(signed,
				(query) -> query.replace("Version=2020-04-20", "Version=2019-01-01"))), 404, "ApiNotSupport");
	}

	@Test
	void stsKeysNeedTheirToken() {
		Credentials sts = Credentials.of("STS.temporary", "sts-secret", "CAIS-token+/=");
		assertAccepted(send(v3("a/b", "v3", sts)));
		assertAccepted(send(v1("a/b", "v1", sts)));
		Credentials noToken = Credentials.of("STS.temporary", "sts-secret");
		assertRefused(send(v3("a/b", "x", noToken)), 400, "CheckAccountInfoFailed");
		assertRefused(send(v1("a/b", "x", noToken)), 400, "CheckAccountInfoFailed");
		Credentials otherToken = Credentials.of("STS.temporary", "sts-secret", "CAIS-other");
		assertRefused(send(v3("a/b", "x", otherToken)), 400, "CheckAccountInfoFailed");
		assertRefused(send(v1("a/b", "x", otherToken)), 400, "CheckAccountInfoFailed");
		assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("v3", "v1");
	}

	@Test
	void theClockWindowIsFifteenMinutesEachWay() {
		Instant now = clock.instant();
		assertAccepted(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "x"),
				longLived(), now.minus(Duration.ofMinutes(15)), nonce(), ParameterPlacement.QUERY)));
		assertAccepted(send(SignedCalls.v1(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "x"),
				longLived(), now.plus(Duration.ofMinutes(15)), nonce(), ParameterPlacement.QUERY)));
		assertRefused(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "x"),
				longLived(), now.minus(Duration.ofMinutes(16)), nonce(), ParameterPlacement.QUERY)), 400,
				"InvalidTimeStamp.Expired");
		assertRefused(send(SignedCalls.v1(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "x"),
				longLived(), now.plus(Duration.ofMinutes(16)), nonce(), ParameterPlacement.QUERY)), 400,
				"InvalidTimeStamp.Expired");
		assertRefused(send(v3("a/b", "x", longLived()),
				(signed) -> SignedCalls.withHeader(signed, "x-acs-date", "2024-01-01 00:00:00")), 400,
				"InvalidTimeStamp.Format");
	}

	@Test
	void aNonceIsSpentForFifteenMinutes() {
		String nonce = nonce();
		assertAccepted(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "1"),
				longLived(), clock.instant(), nonce, ParameterPlacement.QUERY)));
		clock.advance(Duration.ofMinutes(10));
		assertRefused(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "2"),
				longLived(), clock.instant(), nonce, ParameterPlacement.QUERY)), 400, "SignatureNonceUsed");
		assertRefused(send(SignedCalls.v1(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "3"),
				longLived(), clock.instant(), nonce, ParameterPlacement.QUERY)), 400, "SignatureNonceUsed");
		clock.advance(Duration.ofMinutes(6));
		assertAccepted(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "4"),
				longLived(), clock.instant(), nonce, ParameterPlacement.QUERY)));
		assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("1", "4");
	}

	@Test
	void aRefusedRequestDoesNotSpendItsNonce() {
		String nonce = nonce();
		assertRefused(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "x"),
				Credentials.of("LTAIlongLived", "wrong"), clock.instant(), nonce, ParameterPlacement.QUERY)), 400,
				"SignatureDoesNotMatch");
		assertAccepted(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "x"),
				longLived(), clock.instant(), nonce, ParameterPlacement.QUERY)));
	}

	@Test
	void theThreeParametersAreRequired() {
		for (String name : new String[] { "InstanceId", "MqttTopic", "Payload" }) {
			TreeMap<String, String> parameters = parameters(emulator.instanceId(), "a/b", "x");
			parameters.remove(name);
			assertRefused(send(SignedCalls.v3(emulator.endpoint(), parameters, longLived(), Instant.now(), nonce(),
					ParameterPlacement.QUERY)), 400, "InvalidParameter." + name);
		}
	}

	@Test
	void anotherInstanceIsRefused() {
		assertRefused(send(SignedCalls.v3(emulator.endpoint(), parameters("mqtt-cn-someone-else", "a/b", "x"),
				longLived(), Instant.now(), nonce(), ParameterPlacement.QUERY)), 400, "InstancePermissionCheckFailed");
	}

	@Test
	void topicsFollowTheRules() {
		for (String good : new String[] { "abc", "alerts/pump-7/status_1", "TopicA/p2p/GID_test@@@device-001",
				"a".repeat(64) }) {
			assertAccepted(send(v3(good, "x", longLived())));
		}
		for (String bad : new String[] { "ab", "a".repeat(65), "a//b", "/ab", "ab/", "a/+/b", "a/#", "a b/c", "a@b/c",
				"a/b/GID@@@x", "a/p2p/c@@@d/e", "温度/a" }) {
			assertRefused(send(v3(bad, "x", longLived())), 400, "InvalidParameter.MqttTopic");
		}
	}

	@Test
	void payloadsAreNotBlankAndAtMost64KB() {
		assertAccepted(send(v3("a/b", "x".repeat(65_536), longLived()), (signed) -> signed));
		assertRefused(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "x".repeat(65_537)),
				longLived(), Instant.now(), nonce(), ParameterPlacement.FORM_BODY)), 400, "InvalidParameter.Payload");
		assertRefused(send(SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), "a/b", "é".repeat(32_769)),
				longLived(), Instant.now(), nonce(), ParameterPlacement.FORM_BODY)), 400, "InvalidParameter.Payload");
		assertRefused(send(v3("a/b", "   ", longLived())), 400, "InvalidParameter.Payload");
	}

	private static SignedRequest v3(String topic, String payload, Credentials credentials) {
		ParameterPlacement placement = (payload.length() > 4000) ? ParameterPlacement.FORM_BODY : ParameterPlacement.QUERY;
		return SignedCalls.v3(emulator.endpoint(), parameters(emulator.instanceId(), topic, payload), credentials,
				Instant.now(), nonce(), placement);
	}

	private static SignedRequest v1(String topic, String payload, Credentials credentials) {
		return SignedCalls.v1(emulator.endpoint(), parameters(emulator.instanceId(), topic, payload), credentials,
				Instant.now(), nonce(), ParameterPlacement.QUERY);
	}

	private static Credentials longLived() {
		return Credentials.of("LTAIlongLived", "long-lived-secret");
	}

	private static void assertAccepted(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json()).containsOnlyKeys("RequestId", "MsgId");
		assertThat((String) answer.json().get("MsgId")).matches("[0-9A-F]{32}");
	}

	private static void assertRefused(Answer answer, int status, String code) {
		assertThat(answer.code()).as(answer.body()).isEqualTo(code);
		assertThat(answer.status()).isEqualTo(status);
		assertThat(answer.json()).containsKeys("RequestId", "HostId", "Code", "Message");
	}

}
