package io.github.mqttsend.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verifier's signature steps reproduce every test vector of protocol.md, and a request built from a
 * SendMessage vector passes the whole verifier at the vector's time.
 */
class ProtocolVectorTests {

	private static final String V3_EMPTY_BODY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	@Test
	void v1OfficialDescribeRegions() {
		TreeMap<String, String> parameters = new TreeMap<>(Map.of("AccessKeyId", "testid", "Action", "DescribeRegions",
				"Format", "XML", "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
				"SignatureVersion", "1.0", "Timestamp", "2016-02-23T12:46:24Z", "Version", "2014-05-26"));
		assertThat(RpcSignature.signature(RpcSignature.stringToSign("GET", parameters), "testsecret"))
			.isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
	}

	@Test
	void v1OfficialDescribeDedicatedHosts() {
		TreeMap<String, String> parameters = new TreeMap<>(Map.of("AccessKeyId", "testid", "Action",
				"DescribeDedicatedHosts", "Format", "JSON", "RegionId", "cn-beijing", "SignatureMethod", "HMAC-SHA1",
				"SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb", "SignatureVersion", "1.0", "Timestamp",
				"2023-03-13T08:34:30Z", "Version", "2014-05-26"));
		assertThat(RpcSignature.signature(RpcSignature.stringToSign("GET", parameters), "testsecret"))
			.isEqualTo("9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
	}

	@Test
	void v1SdkUnitTest() {
		TreeMap<String, String> parameters = new TreeMap<>(Map.of("query", "test", "body", "test"));
		assertThat(RpcSignature.signature(RpcSignature.stringToSign("GET", parameters), "secret"))
			.isEqualTo("XlUyV4sXjOuX5FnjUz9IF9tm5rU=");
	}

	@Test
	void v1SendMessage() {
		TreeMap<String, String> parameters = v1SendMessageParameters();
		assertThat(RpcSignature.signature(RpcSignature.stringToSign("POST", parameters), "testsecret"))
			.isEqualTo("atnew82yiqam6XxtiO9y4FQo3ik=");
		parameters.put("SecurityToken", "CAIS-test-token+/=");
		assertThat(RpcSignature.signature(RpcSignature.stringToSign("POST", parameters), "testsecret"))
			.isEqualTo("EcP6LEM24/2FQyuTil2mjOXU7I8=");
	}

	@Test
	void v3Official() {
		TreeMap<String, String> query = new TreeMap<>(Map.of("ImageId",
				"win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId", "cn-shanghai"));
		TreeMap<String, String> headers = new TreeMap<>(Map.of("host", "ecs.cn-shanghai.aliyuncs.com", "x-acs-action",
				"RunInstances", "x-acs-version", "2014-05-26", "x-acs-date", "2023-10-26T10:22:32Z",
				"x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d", "x-acs-content-sha256", V3_EMPTY_BODY));
		String stringToSign = Acs3Signature.stringToSign(Acs3Signature.canonicalRequest("POST", "/", query, headers,
				V3_EMPTY_BODY));
		assertThat(stringToSign)
			.isEqualTo("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
		assertThat(Acs3Signature.signature(stringToSign, "YourAccessKeySecret"))
			.isEqualTo("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
	}

	@Test
	void v3SendMessage() {
		assertThat(Acs3Signature.signature(v3SendMessageStringToSign(v3SendMessageHeaders()), "YourAccessKeySecret"))
			.isEqualTo("3e9b38c014bf72949532e1aa3bcb235d783b2ef90f30d445faeb5c513d21d223");
		TreeMap<String, String> sts = v3SendMessageHeaders();
		sts.put("x-acs-security-token", "CAIS-test-token+/=");
		sts.put("x-acs-accesskey-id", "STS.YourAccessKeyId");
		assertThat(Acs3Signature.signature(v3SendMessageStringToSign(sts), "YourAccessKeySecret"))
			.isEqualTo("5d6cfd8765df128c6d7914f0071c4447714024f5bb7c8de50be21be064bc41e2");
	}

	@Test
	void theV1SendMessageVectorPassesTheVerifierAtItsTime() {
		TreeMap<String, String> parameters = v1SendMessageParameters();
		parameters.put("Signature", "atnew82yiqam6XxtiO9y4FQo3ik=");
		RequestVerifier verifier = verifierAt("2024-01-01T00:10:00Z", AccessKey.of("testid", "testsecret"));

		VerifiedCall call = verifier.verify(new IncomingRequest("POST", "/", PercentCodec.encodePairs(parameters),
				Map.of(), new byte[0]));

		assertThat(call.accessKeyId()).isEqualTo("testid");
		assertThat(call.signatureVersion()).isEqualTo(SignatureVersion.V1);
		assertThat(call.parameters()).containsEntry("Payload", "aGVsbG8gd29ybGQrLz8=")
			.containsEntry("MqttTopic", "TopicA/p2p/GID_test@@@device-001");
	}

	@Test
	void theV3SendMessageVectorsPassTheVerifierAtTheirTime() {
		RequestVerifier verifier = verifierAt("2023-12-31T23:50:00Z", AccessKey.of("YourAccessKeyId", "YourAccessKeySecret"),
				AccessKey.sts("STS.YourAccessKeyId", "YourAccessKeySecret", "CAIS-test-token+/="));
		String query = PercentCodec.encodePairs(v3SendMessageQuery());

		TreeMap<String, String> headers = v3SendMessageHeaders();
		VerifiedCall call = verifier.verify(v3Request(query, headers, "YourAccessKeyId",
				"3e9b38c014bf72949532e1aa3bcb235d783b2ef90f30d445faeb5c513d21d223"));
		assertThat(call.signatureVersion()).isEqualTo(SignatureVersion.V3);

		TreeMap<String, String> sts = v3SendMessageHeaders();
		sts.put("x-acs-security-token", "CAIS-test-token+/=");
		sts.put("x-acs-accesskey-id", "STS.YourAccessKeyId");
		assertThat(verifier.verify(v3Request(query, sts, "STS.YourAccessKeyId",
				"5d6cfd8765df128c6d7914f0071c4447714024f5bb7c8de50be21be064bc41e2")).accessKeyId())
			.isEqualTo("STS.YourAccessKeyId");

		// the same request again: its nonce is spent
		assertThatExceptionOfType(ServiceError.class).isThrownBy(() -> verifier.verify(v3Request(query, headers,
				"YourAccessKeyId", "3e9b38c014bf72949532e1aa3bcb235d783b2ef90f30d445faeb5c513d21d223")))
			.satisfies((error) -> assertThat(error.code()).isEqualTo("SignatureNonceUsed"));
	}

	private static IncomingRequest v3Request(String query, TreeMap<String, String> signedHeaders, String keyId,
			String signature) {
		Map<String, List<String>> headers = new TreeMap<>();
		signedHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
		headers.put("Authorization", List.of("ACS3-HMAC-SHA256 Credential=" + keyId + ",SignedHeaders="
				+ String.join(";", signedHeaders.keySet()) + ",Signature=" + signature));
		return new IncomingRequest("POST", "/", query, headers, new byte[0]);
	}

	private static RequestVerifier verifierAt(String time, AccessKey... keys) {
		return new RequestVerifier(List.of(keys), Clock.fixed(Instant.parse(time), ZoneOffset.UTC));
	}

	private static TreeMap<String, String> v1SendMessageParameters() {
		TreeMap<String, String> parameters = new TreeMap<>(Map.of("AccessKeyId", "testid", "Action", "SendMessage",
				"Format", "JSON", "InstanceId", "post-cn-0pp12gl0000", "MqttTopic", "TopicA/p2p/GID_test@@@device-001",
				"Payload", "aGVsbG8gd29ybGQrLz8=", "SignatureMethod", "HMAC-SHA1", "SignatureNonce",
				"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion", "1.0", "Timestamp", "2024-01-01T00:00:00Z"));
		parameters.put("Version", "2020-04-20");
		return parameters;
	}

	private static TreeMap<String, String> v3SendMessageQuery() {
		return new TreeMap<>(Map.of("InstanceId", "post-cn-0pp12gl0000", "MqttTopic", "TopicA/p2p/GID_test@@@device-001",
				"Payload", "aGVsbG8gd29ybGQrLz8="));
	}

	private static TreeMap<String, String> v3SendMessageHeaders() {
		return new TreeMap<>(Map.of("host", "onsmqtt.cn-hangzhou.aliyuncs.com", "x-acs-action", "SendMessage",
				"x-acs-version", "2020-04-20", "x-acs-date", "2024-01-01T00:00:00Z", "x-acs-signature-nonce",
				"3156853299f313e23d1673dc12e1703d", "x-acs-content-sha256", V3_EMPTY_BODY));
	}

	private static String v3SendMessageStringToSign(TreeMap<String, String> headers) {
		return Acs3Signature.stringToSign(
				Acs3Signature.canonicalRequest("POST", "/", v3SendMessageQuery(), headers, V3_EMPTY_BODY));
	}

}
