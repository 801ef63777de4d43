package io.github.mqttsend.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.mockserver.model.Format;
import org.mockserver.model.Header;
import org.mockserver.model.HttpRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.MqttSendValidationException;
import io.github.mqttsend.PayloadEncoding;
import io.github.mqttsend.SendRequest;
import io.github.mqttsend.signing.SignatureVersion;
import io.github.mqttsend.testsupport.SendMessageServer;
import io.github.mqttsend.testsupport.SignatureVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockserver.model.HttpRequest.request;

/**
 * Input cannot reach the wire unescaped. Topics, payloads and instance IDs full of {@code & = ? # % + /}, CR, LF,
 * NUL, non-ASCII and lone UTF-16 surrogates are sent through the template to MockServer, with both signature
 * versions and payloads long enough to move into the form body. Each outcome is checked against a judgement made
 * here, independently of the starter's rules and encoder: what the API cannot take is refused locally and nothing
 * arrives; everything else arrives once, decodes (by MockServer and by the test's own form decoder) to exactly
 * the generated values, and its signature, recomputed from what arrived, verifies with {@link SignatureVerifier}.
 */
class WireEscapingProperties {

	static final String[] NASTY = { "&", "=", "?", "!", "#", "%", "+", "/", "\r", "\n", "\r\n", "\0", " ", "*", "~", "@",
			"%20", "%2B", "&MqttTopic=x", "é", "中", "🚀", "\uDBFF\uDC00" };

	static final String[] LONE_SURROGATES = { "\uD800", "\uDBFF", "\uDC00", "\uDFFF" };

	static final String LETTERS = "abcXYZ0189-_.";

	static final Pattern TOPIC_LEVEL = Pattern.compile("[0-9A-Za-z_-]+");

	static final Pattern CLIENT_ID = Pattern.compile("[0-9A-Za-z_@-]+");

	static final Pattern INSTANCE_ID = Pattern.compile("[0-9A-Za-z_.-]{1,64}");

	static SendMessageServer server;

	@BeforeContainer
	static void start() {
		server = new SendMessageServer();
	}

	@AfterContainer
	static void stop() {
		server.close();
	}

