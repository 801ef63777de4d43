package io.github.mqttsend.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockserver.model.Header;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.Parameter;

import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.credentials.StaticCredentialsProvider;
import io.github.mqttsend.signing.SignatureVersion;
import io.github.mqttsend.testsupport.SendMessageServer;
import io.github.mqttsend.testsupport.SignatureVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What SendMessage puts on the wire, checked against real HTTP (an in-process MockServer) for both signature
 * versions, with long-lived keys and with STS credentials. Every request is re-signed by
 * {@link SignatureVerifier}, which shares no code with the signers.
 */
class SendMessageWireTests {

	static final String SECRET = SendMessageServer.ACCESS_KEY_SECRET;

	static final String STS_KEY_ID = "STS.testid";

	/** Shaped like a real STS token: Base64 with {@code + / =}, which must survive the query string. */
	static final String STS_TOKEN = "CAIS+sts/Token+Value==";

	static final String INSTANCE = "post-cn-0pp12gl0000";

	static final String TOPIC = "TopicA/p2p/GID_test@@@device-001";

	static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

	static final int MAX_QUERY = 8 * 1024;

	static final Set<String> BUSINESS = Set.of("InstanceId", "MqttTopic", "Payload");

	static final Set<String> V1_COMMON = Set.of("Format", "Version", "Action", "AccessKeyId", "SignatureMethod",
			"SignatureVersion", "SignatureNonce", "Timestamp", "Signature");

	static SendMessageServer server;

	enum Variant {

		V3_STATIC(SignatureVersion.V3, false), V3_STS(SignatureVersion.V3, true), V1_STATIC(SignatureVersion.V1,
				false), V1_STS(SignatureVersion.V1, true);

		final SignatureVersion version;

		final boolean sts;

		Variant(SignatureVersion version, boolean sts) {
			this.version = version;
			this.sts = sts;
		}

		Credentials credentials() {
			return this.sts ? Credentials.of(STS_KEY_ID, SECRET, STS_TOKEN)
					: Credentials.of(SendMessageServer.ACCESS_KEY_ID, SECRET);
		}

		String accessKeyId() {
			return credentials().accessKeyId();
		}

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

