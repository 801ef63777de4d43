package io.github.mqttsend.signing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.signing.SignedRequests.Authorization;

import static io.github.mqttsend.signing.SignedRequests.canonicalRequestOnTheWire;
import static io.github.mqttsend.signing.SignedRequests.decodeForm;
import static io.github.mqttsend.signing.SignedRequests.decodeQuery;
import static io.github.mqttsend.signing.SignedRequests.independentV1Signature;
import static io.github.mqttsend.signing.SignedRequests.independentV3Signature;
import static io.github.mqttsend.signing.SignedRequests.sha256Hex;
import static io.github.mqttsend.signing.SignedRequests.signedHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the "Test vectors" table in {@code protocol.md}, and the wire form of what the signers produce.
 * The expected values are copied from that table, never computed by the code under test.
 */
class SignatureVectorTests {

	static final URI ONSMQTT = URI.create("https://onsmqtt.cn-hangzhou.aliyuncs.com");

	static final Instant NEW_YEAR_2024 = Instant.parse("2024-01-01T00:00:00Z");

	static final String INSTANCE_ID = "post-cn-0pp12gl0000";

	static final String TOPIC = "TopicA/p2p/GID_test@@@device-001";

	static final String BASE64_PAYLOAD = "aGVsbG8gd29ybGQrLz8=";

	static final String STS_TOKEN = "CAIS-test-token+/=";

	static SortedMap<String, String> sendMessageParameters() {
		return sorted("InstanceId", INSTANCE_ID, "MqttTopic", TOPIC, "Payload", BASE64_PAYLOAD);
	}

	static OpenApiRequest sendMessageRequest(SortedMap<String, String> parameters, OpenApiRequest.ParameterPlacement placement) {
		return new OpenApiRequest(ONSMQTT, "SendMessage", "2020-04-20", parameters, placement);
	}

	@Nested
	class V1 {

		@Test
		void officialDescribeRegions() {
			SortedMap<String, String> parameters = sorted("AccessKeyId", "testid", "Action", "DescribeRegions", "Format",
					"XML", "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
					"SignatureVersion", "1.0", "Timestamp", "2016-02-23T12:46:24Z", "Version", "2014-05-26");
			String canonical = Acs3HmacSha256Signer.encodeSorted(parameters);
			assertThat(RpcHmacSha1Signer.signature("GET", canonical, "testsecret"))
				.isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
		}

