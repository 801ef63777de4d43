package io.github.mqttsend.emulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.mqttsend.emulator.junit.MqttSendEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proof of fidelity: Alibaba's own SDKs send SendMessage to the emulator and are accepted, exactly as the real
 * service would accept them; a wrong secret, an unknown key, a wrong STS token and a clock 20 minutes off are
 * refused with the gateway's codes. tea-openapi 0.3.15 signs V3 by default and V1 with
 * {@code signatureAlgorithm="v2"}; aliyun-java-sdk-core 4.7.10 signs V1 by default and V3 on request.
 */
class OfficialSdkFidelityTests {

	private static final String ID = "testid";

	private static final String SECRET = "testsecret";

	private static final String STS_ID = "STS.testid";

	private static final String STS_TOKEN = "CAIS-test-token+/=";

	private static final String INSTANCE = "mqtt-cn-fidelity";

	private static final String TOPIC = "fidelity/topic";

	private static final MutableClock clock = MutableClock.now();

	@RegisterExtension
	static final MqttSendEmulatorExtension emulator = MqttSendEmulatorExtension.of(MqttSendEmulator.builder()
		.instanceId(INSTANCE)
		.accessKey(ID, SECRET)
		.accessKey(AccessKey.sts(STS_ID, SECRET, STS_TOKEN))
		.clock(clock));

	static Stream<String> payloads() {
		return Stream.of("hello world", "aGVsbG8gd29ybGQrLz8=", "你好，世界", "🚀 launch 🎉", "+ / = * ~ % & ?");
	}