	@ParameterizedTest
	@EnumSource(Variant.class)
	void postsToTheRootWithWhatTheSignatureVersionRequires(Variant variant) {
		client(variant).send(INSTANCE, TOPIC, "hello");

		HttpRequest request = only();
		assertThat(request.getMethod().getValue()).isEqualTo("POST");
		assertThat(request.getPath().getValue()).isEqualTo("/");
		Map<String, String> headers = headers(request);
		Map<String, List<String>> query = query(request);
		if (variant.version == SignatureVersion.V3) {
			assertThat(headers).containsEntry("x-acs-action", "SendMessage")
				.containsEntry("x-acs-version", "2020-04-20")
				.containsEntry("x-acs-content-sha256", EMPTY_SHA256);
			assertThat(headers.get("x-acs-date")).matches(TIMESTAMP);
			assertThat(Duration.between(Instant.parse(headers.get("x-acs-date")), Instant.now()).abs())
				.isLessThan(Duration.ofMinutes(1));
			assertThat(headers.get("x-acs-signature-nonce")).isNotBlank();
			assertThat(headers.get("authorization"))
				.startsWith("ACS3-HMAC-SHA256 Credential=" + variant.accessKeyId() + ",SignedHeaders=")
				.containsPattern(",Signature=[0-9a-f]{64}$");
			if (variant.sts) {
				assertThat(headers).containsEntry("x-acs-security-token", STS_TOKEN);
			}
			else {
				assertThat(headers).doesNotContainKey("x-acs-security-token");
			}
			// V3 carries nothing but the business parameters in the query
			assertThat(query.keySet()).containsExactlyInAnyOrderElementsOf(BUSINESS);
		}
		else {
			Set<String> expected = new HashSet<>(V1_COMMON);
			expected.addAll(BUSINESS);
			if (variant.sts) {
				expected.add("SecurityToken");
			}
			assertThat(query.keySet()).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(query.values()).allSatisfy((values) -> assertThat(values).hasSize(1));
			assertThat(first(query, "Format")).isEqualTo("JSON");
			assertThat(first(query, "Version")).isEqualTo("2020-04-20");
			assertThat(first(query, "Action")).isEqualTo("SendMessage");
			assertThat(first(query, "AccessKeyId")).isEqualTo(variant.accessKeyId());
			assertThat(first(query, "SignatureMethod")).isEqualTo("HMAC-SHA1");
			assertThat(first(query, "SignatureVersion")).isEqualTo("1.0");
			assertThat(first(query, "SignatureNonce")).isNotBlank();
			assertThat(first(query, "Timestamp")).matches(TIMESTAMP);
			assertThat(first(query, "Signature")).matches("[A-Za-z0-9+/]{27}=");
			if (variant.sts) {
				assertThat(first(query, "SecurityToken")).isEqualTo(STS_TOKEN);
			}
			assertThat(headers).doesNotContainKey("authorization").doesNotContainKey("x-acs-security-token");
		}
		assertVerifies(request);
		assertThat(SignatureVerifier.verify(request, "not" + SECRET).matches())
			.as("the verifier tells a wrong secret apart")
			.isFalse();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void timestampIsTheClocksSecondInUtc(Variant variant) {
		Clock clock = Clock.fixed(Instant.parse("2024-03-05T07:08:09.987Z"), ZoneOffset.ofHours(8));
		client(variant, server.clientBuilder().clock(clock)).send(INSTANCE, TOPIC, "hello");

		HttpRequest request = only();
		String timestamp = (variant.version == SignatureVersion.V3) ? headers(request).get("x-acs-date")
				: first(query(request), "Timestamp");
		assertThat(timestamp).isEqualTo("2024-03-05T07:08:09Z");
		assertVerifies(request);
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void businessParametersArriveExactlyAsGiven(Variant variant) {
		String payload = "+ / = * ~ % & ? # space, %2B%20+ a+b=c/d 中文消息 😀🚀 ~end=";
		SendMessageClient client = client(variant);
		client.send(INSTANCE, TOPIC, payload);
		client.send("mqtt-cn-x", "t/a/b", "aGVsbG8gd29ybGQrLz8=");

		List<HttpRequest> received = server.received();
		assertThat(received).hasSize(2);
		assertThat(businessParameters(received.get(0)))
			.isEqualTo(Map.of("InstanceId", INSTANCE, "MqttTopic", TOPIC, "Payload", payload));
		assertThat(businessParameters(received.get(1)))
			.isEqualTo(Map.of("InstanceId", "mqtt-cn-x", "MqttTopic", "t/a/b", "Payload", "aGVsbG8gd29ybGQrLz8="));
		received.forEach(SendMessageWireTests::assertVerifies);
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void everyRequestCarriesAFreshNonce(Variant variant) {
		// a frozen clock: the nonce alone must tell the requests apart
		SendMessageClient client = client(variant,
				server.clientBuilder().clock(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC)));
		int sends = 8;
		for (int i = 0; i < sends; i++) {
			client.send(INSTANCE, TOPIC, "same");
		}

		List<HttpRequest> received = server.received();
		assertThat(received).hasSize(sends);
		Set<String> nonces = new HashSet<>();
		Set<String> signatures = new HashSet<>();
		for (HttpRequest request : received) {
			assertVerifies(request);
			if (variant.version == SignatureVersion.V3) {
				nonces.add(headers(request).get("x-acs-signature-nonce"));
				signatures.add(headers(request).get("authorization"));
			}
			else {
				nonces.add(first(query(request), "SignatureNonce"));
				signatures.add(first(query(request), "Signature"));
			}
		}
		assertThat(nonces).hasSize(sends).doesNotContainNull();
		assertThat(signatures).hasSize(sends);
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void anEmptyBodyComesWithoutContentType(Variant variant) {
		client(variant).send(INSTANCE, TOPIC, "hello");

		HttpRequest request = only();
		assertThat(rawBody(request)).isEmpty();
		assertThat(headers(request)).doesNotContainKey("content-type");
		assertThat(headers(request).getOrDefault("content-length", "0")).isEqualTo("0");
		assertVerifies(request);
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void aQueryPast8KbTravelsInAFormBody(Variant variant) {
		String payload = base64ish(7_000);
		assertThat(businessQueryLength(INSTANCE, TOPIC, payload)).as("test data").isGreaterThan(MAX_QUERY);
		client(variant).send(INSTANCE, TOPIC, payload);

		HttpRequest request = only();
		assertTravelsInFormBody(variant, request);
		assertThat(businessParameters(request))
			.isEqualTo(Map.of("InstanceId", INSTANCE, "MqttTopic", TOPIC, "Payload", payload));
		assertVerifies(request);
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void aNearly64KbPayloadTravelsInAFormBody(Variant variant) {
		String payload = base64ish(63 * 1024);
		client(variant).send(INSTANCE, TOPIC, payload);

		HttpRequest request = only();
		assertTravelsInFormBody(variant, request);
		assertThat(businessParameters(request).get("Payload")).isEqualTo(payload);
		assertVerifies(request);
	}

	@ParameterizedTest
	@EnumSource(value = Variant.class, names = { "V3_STATIC", "V3_STS" })
	void v3KeepsAQueryOfExactly8KbAndMovesOneCharacterMore(Variant variant) {
		// the STS token travels in a header in V3: it does not count
		String atLimit = padToQueryLength(base64ish(3_000), MAX_QUERY);
		String overLimit = atLimit + "A";
		SendMessageClient client = client(variant);
		client.send(INSTANCE, TOPIC, atLimit);
		client.send(INSTANCE, TOPIC, overLimit);

		List<HttpRequest> received = server.received();
		assertThat(received).hasSize(2);
		assertThat(SignatureVerifier.canonicalQuery(query(received.get(0)))).hasSize(MAX_QUERY);
		assertThat(rawBody(received.get(0))).isEmpty();
		assertThat(businessParameters(received.get(0)).get("Payload")).isEqualTo(atLimit);
		assertTravelsInFormBody(variant, received.get(1));
		assertThat(businessParameters(received.get(1)).get("Payload")).isEqualTo(overLimit);
		received.forEach(SendMessageWireTests::assertVerifies);
	}

	@Test
	void theThresholdCountsEncodedCharactersNotJavaCharacters() {
		// 905 characters, each 9 encoded: past 8 KB although far from 8,192 characters
		String chinese = "中".repeat(905);
		assertThat(businessQueryLength(INSTANCE, TOPIC, chinese)).as("test data").isGreaterThan(MAX_QUERY);
		client(Variant.V3_STATIC).send(INSTANCE, TOPIC, chinese);

		HttpRequest request = only();
		assertTravelsInFormBody(Variant.V3_STATIC, request);
		assertThat(businessParameters(request).get("Payload")).isEqualTo(chinese);
		assertVerifies(request);
	}

	@ParameterizedTest
	@EnumSource(value = Variant.class, names = { "V1_STATIC", "V1_STS" })
	void v1CountsItsCommonParametersAndSignatureTowardsTheThreshold(Variant variant) {
		// business parameters alone: 8,100 characters, within 8 KB; the final V1 query is ~250 longer
		String justOver = padToQueryLength("", 8_100);
		// business parameters 7,800: the final query stays under 8 KB whatever the signature's encoding
		String justUnder = padToQueryLength("", 7_800);
		SendMessageClient client = client(variant);
		client.send(INSTANCE, TOPIC, justOver);
		client.send(INSTANCE, TOPIC, justUnder);

		List<HttpRequest> received = server.received();
		assertThat(received).hasSize(2);
		assertTravelsInFormBody(variant, received.get(0));
		assertThat(finalQueryHadItStayed(received.get(0))).isGreaterThan(MAX_QUERY);
		assertThat(rawBody(received.get(1))).isEmpty();
		assertThat(query(received.get(1)).keySet()).containsAll(BUSINESS);
		assertThat(SignatureVerifier.canonicalQuery(query(received.get(1))).length()).isLessThanOrEqualTo(MAX_QUERY);
		assertThat(businessParameters(received.get(0)).get("Payload")).isEqualTo(justOver);
		assertThat(businessParameters(received.get(1)).get("Payload")).isEqualTo(justUnder);
		received.forEach(SendMessageWireTests::assertVerifies);
	}

	@Test
	void aLongStsTokenCountsTowardsTheV1QueryButNotTheV3One() {
		// real STS tokens run to a thousand characters and more
		String token = base64ish(1_200);
		String payload = padToQueryLength("", 7_500);
		Credentials sts = Credentials.of(STS_KEY_ID, SECRET, token);
		server.clientBuilder()
			.signatureVersion(SignatureVersion.V1)
			.credentialsProvider(new StaticCredentialsProvider(sts))
			.build()
			.send(INSTANCE, TOPIC, payload);
		server.clientBuilder()
			.credentialsProvider(new StaticCredentialsProvider(sts))
			.build()
			.send(INSTANCE, TOPIC, payload);

		List<HttpRequest> received = server.received();
		assertThat(received).hasSize(2);
		assertTravelsInFormBody(Variant.V1_STS, received.get(0));
		assertThat(first(query(received.get(0)), "SecurityToken")).isEqualTo(token);
		assertThat(rawBody(received.get(1))).isEmpty();
		assertThat(headers(received.get(1))).containsEntry("x-acs-security-token", token);
		received.forEach(SendMessageWireTests::assertVerifies);
	}

	@Test
	void theHostTheServerSawIsTheHostThatWasSigned() throws IOException {
		int port = server.mock().getPort();
		List<String> hosts = new java.util.ArrayList<>(List.of("127.0.0.1:" + port, "localhost:" + port));
		if (ipv6LoopbackAnswers(port)) {
			hosts.add("[::1]:" + port);
		}
		for (String host : hosts) {
			server.mock().clear(HttpRequest.request().withPath("/"), org.mockserver.model.ClearType.LOG);
			server.clientBuilder().endpoint(URI.create("http://" + host)).build().send(INSTANCE, TOPIC, "hello");

			HttpRequest request = only();
			assertThat(headers(request)).containsEntry("host", host);
			assertThat(signedHeaders(request)).contains("host");
			assertVerifies(request);
			HttpRequest elsewhere = request.clone().replaceHeader(new Header("Host", "onsmqtt.cn-hangzhou.aliyuncs.com"));
			assertThat(SignatureVerifier.verify(elsewhere, SECRET).matches())
				.as("a different Host must not verify: host is signed")
				.isFalse();
		}
		Assumptions.assumeTrue(hosts.size() == 3, "no IPv6 loopback here: [::1] not checked");
	}

	// --- helpers ---

	private static SendMessageClient client(Variant variant) {
		return client(variant, server.clientBuilder());
	}

	private static SendMessageClient client(Variant variant, SendMessageClient.Builder builder) {
		return builder.signatureVersion(variant.version)
			.credentialsProvider(new StaticCredentialsProvider(variant.credentials()))
			.build();
	}

	private static HttpRequest only() {
		List<HttpRequest> received = server.received();
		assertThat(received).hasSize(1);
		return received.get(0);
	}

	private static void assertVerifies(HttpRequest request) {
		SignatureVerifier.Verdict verdict = SignatureVerifier.verify(request, SECRET);
		assertThat(verdict.matches()).as("%s", verdict).isTrue();
	}

	private static void assertTravelsInFormBody(Variant variant, HttpRequest request) {
		Map<String, String> headers = headers(request);
		assertThat(headers.get("content-type")).isEqualTo("application/x-www-form-urlencoded");
		byte[] body = rawBody(request);
		assertThat(body).isNotEmpty();
		assertThat(SignatureVerifier.decodeForm(new String(body, StandardCharsets.US_ASCII)).keySet())
			.containsExactlyInAnyOrderElementsOf(BUSINESS);
		Map<String, List<String>> query = query(request);
		if (variant.version == SignatureVersion.V3) {
			assertThat(query).isEmpty();
			assertThat(headers).containsEntry("x-acs-content-sha256", SignatureVerifier.sha256Hex(body));
			assertThat(signedHeaders(request)).contains("content-type");
		}
		else {
			Set<String> expected = new HashSet<>(V1_COMMON);
			if (variant.sts) {
				expected.add("SecurityToken");
			}
			assertThat(query.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	/** The V1 query had every parameter, the business ones included, stayed in it. */
	private static int finalQueryHadItStayed(HttpRequest request) {
		Map<String, List<String>> all = new TreeMap<>(query(request));
		SignatureVerifier.decodeForm(new String(rawBody(request), StandardCharsets.US_ASCII)).forEach(all::put);
		return SignatureVerifier.canonicalQuery(all).length();
	}

	private static List<String> signedHeaders(HttpRequest request) {
		String authorization = headers(request).get("authorization");
		String signed = authorization.replaceAll(".*SignedHeaders=([^,]*),.*", "$1");
		return List.of(signed.split(";"));
	}

	private static Map<String, String> businessParameters(HttpRequest request) {
		byte[] body = rawBody(request);
		Map<String, List<String>> source = (body.length > 0)
				? SignatureVerifier.decodeForm(new String(body, StandardCharsets.US_ASCII)) : query(request);
		Map<String, String> out = new LinkedHashMap<>();
		source.forEach((name, values) -> {
			if (BUSINESS.contains(name)) {
				assertThat(values).as(name).hasSize(1);
				out.put(name, values.get(0));
			}
		});
		return out;
	}

	static Map<String, List<String>> query(HttpRequest request) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		for (Parameter parameter : request.getQueryStringParameterList()) {
			query.put(parameter.getName().getValue(), parameter.getValues().stream().map((v) -> v.getValue()).toList());
		}
		return query;
	}

	static String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		assertThat(values).as(name).isNotNull().hasSize(1);
		return values.get(0);
	}

	/** Received headers, names case-insensitive. */
	static Map<String, String> headers(HttpRequest request) {
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Header header : request.getHeaderList()) {
			assertThat(header.getValues()).as(header.getName().getValue()).hasSize(1);
			headers.put(header.getName().getValue(), header.getValues().get(0).getValue());
		}
		return headers;
	}

	static byte[] rawBody(HttpRequest request) {
		byte[] body = request.getBodyAsRawBytes();
		return (body != null) ? body : new byte[0];
	}

	/** Base64-looking text dense in {@code + / =}: each of those takes three characters in a URL. */
	static String base64ish(int length) {
		String pattern = "aGVsbG8+/w==";
		StringBuilder out = new StringBuilder(length);
		while (out.length() < length) {
			out.append(pattern.charAt(out.length() % pattern.length()));
		}
		return out.toString();
	}

	static int businessQueryLength(String instanceId, String topic, String payload) {
		Map<String, List<String>> parameters = new TreeMap<>();
		parameters.put("InstanceId", List.of(instanceId));
		parameters.put("MqttTopic", List.of(topic));
		parameters.put("Payload", List.of(payload));
		return SignatureVerifier.canonicalQuery(parameters).length();
	}

	/** {@code prefix} followed by as many {@code A} as make the business query exactly {@code length} long. */
	static String padToQueryLength(String prefix, int length) {
		int missing = length - businessQueryLength(INSTANCE, TOPIC, prefix);
		assertThat(missing).as("test data").isNotNegative();
		String payload = prefix + "A".repeat(missing);
		assertThat(businessQueryLength(INSTANCE, TOPIC, payload)).isEqualTo(length);
		return payload;
	}

	private static boolean ipv6LoopbackAnswers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
