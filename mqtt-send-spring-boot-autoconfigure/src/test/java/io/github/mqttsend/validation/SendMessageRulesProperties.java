package io.github.mqttsend.validation;

import java.util.List;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import io.github.mqttsend.MqttSendValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The topic, payload and instance ID rules, against generated input: everything the documented rules allow is
 * accepted, and everything else is refused with an exception naming the field.
 */
class SendMessageRulesProperties {

	private static final String TOPIC_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

	@Provide
	Arbitrary<String> validTopics() {
		Arbitrary<String> level = Arbitraries.strings().withChars(TOPIC_CHARS).ofMinLength(1).ofMaxLength(20);
		return level.list().ofMinSize(1).ofMaxSize(5)
			.map((levels) -> String.join("/", levels))
			.filter((topic) -> topic.length() >= 3 && topic.length() <= 64);
	}

	@Provide
	Arbitrary<String> pointToPointTopics() {
		Arbitrary<String> name = Arbitraries.strings().withChars(TOPIC_CHARS).ofMinLength(1).ofMaxLength(12);
		return Combinators.combine(name, name, name)
			.as((parent, group, device) -> parent + "/p2p/GID_" + group + "@@@" + device);
	}

	@Property
	void documentedTopicsAreAccepted(@ForAll("validTopics") String topic) {
		assertThatCode(() -> SendMessageRules.checkTopic(topic)).doesNotThrowAnyException();
	}

	@Property
	void pointToPointTopicsWithClientIdsAreAccepted(@ForAll("pointToPointTopics") String topic) {
		Assume.that(topic.length() <= 64);
		assertThatCode(() -> SendMessageRules.checkTopic(topic)).doesNotThrowAnyException();
	}

	@Property
	void anyCharacterOutsideTheDocumentedSetIsRefused(@ForAll("validTopics") String topic,
			@ForAll char c, @ForAll @IntRange(min = 0, max = 63) int at) {
		Assume.that(TOPIC_CHARS.indexOf(c) < 0 && c != '/');
		Assume.that(topic.length() < 64);
		int index = Math.min(at, topic.length());
		String bad = topic.substring(0, index) + c + topic.substring(index);
		assertThatExceptionOfType(MqttSendValidationException.class).isThrownBy(() -> SendMessageRules.checkTopic(bad))
			.satisfies((ex) -> {
				assertThat(ex.getField()).isEqualTo("topic");
				assertThat(ex.getErrorCode()).isEqualTo("InvalidParameter.MqttTopic");
				assertThat(ex.getHttpStatus()).isZero();
				assertThat(ex.isRetryable()).isFalse();
			});
	}