	@AfterEach
	void resetClock() {
		clock.set(java.time.Instant.now());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void teaOpenApiV3IsAccepted(String payload) throws Exception {
		Map<String, ?> answer = teaOpenApi(teaConfig(ID, SECRET), payload);
		assertAccepted(answer, payload, SignatureVersion.V3, ID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void teaOpenApiV3WithStsIsAccepted(String payload) throws Exception {
		Map<String, ?> answer = teaOpenApi(teaConfig(STS_ID, SECRET).setSecurityToken(STS_TOKEN), payload);
		assertAccepted(answer, payload, SignatureVersion.V3, STS_ID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void teaOpenApiV1IsAccepted(String payload) throws Exception {
		Map<String, ?> answer = teaOpenApi(teaConfig(ID, SECRET).setSignatureAlgorithm("v2"), payload);
		assertAccepted(answer, payload, SignatureVersion.V1, ID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void teaOpenApiV1WithStsIsAccepted(String payload) throws Exception {
		Map<String, ?> answer = teaOpenApi(
				teaConfig(STS_ID, SECRET).setSecurityToken(STS_TOKEN).setSignatureAlgorithm("v2"), payload);
		assertAccepted(answer, payload, SignatureVersion.V1, STS_ID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void aliyunSdkCoreV1IsAccepted(String payload) throws Exception {
		CommonResponse response = aliyunSdkCore(ID, SECRET, payload, null);
		assertThat(response.getHttpStatus()).isEqualTo(200);
		assertAcceptedJson(response.getData(), payload, SignatureVersion.V1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void aliyunSdkCoreV3IsAccepted(String payload) throws Exception {
		CommonResponse response = aliyunSdkCore(ID, SECRET, payload, com.aliyuncs.auth.SignatureVersion.V3);
		assertThat(response.getHttpStatus()).isEqualTo(200);
		assertAcceptedJson(response.getData(), payload, SignatureVersion.V3);
	}

	@Test
	void aWrongSecretIsRefusedWithSignatureDoesNotMatch() {
		assertThatExceptionOfType(TeaException.class).isThrownBy(() -> teaOpenApi(teaConfig(ID, "not-the-secret"), "x"))
			.satisfies((ex) -> assertRefused(ex, 400, "SignatureDoesNotMatch"));
		assertThatExceptionOfType(TeaException.class)
			.isThrownBy(() -> teaOpenApi(teaConfig(ID, "not-the-secret").setSignatureAlgorithm("v2"), "x"))
			.satisfies((ex) -> assertRefused(ex, 400, "SignatureDoesNotMatch"));
		assertThatExceptionOfType(ClientException.class)
			.isThrownBy(() -> aliyunSdkCore(ID, "not-the-secret", "x", null))
			.satisfies((ex) -> assertThat(ex.getErrCode()).isEqualTo("SignatureDoesNotMatch"));
		assertThat(emulator.receivedMessages()).isEmpty();
	}

	@Test
	void anUnknownKeyIsRefusedWithInvalidAccessKeyIdNotFound() {
		assertThatExceptionOfType(TeaException.class).isThrownBy(() -> teaOpenApi(teaConfig("LTAInobody", SECRET), "x"))
			.satisfies((ex) -> assertRefused(ex, 404, "InvalidAccessKeyId.NotFound"));
	}

	@Test
	void anStsKeyWithoutItsTokenOrWithAnotherIsRefusedWithCheckAccountInfoFailed() {
		assertThatExceptionOfType(TeaException.class).isThrownBy(() -> teaOpenApi(teaConfig(STS_ID, SECRET), "x"))
			.satisfies((ex) -> assertRefused(ex, 400, "CheckAccountInfoFailed"));
		assertThatExceptionOfType(TeaException.class)
			.isThrownBy(() -> teaOpenApi(teaConfig(STS_ID, SECRET).setSecurityToken("CAIS-someone-else"), "x"))
			.satisfies((ex) -> assertRefused(ex, 400, "CheckAccountInfoFailed"));
		assertThatExceptionOfType(TeaException.class)
			.isThrownBy(() -> teaOpenApi(teaConfig(STS_ID, SECRET).setSecurityToken("CAIS-someone-else")
				.setSignatureAlgorithm("v2"), "x"))
			.satisfies((ex) -> assertRefused(ex, 400, "CheckAccountInfoFailed"));
		assertThat(emulator.receivedMessages()).isEmpty();
	}

	@Test
	void aClockMoreThanFifteenMinutesOffIsRefusedWithInvalidTimeStampExpired() {
		clock.advance(Duration.ofMinutes(20));
		assertThatExceptionOfType(TeaException.class).isThrownBy(() -> teaOpenApi(teaConfig(ID, SECRET), "x"))
			.satisfies((ex) -> assertRefused(ex, 400, "InvalidTimeStamp.Expired"));
		assertThatExceptionOfType(ClientException.class).isThrownBy(() -> aliyunSdkCore(ID, SECRET, "x", null))
			.satisfies((ex) -> assertThat(ex.getErrCode()).isEqualTo("InvalidTimeStamp.Expired"));
		clock.advance(Duration.ofMinutes(-40));
		assertThatExceptionOfType(TeaException.class)
			.isThrownBy(() -> teaOpenApi(teaConfig(ID, SECRET).setSignatureAlgorithm("v2"), "x"))
			.satisfies((ex) -> assertRefused(ex, 400, "InvalidTimeStamp.Expired"));
	}

	private static void assertAccepted(Map<String, ?> answer, String payload, SignatureVersion version, String keyId) {
		assertThat(answer.get("statusCode")).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> body = (Map<String, Object>) answer.get("body");
		ReceivedMessage received = emulator.receivedMessages().get(0);
		assertThat(body).containsEntry("MsgId", received.msgId()).containsEntry("RequestId", received.requestId());
		assertThat(received.payload()).isEqualTo(payload);
		assertThat(received.topic()).isEqualTo(TOPIC);
		assertThat(received.signatureVersion()).isEqualTo(version);
		assertThat(received.accessKeyId()).isEqualTo(keyId);
	}

	private static void assertAcceptedJson(String json, String payload, SignatureVersion version) {
		ReceivedMessage received = emulator.receivedMessages().get(0);
		assertThat(json).contains("\"MsgId\":\"" + received.msgId() + "\"");
		assertThat(received.payload()).isEqualTo(payload);
		assertThat(received.signatureVersion()).isEqualTo(version);
	}

	private static void assertRefused(TeaException ex, int status, String code) {
		assertThat(ex.getCode()).isEqualTo(code);
		assertThat(ex.getStatusCode()).isEqualTo(status);
	}

	private static Config teaConfig(String id, String secret) {
		return new Config().setAccessKeyId(id)
			.setAccessKeySecret(secret)
			.setRegionId("cn-hangzhou")
			.setEndpoint("127.0.0.1:" + emulator.emulator().port())
			.setProtocol("HTTP");
	}

	/** What the generated OnsMqtt SDK's sendMessageWithOptions does. */
	private static Map<String, ?> teaOpenApi(Config config, String payload) throws Exception {
		Params params = new Params().setAction("SendMessage")
			.setVersion("2020-04-20")
			.setProtocol("HTTP")
			.setPathname("/")
			.setMethod("POST")
			.setAuthType("AK")
			.setStyle("RPC")
			.setReqBodyType("formData")
			.setBodyType("json");
		OpenApiRequest request = new OpenApiRequest()
			.setQuery(com.aliyun.openapiutil.Client.query(new HashMap<>(businessParameters(payload))));
		return new com.aliyun.teaopenapi.Client(config).callApi(params, request, new RuntimeOptions());
	}

	private static CommonResponse aliyunSdkCore(String id, String secret, String payload,
			com.aliyuncs.auth.SignatureVersion version) throws Exception {
		DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", id, secret));
		try {
			CommonRequest request = new CommonRequest();
			request.setSysMethod(MethodType.POST);
			request.setSysProtocol(ProtocolType.HTTP);
			request.setSysDomain("127.0.0.1:" + emulator.emulator().port());
			request.setSysProduct("OnsMqtt");
			request.setSysVersion("2020-04-20");
			request.setSysAction("SendMessage");
			if (version != null) {
				request.setSysSignatureVersion(version);
				request.setSysSignatureAlgorithm(com.aliyuncs.auth.signers.SignatureAlgorithm.ACS3_HMAC_SHA256);
			}
			businessParameters(payload).forEach(request::putQueryParameter);
			return client.getCommonResponse(request);
		}
		finally {
			client.shutdown();
		}
	}

	private static Map<String, String> businessParameters(String payload) {
		return Map.of("InstanceId", INSTANCE, "MqttTopic", TOPIC, "Payload", payload);
	}

}