		@Test
		void officialDescribeDedicatedHosts() {
			SortedMap<String, String> parameters = sorted("AccessKeyId", "testid", "Action", "DescribeDedicatedHosts",
					"Format", "JSON", "RegionId", "cn-beijing", "SignatureMethod", "HMAC-SHA1", "SignatureNonce",
					"edb2b34af0af9a6d14deaf7c1a5315eb", "SignatureVersion", "1.0", "Timestamp", "2023-03-13T08:34:30Z",
					"Version", "2014-05-26");
			String canonical = Acs3HmacSha256Signer.encodeSorted(parameters);
			assertThat(RpcHmacSha1Signer.signature("GET", canonical, "testsecret"))
				.isEqualTo("9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
		}

		/**
		 * The SDK unit-test row: two parameters {@code query=test} and {@code body=test}, GET, secret
		 * {@code secret}. Sorted, that is {@code body=test&query=test}; signed with the key {@code "secret&"}.
		 */
		@Test
		void sdkUnitTest() {
			String canonical = Acs3HmacSha256Signer.encodeSorted(sorted("query", "test", "body", "test"));
			assertThat(canonical).isEqualTo("body=test&query=test");
			assertThat(RpcHmacSha1Signer.signature("GET", canonical, "secret")).isEqualTo("XlUyV4sXjOuX5FnjUz9IF9tm5rU=");
		}

		@Test
		void v1SendMessage() {
			SignedRequest signed = new RpcHmacSha1Signer().sign(
					sendMessageRequest(sendMessageParameters(), OpenApiRequest.ParameterPlacement.QUERY),
					Credentials.of("testid", "testsecret"), NEW_YEAR_2024, "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");

			Map<String, String> query = decodeQuery(signed.uri());
			assertThat(query).containsEntry("Signature", "atnew82yiqam6XxtiO9y4FQo3ik=");
			query.remove("Signature");
			assertThat(query).isEqualTo(v1SendMessageRow());
			assertThat(signed.body()).isEmpty();
		}

		@Test
		void v1SendMessageWithSecurityToken() {
			SignedRequest signed = new RpcHmacSha1Signer().sign(
					sendMessageRequest(sendMessageParameters(), OpenApiRequest.ParameterPlacement.QUERY),
					Credentials.of("testid", "testsecret", STS_TOKEN), NEW_YEAR_2024,
					"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");

			Map<String, String> query = decodeQuery(signed.uri());
			assertThat(query).containsEntry("Signature", "EcP6LEM24/2FQyuTil2mjOXU7I8=");
			query.remove("Signature");
			SortedMap<String, String> expected = v1SendMessageRow();
			expected.put("SecurityToken", STS_TOKEN);
			assertThat(query).isEqualTo(expected);
		}

		private SortedMap<String, String> v1SendMessageRow() {
			return sorted("AccessKeyId", "testid", "Action", "SendMessage", "Format", "JSON", "InstanceId", INSTANCE_ID,
					"MqttTopic", TOPIC, "Payload", BASE64_PAYLOAD, "SignatureMethod", "HMAC-SHA1", "SignatureNonce",
					"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion", "1.0", "Timestamp",
					"2024-01-01T00:00:00Z", "Version", "2020-04-20");
		}

		@Test
		void queryIsPercentEncodedWithoutARawPlus() {
			SignedRequest signed = new RpcHmacSha1Signer().sign(
					sendMessageRequest(sortedPayload("a b*c~d+e/f=g"), OpenApiRequest.ParameterPlacement.QUERY),
					Credentials.of("testid", "testsecret", STS_TOKEN), NEW_YEAR_2024, "n-1");
			String rawQuery = signed.uri().getRawQuery();
			// Base64 signatures and the token hold '+', '/' and '=': a raw '+' would reach the gateway as a space
			assertThat(rawQuery).doesNotContain("+")
				.contains("Payload=a%20b%2Ac~d%2Be%2Ff%3Dg")
				.contains("SecurityToken=CAIS-test-token%2B%2F%3D")
				.contains("Timestamp=2024-01-01T00%3A00%3A00Z");
			assertThat(decodeQuery(signed.uri())).containsEntry("Payload", "a b*c~d+e/f=g");
		}

		/**
		 * With a form body the business parameters travel in the body and the common ones with the Signature in
		 * the query; the signature covers both, so it is the very signature of the same call in the query.
		 */
		@Test
		void v1FormBody() {
			Credentials credentials = Credentials.of("testid", "testsecret");
			SortedMap<String, String> parameters = sortedPayload("你好 a+b");
			RpcHmacSha1Signer signer = new RpcHmacSha1Signer();
			SignedRequest inQuery = signer.sign(sendMessageRequest(parameters, OpenApiRequest.ParameterPlacement.QUERY),
					credentials, NEW_YEAR_2024, "n-1");
			SignedRequest inBody = signer.sign(sendMessageRequest(parameters, OpenApiRequest.ParameterPlacement.FORM_BODY),
					credentials, NEW_YEAR_2024, "n-1");

			Map<String, String> query = decodeQuery(inBody.uri());
			assertThat(query).containsOnlyKeys("AccessKeyId", "Action", "Format", "SignatureMethod", "SignatureNonce",
					"SignatureVersion", "Timestamp", "Version", "Signature");
			String body = new String(inBody.body(), StandardCharsets.US_ASCII);
			assertThat(body).isEqualTo("InstanceId=" + INSTANCE_ID + "&MqttTopic=TopicA%2Fp2p%2FGID_test%40%40%40device-001"
					+ "&Payload=%E4%BD%A0%E5%A5%BD%20a%2Bb");
			assertThat(inBody.headers()).containsEntry("content-type", "application/x-www-form-urlencoded");
			assertThat(inQuery.headers()).doesNotContainKey("content-type");

			assertThat(query.get("Signature")).isEqualTo(decodeQuery(inQuery.uri()).get("Signature"));
			// and, independently: HMAC-SHA1 over query and body parameters together
			Map<String, String> all = new TreeMap<>(query);
			all.remove("Signature");
			all.putAll(decodeForm(body));
			assertThat(query.get("Signature")).isEqualTo(independentV1Signature("POST", all, "testsecret"));
		}

		@Test
		void timestampIsUtcSecondsWithZ() {
			SignedRequest signed = new RpcHmacSha1Signer().sign(
					sendMessageRequest(sendMessageParameters(), OpenApiRequest.ParameterPlacement.QUERY),
					Credentials.of("testid", "testsecret"), Instant.parse("2024-02-29T03:04:05.987654321Z"), "n-1");
			assertThat(decodeQuery(signed.uri())).containsEntry("Timestamp", "2024-02-29T03:04:05Z");
		}

	}

