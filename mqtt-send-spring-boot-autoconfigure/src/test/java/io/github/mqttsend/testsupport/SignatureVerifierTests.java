package io.github.mqttsend.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier must itself be right before the wire tests may trust it: it reproduces protocol.md's test
 * vectors, and refuses requests changed after signing.
 */
class SignatureVerifierTests {

	private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	private static final String V3_SIGNED = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";

	@Test
	void encodesPerRfc3986() {
		assertThat(SignatureVerifier.encode("aZ09-_.~ +*/=%中😀")).isEqualTo("aZ09-_.~%20%2B%2A%2F%3D%25%E4%B8%AD%F0%9F%98%80");
		assertThat(SignatureVerifier.decode("%E4%B8%AD%2B+x")).isEqualTo("中+ x");
	}

	@Test
	void v3OfficialVector() {
		Map<String, String> headers = v3Headers("ecs.cn-shanghai.aliyuncs.com", "RunInstances", "2014-05-26",
				"2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d", "YourAccessKeyId", V3_SIGNED,
				"06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
		Map<String, List<String>> query = new LinkedHashMap<>();
		query.put("RegionId", List.of("cn-shanghai"));
		query.put("ImageId", List.of("win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"));
		SignatureVerifier.Verdict verdict = SignatureVerifier.verifyV3("POST", "/", query, headers, new byte[0],
				"YourAccessKeySecret");
		assertThat(verdict.matches()).as("%s", verdict).isTrue();
		assertThat(verdict.stringToSign())
			.endsWith("\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
	}

	@Test
	void v3SendMessageVectorsStaticAndSts() {
		Map<String, String> headers = v3Headers("onsmqtt.cn-hangzhou.aliyuncs.com", "SendMessage", "2020-04-20",
				"2024-01-01T00:00:00Z", "3156853299f313e23d1673dc12e1703d", "YourAccessKeyId", V3_SIGNED,
				"3e9b38c014bf72949532e1aa3bcb235d783b2ef90f30d445faeb5c513d21d223");
		assertThat(SignatureVerifier.verifyV3("POST", "/", sendMessageQuery(), headers, new byte[0],
				"YourAccessKeySecret").matches()).isTrue();

		Map<String, String> sts = v3Headers("onsmqtt.cn-hangzhou.aliyuncs.com", "SendMessage", "2020-04-20",
				"2024-01-01T00:00:00Z", "3156853299f313e23d1673dc12e1703d", "STS.YourAccessKeyId",
				"host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version",
				"5d6cfd8765df128c6d7914f0071c4447714024f5bb7c8de50be21be064bc41e2");
		sts.put("x-acs-security-token", "CAIS-test-token+/=");
		sts.put("x-acs-accesskey-id", "STS.YourAccessKeyId");
		SignatureVerifier.Verdict verdict = SignatureVerifier.verifyV3("POST", "/", sendMessageQuery(), sts,
				new byte[0], "YourAccessKeySecret");
		assertThat(verdict.matches()).as("%s", verdict).isTrue();
	}

	@Test
	void v3RefusesATamperedRequest() {
		Map<String, String> headers = v3Headers("onsmqtt.cn-hangzhou.aliyuncs.com", "SendMessage", "2020-04-20",
				"2024-01-01T00:00:00Z", "3156853299f313e23d1673dc12e1703d", "YourAccessKeyId", V3_SIGNED,
				"3e9b38c014bf72949532e1aa3bcb235d783b2ef90f30d445faeb5c513d21d223");
		Map<String, List<String>> query = sendMessageQuery();
		query.put("Payload", List.of("aGVsbG8gd29ybGQrLz8= ")); // one space more
		assertThat(SignatureVerifier.verifyV3("POST", "/", query, headers, new byte[0], "YourAccessKeySecret")
			.matches()).isFalse();
		headers.put("host", "onsmqtt.cn-shanghai.aliyuncs.com");
		assertThat(SignatureVerifier.verifyV3("POST", "/", sendMessageQuery(), headers, new byte[0],
				"YourAccessKeySecret").matches()).isFalse();
		assertThat(SignatureVerifier.verifyV3("POST", "/", sendMessageQuery(), v3Headers("onsmqtt.cn-hangzhou.aliyuncs.com",
				"SendMessage", "2020-04-20", "2024-01-01T00:00:00Z", "3156853299f313e23d1673dc12e1703d",
				"YourAccessKeyId", V3_SIGNED, "3e9b38c014bf72949532e1aa3bcb235d783b2ef90f30d445faeb5c513d21d223"),
				"x".getBytes(StandardCharsets.UTF_8), "YourAccessKeySecret").matches()).isFalse();
	}

	@Test
	void v3RefusesAnUnsignedAcsHeader() {
		Map<String, String> headers = v3Headers("onsmqtt.cn-hangzhou.aliyuncs.com", "SendMessage", "2020-04-20",
				"2024-01-01T00:00:00Z", "3156853299f313e23d1673dc12e1703d", "YourAccessKeyId", V3_SIGNED,
				"3e9b38c014bf72949532e1aa3bcb235d783b2ef90f30d445faeb5c513d21d223");
		headers.put("x-acs-security-token", "unsigned");
		SignatureVerifier.Verdict verdict = SignatureVerifier.verifyV3("POST", "/", sendMessageQuery(), headers,
				new byte[0], "YourAccessKeySecret");
		assertThat(verdict.matches()).isFalse();
		assertThat(verdict.problems()).anySatisfy((p) -> assertThat(p).contains("x-acs-security-token"));
	}

	@Test
	void v1OfficialVector() {
		Map<String, List<String>> query = new LinkedHashMap<>();
		query.put("AccessKeyId", List.of("testid"));
		query.put("Action", List.of("DescribeRegions"));
		query.put("Format", List.of("XML"));
		query.put("SignatureMethod", List.of("HMAC-SHA1"));
		query.put("SignatureNonce", List.of("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"));
		query.put("SignatureVersion", List.of("1.0"));
		query.put("Timestamp", List.of("2016-02-23T12:46:24Z"));
		query.put("Version", List.of("2014-05-26"));
		query.put("Signature", List.of("OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
		assertThat(SignatureVerifier.verifyV1("GET", query, Map.of(), new byte[0], "testsecret").matches()).isTrue();
	}

	@Test
	void v1SendMessageVectorsInQueryAndInFormBody() {
		Map<String, List<String>> query = v1Common();
		query.putAll(sendMessageQuery());
		query.put("Signature", List.of("atnew82yiqam6XxtiO9y4FQo3ik="));
		assertThat(SignatureVerifier.verifyV1("POST", query, Map.of(), new byte[0], "testsecret").matches()).isTrue();

		query.put("SecurityToken", List.of("CAIS-test-token+/="));
		query.put("Signature", List.of("EcP6LEM24/2FQyuTil2mjOXU7I8="));
		assertThat(SignatureVerifier.verifyV1("POST", query, Map.of(), new byte[0], "testsecret").matches()).isTrue();

		// the same parameters, the business ones moved into a form body: the same signature
		Map<String, List<String>> common = v1Common();
		common.put("Signature", List.of("atnew82yiqam6XxtiO9y4FQo3ik="));
		byte[] form = ("InstanceId=post-cn-0pp12gl0000&MqttTopic=TopicA%2Fp2p%2FGID_test%40%40%40device-001"
				+ "&Payload=aGVsbG8gd29ybGQrLz8%3D").getBytes(StandardCharsets.US_ASCII);
		assertThat(SignatureVerifier.verifyV1("POST", common,
				Map.of("Content-Type", "application/x-www-form-urlencoded"), form, "testsecret").matches()).isTrue();
		assertThat(SignatureVerifier.verifyV1("POST", common,
				Map.of("Content-Type", "application/x-www-form-urlencoded"), "InstanceId=x".getBytes(StandardCharsets.US_ASCII),
				"testsecret").matches()).isFalse();
	}

	private static Map<String, List<String>> sendMessageQuery() {
		Map<String, List<String>> query = new LinkedHashMap<>();
		query.put("Payload", List.of("aGVsbG8gd29ybGQrLz8="));
		query.put("MqttTopic", List.of("TopicA/p2p/GID_test@@@device-001"));
		query.put("InstanceId", List.of("post-cn-0pp12gl0000"));
		return query;
	}

	private static Map<String, List<String>> v1Common() {
		Map<String, List<String>> query = new LinkedHashMap<>();
		query.put("AccessKeyId", List.of("testid"));
		query.put("Action", List.of("SendMessage"));
		query.put("Format", List.of("JSON"));
		query.put("SignatureMethod", List.of("HMAC-SHA1"));
		query.put("SignatureNonce", List.of("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"));
		query.put("SignatureVersion", List.of("1.0"));
		query.put("Timestamp", List.of("2024-01-01T00:00:00Z"));
		query.put("Version", List.of("2020-04-20"));
		return query;
	}

	private static Map<String, String> v3Headers(String host, String action, String version, String date,
			String nonce, String accessKeyId, String signedHeaders, String signature) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", host);
		headers.put("x-acs-action", action);
		headers.put("x-acs-version", version);
		headers.put("x-acs-date", date);
		headers.put("x-acs-signature-nonce", nonce);
		headers.put("x-acs-content-sha256", EMPTY_SHA256);
		headers.put("Authorization", "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders="
				+ signedHeaders + ",Signature=" + signature);
		return headers;
	}

}