	@Provide
	Arbitrary<String> topics() {
		Arbitrary<String> level = Arbitraries.strings().withChars("abcdefXYZ0123456789-_").ofMinLength(1).ofMaxLength(10);
		Arbitrary<String> valid = Arbitraries.oneOf(level.list().ofMinSize(1).ofMaxSize(4).map((l) -> String.join("/", l)),
				Combinators.combine(level, level, level).as((p, g, d) -> p + "/p2p/GID_" + g + "@@@" + d));
		return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(1, inject(valid)));
	}

	@Provide
	Arbitrary<String> instanceIds() {
		Arbitrary<String> valid = Arbitraries.strings().withChars("abcdefghijklmnop0123456789").ofMinLength(4).ofMaxLength(12)
			.map((suffix) -> "mqtt-cn-" + suffix);
		return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(1, inject(valid)));
	}

	@Provide
	Arbitrary<String> payloads() {
		Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(NASTY)),
				Tuple.of(2, Arbitraries.strings().withChars(LETTERS).ofMinLength(1).ofMaxLength(8)));
		Arbitrary<String> shortOnes = piece.list().ofMinSize(1).ofMaxSize(40).map((pieces) -> String.join("", pieces));
		// past 8 KB of query string the parameters move into a form body
		Arbitrary<String> longOnes = shortOnes.map((s) -> s.repeat(Math.max(1, 9000 / Math.max(1, s.length()))));
		Arbitrary<String> withLoneSurrogate = Combinators.combine(shortOnes, Arbitraries.of(LONE_SURROGATES),
				Arbitraries.integers().between(0, 400))
			.as((text, lone, at) -> text.substring(0, Math.min(at, text.length())) + lone
					+ text.substring(Math.min(at, text.length())));
		return Arbitraries.frequencyOf(Tuple.of(6, shortOnes), Tuple.of(2, longOnes), Tuple.of(1, withLoneSurrogate));
	}

	private static Arbitrary<String> inject(Arbitrary<String> valid) {
		return Combinators.combine(valid, Arbitraries.oneOf(Arbitraries.of(NASTY), Arbitraries.of(LONE_SURROGATES)),
				Arbitraries.integers().between(0, 64))
			.as((value, nasty, at) -> value.substring(0, Math.min(at, value.length())) + nasty
					+ value.substring(Math.min(at, value.length())));
	}

	@Property(tries = 200)
	void everyValueTravelsPercentEncodedAndVerifiesOrIsRefusedLocally(@ForAll("topics") String topic,
			@ForAll("payloads") String payload, @ForAll("instanceIds") String instanceId,
			@ForAll SignatureVersion version) {
		server.mock().reset();
		server.acceptAll();
		MqttSendTemplate template = new MqttSendTemplate(server.clientBuilder().signatureVersion(version).build(),
				"mqtt-cn-default", PayloadEncoding.RAW, JsonMapper.shared(), Runnable::run);

		Throwable thrown = catchThrowable(() -> template
			.send(SendRequest.builder(topic).payload(payload).instanceId(instanceId).build()));
		List<HttpRequest> arrived = server.received();
		List<Map<String, List<String>>> arrivedQueries = recordedQueries();

		boolean sendable = sendable(topic, payload, instanceId);
		Statistics.label("outcome").collect(sendable ? "sent" : "refused");
		Statistics.label("outcome").coverage((coverage) -> {
			coverage.check("sent").percentage((p) -> p >= 15);
			coverage.check("refused").percentage((p) -> p >= 15);
		});
		Statistics.label("placement").coverage((coverage) -> coverage.check("form body").count((n) -> n >= 3));
		if (!sendable) {
			Statistics.label("refused").collect((thrown instanceof MqttSendValidationException invalid) ? invalid.getField() : "-");
			assertThat(thrown).as("refused locally").isInstanceOf(MqttSendValidationException.class);
			assertThat(arrived).as("nothing on the wire").isEmpty();
			return;
		}
		assertThat(thrown).as("sent").isNull();
		assertThat(arrived).hasSize(1);
		HttpRequest request = arrived.get(0);
		byte[] body = request.getBodyAsRawBytes();
		Statistics.label("placement").collect((body != null && body.length > 0) ? "form body" : "query");
		Map<String, List<String>> query = arrivedQueries.get(0);
		Map<String, List<String>> parameters = parameters(query, body);
		assertThat(parameters.get("InstanceId")).containsExactly(instanceId);
		assertThat(parameters.get("MqttTopic")).containsExactly(topic);
		assertThat(parameters.get("Payload")).containsExactly(payload);
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Header header : request.getHeaderList()) {
			headers.put(header.getName().getValue(),
					String.join(",", header.getValues().stream().map((value) -> value.getValue()).toList()));
		}
		byte[] bytes = (body != null) ? body : new byte[0];
		SignatureVerifier.Verdict verdict = (version == SignatureVersion.V3)
				? SignatureVerifier.verifyV3("POST", "/", query, headers, bytes, SendMessageServer.ACCESS_KEY_SECRET)
				: SignatureVerifier.verifyV1("POST", query, headers, bytes, SendMessageServer.ACCESS_KEY_SECRET);
		assertThat(verdict.matches()).as(verdict.toString()).isTrue();
	}

	/**
	 * The query parameters of each recorded request, as MockServer decoded them on arrival, read from its JSON:
	 * its Java model would drop a leading '?' or '!' from a value (its "optional" and "not" markers).
	 */
	private static List<Map<String, List<String>>> recordedQueries() {
		JsonNode recorded = JsonMapper.shared().readTree(server.mock().retrieveRecordedRequests(request(), Format.JSON));
		List<Map<String, List<String>>> queries = new ArrayList<>();
		for (JsonNode one : recorded) {
			Map<String, List<String>> query = new LinkedHashMap<>();
			JsonNode parameters = one.path("queryStringParameters");
			for (String name : parameters.propertyNames()) {
				List<String> values = new ArrayList<>();
				parameters.get(name).forEach((value) -> values.add(value.asString()));
				query.put(name, values);
			}
			queries.add(query);
		}
		return queries;
	}

	/** What arrived, query and form body together, decoded without the starter's code. */
	private static Map<String, List<String>> parameters(Map<String, List<String>> query, byte[] body) {
		Map<String, List<String>> all = new LinkedHashMap<>();
		query.forEach((name, values) -> all.computeIfAbsent(name, (n) -> new ArrayList<>()).addAll(values));
		if (body != null && body.length > 0) {
			// a form body is plain ASCII: every byte outside A-Z a-z 0-9 - _ . ~ must be %XX
			String form = new String(body, StandardCharsets.ISO_8859_1);
			assertThat(form).matches("[A-Za-z0-9._~%=&-]*");
			SignatureVerifier.decodeForm(form).forEach((name, values) -> all.computeIfAbsent(name, (n) -> new ArrayList<>()).addAll(values));
		}
		return all;
	}

	/**
	 * The test's own judgement, from the API's documented rules: instance IDs of 0-9 a-z A-Z - _ . (at most 64);
	 * topics of 3-64 characters, levels of 0-9 a-z A-Z - _ between '/', '@' only in a point-to-point client ID;
	 * payloads that are not blank, encode to UTF-8 (no lone surrogate) and stay within 64 KB.
	 */
	static boolean sendable(String topic, String payload, String instanceId) {
		if (!INSTANCE_ID.matcher(instanceId).matches()) {
			return false;
		}
		if (topic.length() < 3 || topic.length() > 64) {
			return false;
		}
		String[] levels = topic.split("/", -1);
		boolean pointToPoint = levels.length == 3 && levels[1].equals("p2p");
		for (int i = 0; i < levels.length; i++) {
			Pattern allowed = (pointToPoint && i == 2) ? CLIENT_ID : TOPIC_LEVEL;
			if (!allowed.matcher(levels[i]).matches()) {
				return false;
			}
		}
		if (payload.isBlank()) {
			return false;
		}
		if (!StandardCharsets.UTF_8.newEncoder().canEncode(payload)) {
			return false;
		}
		return payload.getBytes(StandardCharsets.UTF_8).length <= 64 * 1024;
	}

}
