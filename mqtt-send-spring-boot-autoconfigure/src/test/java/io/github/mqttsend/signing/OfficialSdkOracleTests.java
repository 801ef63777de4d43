package io.github.mqttsend.signing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.aliyun.tea.TeaRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockserver.model.Header;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.Parameter;

import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.signing.SignedRequests.Authorization;
import io.github.mqttsend.testsupport.SendMessageServer;

import static io.github.mqttsend.signing.SignedRequests.decodeForm;
import static io.github.mqttsend.signing.SignedRequests.decodeQuery;
import static io.github.mqttsend.signing.SignedRequests.signedHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alibaba's own Java SDKs as oracles. Each SDK sends a real SendMessage to an in-process MockServer; the test
 * reads the SDK's timestamp, nonce, headers and parameters off the captured request, signs the same call with
 * our signer and those exact inputs, and requires the same signature.
 * <p>
 * Where an SDK signs something our signer deliberately does not send, two checks together still give an exact
 * equality of signatures:
 * <ol>
 * <li>our building blocks ({@link Acs3HmacSha256Signer#canonicalRequest} and {@link Acs3HmacSha256Signer#signature},
 * or {@link RpcHmacSha1Signer#signature}) over the SDK's own signed set reproduce the signature the SDK sent;</li>
 * <li>our complete {@code sign()}, given the SDK's nonce, time and parameters, sends exactly the SDK's signed set
 * but for the documented difference, and its signature is what the SDK's own signing routine
 * ({@code openapiutil} {@code getAuthorization} / {@code getRPCSignature}) computes for that request.</li>
 * </ol>
 * The differences: tea-openapi V3 also signs {@code x-acs-credentials-provider}; tea-openapi V1 sends
 * {@code Format=json} where we send {@code JSON}; aliyun-java-sdk-core V1 adds {@code RegionId}, which we feed to
 * our signer as a business parameter and then need no second check; aliyun-java-sdk-core V3 signs
 * {@code content-type} on an empty body and puts {@code Action}, {@code Format}, {@code Version} in the query.
 * <p>
 * MockServer decodes the query for us: each test first checks that the decoded {@code Payload} is exactly the one
 * sent, so a capture that altered it would fail rather than compare the wrong thing.
 */
class OfficialSdkOracleTests {

	private static final String ACCESS_KEY_ID = SendMessageServer.ACCESS_KEY_ID;

	private static final String SECRET = SendMessageServer.ACCESS_KEY_SECRET;

	private static final String STS_TOKEN = "CAIS-test-token+/=";

	private static final String INSTANCE_ID = "mqtt-cn-oracle";

	private static final String TOPIC = "oracle/topic";

	private static SendMessageServer server;

	static Stream<String> payloads() {
		return Stream.of("hello world", "aGVsbG8gd29ybGQrLz8=", "你好，世界", "🚀 launch 🎉", "+ / = * ~ %");
	}

	@BeforeAll
	static void startServer() {
		server = new SendMessageServer();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void acceptAll() {
		server.mock().reset();
		server.acceptAll();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void teaOpenApiV3(String payload) throws Exception {
		teaOpenApi(teaConfig(), payload);
		Captured sdk = Captured.only(payload);
		assertThat(sdk.query()).isEqualTo(businessParameters(payload));

		checkV3(sdk, Credentials.of(ACCESS_KEY_ID, SECRET));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void teaOpenApiV3WithSts(String payload) throws Exception {
		teaOpenApi(teaConfig().setSecurityToken(STS_TOKEN), payload);
		Captured sdk = Captured.only(payload);
		assertThat(sdk.headers()).containsEntry("x-acs-security-token", STS_TOKEN)
			.containsEntry("x-acs-accesskey-id", ACCESS_KEY_ID);

		SortedMap<String, String> ours = checkV3(sdk, Credentials.of(ACCESS_KEY_ID, SECRET, STS_TOKEN));
		assertThat(ours).containsKeys("x-acs-security-token", "x-acs-accesskey-id");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void teaOpenApiV1(String payload) throws Exception {
		teaOpenApi(teaConfig().setSignatureAlgorithm("v2"), payload);
		Captured sdk = Captured.only(payload);
		SortedMap<String, String> sdkParameters = new TreeMap<>(sdk.query());
		String sdkSignature = sdkParameters.remove("Signature");
		assertThat(sdkParameters).containsEntry("Format", "json").doesNotContainKey("RegionId");

		// 1. our V1 building block over the SDK's exact parameter set
		assertThat(RpcHmacSha1Signer.signature("POST", Acs3HmacSha256Signer.encodeSorted(sdkParameters), SECRET))
			.isEqualTo(sdkSignature);

		// 2. our signer with the SDK's nonce and time: the same parameters but Format, and a signature the SDK's
		// own routine computes for them
		SignedRequest signed = new RpcHmacSha1Signer().sign(request(businessParameters(payload)),
				Credentials.of(ACCESS_KEY_ID, SECRET), Instant.parse(sdkParameters.get("Timestamp")),
				sdkParameters.get("SignatureNonce"));
		Map<String, String> ourParameters = decodeQuery(signed.uri());
		String ourSignature = ourParameters.remove("Signature");
		Map<String, String> expected = new TreeMap<>(sdkParameters);
		expected.put("Format", "JSON");
		assertThat(ourParameters).isEqualTo(expected);
		assertThat(ourSignature).isEqualTo(com.aliyun.openapiutil.Client.getRPCSignature(ourParameters, "POST", SECRET));
	}

	/** The SDK signs RegionId too: given it as a parameter, our signer sends the SDK's exact request. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void aliyunSdkCoreV1(String payload) throws Exception {
		CommonResponse response = aliyunSdkCore(payload, null);
		assertThat(response.getHttpStatus()).isEqualTo(200);
		Captured sdk = Captured.only(payload);
		SortedMap<String, String> sdkParameters = new TreeMap<>(sdk.query());
		String sdkSignature = sdkParameters.remove("Signature");
		assertThat(sdkParameters).containsEntry("Format", "JSON").containsEntry("RegionId", "cn-hangzhou");

		SortedMap<String, String> business = businessParameters(payload);
		business.put("RegionId", "cn-hangzhou");
		SignedRequest signed = new RpcHmacSha1Signer().sign(request(business), Credentials.of(ACCESS_KEY_ID, SECRET),
				Instant.parse(sdkParameters.get("Timestamp")), sdkParameters.get("SignatureNonce"));
		Map<String, String> ourParameters = decodeQuery(signed.uri());
		assertThat(ourParameters.remove("Signature")).isEqualTo(sdkSignature);
		assertThat(ourParameters).isEqualTo(sdkParameters);
	}

	/**
	 * Not a signature our signer sends (content-type signed over an empty body, Action/Format/Version in the
	 * query), but a second, independent V3 implementation for our canonical request and signature steps.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void aliyunSdkCoreV3BuildingBlocks(String payload) throws Exception {
		aliyunSdkCore(payload, com.aliyuncs.auth.SignatureVersion.V3);
		Captured sdk = Captured.only(payload);
		Authorization authorization = Authorization.parse(sdk.header("authorization"));
		assertThat(authorization.signedHeaders()).contains("content-type");
		assertThat(sdk.query()).containsKeys("Action", "Format", "Version");

		assertThat(ourSignatureOver(sdk, authorization)).isEqualTo(authorization.signature());
	}

	/** Both V3 checks; answers the headers our signer signed. */
	private SortedMap<String, String> checkV3(Captured sdk, Credentials credentials) throws Exception {
		Authorization authorization = Authorization.parse(sdk.header("authorization"));
		assertThat(authorization.credential()).isEqualTo(ACCESS_KEY_ID);
		assertThat(sdk.header("x-acs-content-sha256")).isEqualTo(Acs3HmacSha256Signer.EMPTY_BODY_SHA256);

		// 1. our canonical request and signature steps over the SDK's own signed headers
		assertThat(ourSignatureOver(sdk, authorization)).isEqualTo(authorization.signature());

		// 2. our signer, with the SDK's nonce, time and parameters
		SignedRequest signed = new Acs3HmacSha256Signer().sign(request(new TreeMap<>(sdk.query())), credentials,
				Instant.parse(sdk.header("x-acs-date")), sdk.header("x-acs-signature-nonce"));
		SortedMap<String, String> ours = signedHeaders(signed);
		SortedMap<String, String> sdkSigned = sdk.signedHeaders(authorization);
		assertThat(sdkSigned.remove("x-acs-credentials-provider")).startsWith("static_");
		assertThat(ours).isEqualTo(sdkSigned);
		assertThat(decodeQuery(signed.uri())).isEqualTo(sdk.query());
		// ... whose Authorization is, to the character, what tea-openapi's signing routine computes for it
		assertThat(signed.headers().get("authorization")).isEqualTo(teaAuthorization(signed, credentials));
		return ours;
	}

	@Test
	void formBodySignaturesAreWhatTheSdkRoutinesCompute() throws Exception {
		Credentials credentials = Credentials.of("STS.testid", SECRET, STS_TOKEN);
		for (String payload : payloads().toList()) {
			OpenApiRequest request = new OpenApiRequest(server.endpoint(), "SendMessage", "2020-04-20",
					businessParameters(payload), OpenApiRequest.ParameterPlacement.FORM_BODY);
			Instant now = Instant.parse("2024-01-01T00:00:00Z");

			SignedRequest v3 = new Acs3HmacSha256Signer().sign(request, credentials, now, "nonce-3");
			assertThat(v3.headers().get("authorization")).isEqualTo(teaAuthorization(v3, credentials));

			SignedRequest v1 = new RpcHmacSha1Signer().sign(request, credentials, now, "nonce-1");
			Map<String, String> parameters = decodeQuery(v1.uri());
			String signature = parameters.remove("Signature");
			parameters.putAll(decodeForm(new String(v1.body(), java.nio.charset.StandardCharsets.US_ASCII)));
			assertThat(parameters).containsKeys("SecurityToken", "Payload");
			assertThat(signature).isEqualTo(com.aliyun.openapiutil.Client.getRPCSignature(parameters, "POST", SECRET));
		}
	}

	// ---- our side ----

	private static OpenApiRequest request(SortedMap<String, String> parameters) {
		return new OpenApiRequest(server.endpoint(), "SendMessage", "2020-04-20", parameters,
				OpenApiRequest.ParameterPlacement.QUERY);
	}

	private static SortedMap<String, String> businessParameters(String payload) {
		return new TreeMap<>(Map.of("InstanceId", INSTANCE_ID, "MqttTopic", TOPIC, "Payload", payload));
	}

	/** Our V3 steps over the captured request: its query, the headers it signed, the hash of its (empty) body. */
	private static String ourSignatureOver(Captured sdk, Authorization authorization) {
		String canonical = Acs3HmacSha256Signer.canonicalRequest(
				Acs3HmacSha256Signer.encodeSorted(new TreeMap<>(sdk.query())), sdk.signedHeaders(authorization),
				sdk.header("x-acs-content-sha256"));
		return Acs3HmacSha256Signer.signature(canonical, SECRET);
	}

	/** tea-openapi's own V3 signing routine ({@code openapiutil}) applied to what our signer sends. */
	private static String teaAuthorization(SignedRequest signed, Credentials credentials) throws Exception {
		TeaRequest request = new TeaRequest();
		request.method = "POST";
		request.pathname = "/";
		request.headers = new HashMap<>(signedHeaders(signed));
		request.query = new HashMap<>(decodeQuery(signed.uri()));
		return com.aliyun.openapiutil.Client.getAuthorization(request, "ACS3-HMAC-SHA256",
				signed.headers().get("x-acs-content-sha256"), credentials.accessKeyId(), credentials.accessKeySecret());
	}

	// ---- the SDKs' side ----

	private static Config teaConfig() {
		return new Config().setAccessKeyId(ACCESS_KEY_ID)
			.setAccessKeySecret(SECRET)
			.setRegionId("cn-hangzhou")
			.setEndpoint("127.0.0.1:" + server.mock().getPort())
			.setProtocol("HTTP");
	}

	/** What the generated OnsMqtt SDK's sendMessageWithOptions does. */
	private static void teaOpenApi(Config config, String payload) throws Exception {
		Params params = new Params().setAction("SendMessage")
			.setVersion("2020-04-20")
			.setProtocol("HTTP")
			.setPathname("/")
			.setMethod("POST")
			.setAuthType("AK")
			.setStyle("RPC")
			.setReqBodyType("formData")
			.setBodyType("json");
		com.aliyun.teaopenapi.models.OpenApiRequest request = new com.aliyun.teaopenapi.models.OpenApiRequest()
			.setQuery(com.aliyun.openapiutil.Client.query(new HashMap<>(businessParameters(payload))));
		Map<String, ?> result = new com.aliyun.teaopenapi.Client(config).callApi(params, request, new RuntimeOptions());
		assertThat(result.get("statusCode")).isEqualTo(200);
	}

	private static CommonResponse aliyunSdkCore(String payload, com.aliyuncs.auth.SignatureVersion version)
			throws Exception {
		DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", ACCESS_KEY_ID, SECRET));
		try {
			CommonRequest request = new CommonRequest();
			request.setSysMethod(MethodType.POST);
			request.setSysProtocol(ProtocolType.HTTP);
			request.setSysDomain("127.0.0.1:" + server.mock().getPort());
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

	/** The one request the SDK sent: its decoded query and its headers, names in lower case. */
	record Captured(Map<String, String> query, Map<String, String> headers) {

		static Captured only(String payload) {
			List<HttpRequest> received = server.received();
			assertThat(received).hasSize(1);
			HttpRequest request = received.get(0);
			assertThat(request.getMethod().getValue()).isEqualTo("POST");
			assertThat(request.getPath().getValue()).isEqualTo("/");
			Map<String, String> query = new TreeMap<>();
			for (Parameter parameter : request.getQueryStringParameterList()) {
				assertThat(parameter.getValues()).hasSize(1);
				query.put(parameter.getName().getValue(), parameter.getValues().get(0).getValue());
			}
			Map<String, String> headers = new TreeMap<>();
			for (Header header : request.getHeaderList()) {
				assertThat(header.getValues()).hasSize(1);
				headers.put(header.getName().getValue().toLowerCase(java.util.Locale.ROOT),
						header.getValues().get(0).getValue());
			}
			// the capture decoded the payload back to exactly what the SDK was given
			assertThat(query).containsEntry("Payload", payload);
			return new Captured(query, headers);
		}

		String header(String name) {
			String value = this.headers.get(name);
			assertThat(value).as("header %s", name).isNotNull();
			return value;
		}

		SortedMap<String, String> signedHeaders(Authorization authorization) {
			SortedMap<String, String> signed = new TreeMap<>();
			for (String name : authorization.signedHeaders().split(";")) {
				signed.put(name, header(name));
			}
			return signed;
		}

	}

}