	@Property
	void wildcardsAreRefusedByName(@ForAll("validTopics") String topic, @ForAll("wildcards") String wildcard) {
		Assume.that(topic.length() <= 62);
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> SendMessageRules.checkTopic(topic + "/" + wildcard))
			.withMessageContaining("wildcard '" + wildcard + "'");
	}

	@Provide
	Arbitrary<String> wildcards() {
		return Arbitraries.of("+", "#");
	}

	@Property
	void lengthOutside3To64IsRefused(@ForAll @IntRange(min = 1, max = 200) int length) {
		String topic = "a".repeat(length);
		boolean allowed = length >= 3 && length <= 64;
		if (allowed) {
			assertThatCode(() -> SendMessageRules.checkTopic(topic)).doesNotThrowAnyException();
		}
		else {
			assertThatExceptionOfType(MqttSendValidationException.class)
				.isThrownBy(() -> SendMessageRules.checkTopic(topic))
				.withMessageContaining("3 to 64 characters");
		}
	}

	@Property
	void emptyLevelsAreRefused(@ForAll("validTopics") String topic, @ForAll("emptyLevelShapes") String shape) {
		String bad = shape.replace("T", topic);
		Assume.that(bad.length() <= 64);
		assertThatExceptionOfType(MqttSendValidationException.class).isThrownBy(() -> SendMessageRules.checkTopic(bad))
			.withMessageContaining("empty level");
	}

	@Provide
	Arbitrary<String> emptyLevelShapes() {
		return Arbitraries.of("/T", "T/", "T//T");
	}

	@Example
	void atSignOnlyInAPointToPointClientId() {
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> SendMessageRules.checkTopic("alerts/GID_a@@@b"))
			.withMessageContaining("point-to-point");
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> SendMessageRules.checkTopic("alerts@x/p2p/GID_a@@@b"));
		assertThatCode(() -> SendMessageRules.checkTopic("alerts/p2p/GID_a@@@b")).doesNotThrowAnyException();
	}

	@Example
	void blankTopicIsRefused() {
		for (String blank : List.of("", "   ")) {
			assertThatExceptionOfType(MqttSendValidationException.class)
				.isThrownBy(() -> SendMessageRules.checkTopic(blank))
				.withMessage("Invalid topic: must not be blank");
		}
	}

	@Property
	void payloadSizeIsCountedInUtf8BytesAsItTravels(@ForAll @IntRange(min = 65_520, max = 65_550) int bytes,
			@ForAll("multiByteChars") String c) {
		// fill with ASCII, then end with one multi-byte character, to land on each side of the limit
		int ascii = bytes - c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		String payload = "x".repeat(ascii) + c;
		if (bytes <= SendMessageRules.MAX_PAYLOAD_BYTES) {
			assertThatCode(() -> SendMessageRules.checkPayload(payload)).doesNotThrowAnyException();
		}
		else {
			assertThatExceptionOfType(MqttSendValidationException.class)
				.isThrownBy(() -> SendMessageRules.checkPayload(payload))
				.withMessageContaining("at most 65536 bytes")
				.withMessageContaining("but is " + bytes)
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("InvalidParameter.Payload"));
		}
	}

	@Provide
	Arbitrary<String> multiByteChars() {
		return Arbitraries.of("é", "中", "🚀");
	}

	@Property
	void loneSurrogatesAreRefused(@ForAll @IntRange(min = 0xD800, max = 0xDFFF) int surrogate) {
		String payload = "ok" + (char) surrogate + "ok";
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> SendMessageRules.checkPayload(payload))
			.withMessageContaining("lone surrogate");
	}

	@Example
	void blankPayloadIsRefused() {
		for (String blank : List.of("", " \t\n")) {
			assertThatExceptionOfType(MqttSendValidationException.class)
				.isThrownBy(() -> SendMessageRules.checkPayload(blank))
				.withMessage("Invalid payload: must not be blank");
		}
	}

	@Property
	void instanceIdsOfTheDocumentedShapeAreAccepted(@ForAll("instanceIds") String instanceId) {
		assertThatCode(() -> SendMessageRules.checkInstanceId(instanceId)).doesNotThrowAnyException();
	}

	@Provide
	Arbitrary<String> instanceIds() {
		return Combinators.combine(Arbitraries.of("post-cn-", "mqtt-cn-", "mqtt-serverless-cn-"),
				Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(4).ofMaxLength(20))
			.as(String::concat);
	}

	@Property
	void instanceIdsWithUrlSyntaxOrSpaceAreRefused(@ForAll("instanceIds") String instanceId,
			@ForAll("urlSyntax") String injected) {
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> SendMessageRules.checkInstanceId(instanceId + injected))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("instanceId"));
	}

	@Provide
	Arbitrary<String> urlSyntax() {
		return Arbitraries.of("&", "=", "?", "#", "%", "+", "/", " ", "\r\n", "\0", "&InstanceId=other")
			.map((s) -> s.chars().mapToObj((c) -> String.valueOf((char) c)).collect(Collectors.joining()));
	}

	@Example
	void missingInstanceIdSaysWhereToSetIt() {
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> SendMessageRules.checkInstanceId(null))
			.withMessageContaining("apsaramq.mqtt.instance-id");
	}

}