	@Nested
	class V3 {

		/** Alibaba's published RunInstances example: the hashed canonical request and the signature. */
		@Test
		void officialRunInstances() {
			OpenApiRequest request = new OpenApiRequest(URI.create("https://ecs.cn-shanghai.aliyuncs.com"), "RunInstances",
					"2014-05-26", sorted("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId",
							"cn-shanghai"),
					OpenApiRequest.ParameterPlacement.QUERY);
			SignedRequest signed = new Acs3HmacSha256Signer().sign(request,
					Credentials.of("YourAccessKeyId", "YourAccessKeySecret"), Instant.parse("2023-10-26T10:22:32Z"),
					"3156853299f313e23d1673dc12e1703d");

			// the canonical request as a server rebuilds it from what travels
			String canonical = canonicalRequestOnTheWire(signed);
			assertThat(sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
				.isEqualTo("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
			// and as the signer builds it
			assertThat(Acs3HmacSha256Signer.canonicalRequest(signed.uri().getRawQuery(), signedHeaders(signed),
					Acs3HmacSha256Signer.EMPTY_BODY_SHA256))
				.isEqualTo(canonical);
			Authorization authorization = Authorization.of(signed);
			assertThat(authorization.signature())
				.isEqualTo("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
			assertThat(Acs3HmacSha256Signer.signature(canonical, "YourAccessKeySecret"))
				.isEqualTo(authorization.signature());
			assertThat(authorization.credential()).isEqualTo("YourAccessKeyId");
			assertThat(authorization.signedHeaders())
				.isEqualTo("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
		}

		@Test
		void v3SendMessage() {
			SignedRequest signed = new Acs3HmacSha256Signer().sign(
					sendMessageRequest(sendMessageParameters(), OpenApiRequest.ParameterPlacement.QUERY),
					Credentials.of("YourAccessKeyId", "YourAccessKeySecret"), NEW_YEAR_2024,
					"3156853299f313e23d1673dc12e1703d");

			Authorization authorization = Authorization.of(signed);
			assertThat(authorization.signature())
				.isEqualTo("3e9b38c014bf72949532e1aa3bcb235d783b2ef90f30d445faeb5c513d21d223");
			assertThat(authorization.credential()).isEqualTo("YourAccessKeyId");
			assertThat(authorization.signedHeaders())
				.isEqualTo("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
			assertThat(signed.headers()).containsEntry("x-acs-action", "SendMessage")
				.containsEntry("x-acs-version", "2020-04-20")
				.containsEntry("x-acs-date", "2024-01-01T00:00:00Z")
				.containsEntry("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d")
				.doesNotContainKeys("host", "content-type", "x-acs-security-token", "x-acs-accesskey-id");
			assertThat(independentV3Signature(signed, "YourAccessKeySecret")).isEqualTo(authorization.signature());
		}

		@Test
		void v3SendMessageWithSts() {
			SignedRequest signed = new Acs3HmacSha256Signer().sign(
					sendMessageRequest(sendMessageParameters(), OpenApiRequest.ParameterPlacement.QUERY),
					Credentials.of("STS.YourAccessKeyId", "YourAccessKeySecret", STS_TOKEN), NEW_YEAR_2024,
					"3156853299f313e23d1673dc12e1703d");

			Authorization authorization = Authorization.of(signed);
			assertThat(authorization.signature())
				.isEqualTo("5d6cfd8765df128c6d7914f0071c4447714024f5bb7c8de50be21be064bc41e2");
			assertThat(authorization.credential()).isEqualTo("STS.YourAccessKeyId");
			assertThat(authorization.signedHeaders()).isEqualTo("host;x-acs-accesskey-id;x-acs-action;"
					+ "x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version");
			assertThat(signed.headers()).containsEntry("x-acs-security-token", STS_TOKEN)
				.containsEntry("x-acs-accesskey-id", "STS.YourAccessKeyId");
		}

		/** Only the query is canonicalised in V3, so what travels must be exactly the canonical query. */
		@Test
		void uriQueryIsTheCanonicalQuery() {
			SortedMap<String, String> parameters = sorted("InstanceId", INSTANCE_ID, "MqttTopic", "a/b", "Payload",
					"x y*z~+/=%&?#\r\n\0世界🚀");
			SignedRequest signed = new Acs3HmacSha256Signer().sign(
					sendMessageRequest(parameters, OpenApiRequest.ParameterPlacement.QUERY),
					Credentials.of("testid", "testsecret"), NEW_YEAR_2024, "n-1");

			assertThat(signed.uri().getScheme() + "://" + signed.uri().getRawAuthority() + signed.uri().getRawPath())
				.isEqualTo("https://onsmqtt.cn-hangzhou.aliyuncs.com/");
			assertThat(signed.uri().getRawQuery()).isEqualTo("InstanceId=post-cn-0pp12gl0000&MqttTopic=a%2Fb&Payload="
					+ "x%20y%2Az~%2B%2F%3D%25%26%3F%23%0D%0A%00%E4%B8%96%E7%95%8C%F0%9F%9A%80");
			assertThat(signed.uri().getRawFragment()).isNull();
			assertThat(decodeQuery(signed.uri())).isEqualTo(parameters);
			assertThat(signed.body()).isEmpty();
			assertThat(independentV3Signature(signed, "testsecret")).isEqualTo(Authorization.of(signed).signature());
		}

		@Test
		void dateAndEmptyBodyHash() {
			SignedRequest signed = new Acs3HmacSha256Signer().sign(
					sendMessageRequest(sendMessageParameters(), OpenApiRequest.ParameterPlacement.QUERY),
					Credentials.of("testid", "testsecret"), Instant.parse("2024-02-29T03:04:05.987654321Z"), "n-1");
			assertThat(signed.headers()).containsEntry("x-acs-date", "2024-02-29T03:04:05Z");
			assertThat(signed.headers().get("x-acs-content-sha256"))
				.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
				.isEqualTo(sha256Hex(new byte[0]));
		}

		@Test
		void v3FormBody() {
			SignedRequest signed = new Acs3HmacSha256Signer().sign(
					sendMessageRequest(sortedPayload("你好 a+b*~"), OpenApiRequest.ParameterPlacement.FORM_BODY),
					Credentials.of("testid", "testsecret"), NEW_YEAR_2024, "n-1");

			assertThat(signed.uri()).isEqualTo(URI.create("https://onsmqtt.cn-hangzhou.aliyuncs.com/"));
			String body = new String(signed.body(), StandardCharsets.US_ASCII);
			assertThat(body).isEqualTo("InstanceId=" + INSTANCE_ID + "&MqttTopic=TopicA%2Fp2p%2FGID_test%40%40%40device-001"
					+ "&Payload=%E4%BD%A0%E5%A5%BD%20a%2Bb%2A~");
			assertThat(signed.headers()).containsEntry("content-type", "application/x-www-form-urlencoded")
				.containsEntry("x-acs-content-sha256", sha256Hex(signed.body()));
			Authorization authorization = Authorization.of(signed);
			assertThat(authorization.signedHeaders()).isEqualTo("content-type;host;x-acs-action;x-acs-content-sha256;"
					+ "x-acs-date;x-acs-signature-nonce;x-acs-version");
			assertThat(independentV3Signature(signed, "testsecret")).isEqualTo(authorization.signature());
		}

		/** The headers travel in signing order; the Host header is left to the HTTP client, which sends the port. */
		@Test
		void hostHeaderCarriesANonDefaultPort() {
			OpenApiRequest request = new OpenApiRequest(URI.create("http://127.0.0.1:8080"), "SendMessage", "2020-04-20",
					sendMessageParameters(), OpenApiRequest.ParameterPlacement.QUERY);
			SignedRequest signed = new Acs3HmacSha256Signer().sign(request, Credentials.of("testid", "testsecret"),
					NEW_YEAR_2024, "n-1");
			SortedMap<String, String> headers = signedHeaders(signed);
			assertThat(headers).containsEntry("host", "127.0.0.1:8080");
			String canonical = Acs3HmacSha256Signer.canonicalRequest(signed.uri().getRawQuery(), headers,
					Acs3HmacSha256Signer.EMPTY_BODY_SHA256);
			assertThat(Acs3HmacSha256Signer.signature(canonical, "testsecret"))
				.isEqualTo(Authorization.of(signed).signature());
			assertThat(Acs3HmacSha256Signer.hostHeader(URI.create("https://h.example:443"))).isEqualTo("h.example");
			assertThat(Acs3HmacSha256Signer.hostHeader(URI.create("http://h.example:80"))).isEqualTo("h.example");
			assertThat(Acs3HmacSha256Signer.hostHeader(URI.create("https://h.example:8443"))).isEqualTo("h.example:8443");
		}

	}

	static SortedMap<String, String> sortedPayload(String payload) {
		return sorted("InstanceId", INSTANCE_ID, "MqttTopic", TOPIC, "Payload", payload);
	}

	static SortedMap<String, String> sorted(String... namesAndValues) {
		SortedMap<String, String> map = new TreeMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return map;
	}

}
