package io.github.mqttsend.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.signing.Acs3HmacSha256Signer;
import io.github.mqttsend.signing.OpenApiRequest;
import io.github.mqttsend.signing.SignedRequest;

/**
 * The one SendMessage every benchmark sends: the same instance, topic, payload and (fake) key pair for the
 * starter, both official SDKs and the raw-HTTP rows.
 */
public final class Fixture {

	public static final String ACCESS_KEY_ID = "LTAI5tBenchmarkKeyId0001";

	public static final String ACCESS_KEY_SECRET = "BenchmarkSecretNotARealOne0123456789";

	public static final String REGION_ID = "cn-hangzhou";

	public static final String INSTANCE_ID = "mqtt-cn-0pp12gl0000";

	/** A point-to-point topic: {@code @} and {@code /} need percent-encoding. */
	public static final String TOPIC = "alerts/p2p/GID_pump@@@pump-0042";

	/** A small JSON alert, sent as it is (the starter's default {@code raw} encoding). */
	public static final String PAYLOAD = "{\"device\":\"pump-0042\",\"level\":\"high\",\"pressure\":4.72,"
			+ "\"message\":\"outlet pressure above limit\",\"ts\":1764320000}";

	public static final String ACTION = "SendMessage";

	public static final String VERSION = "2020-04-20";

	public static final Credentials CREDENTIALS = Credentials.of(ACCESS_KEY_ID, ACCESS_KEY_SECRET);

	private Fixture() {
	}

	/** The business parameters, as a generated OnsMqtt SDK would put them in the query. */
	public static Map<String, Object> businessParameters() {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("InstanceId", INSTANCE_ID);
		parameters.put("MqttTopic", TOPIC);
		parameters.put("Payload", PAYLOAD);
		return parameters;
	}

	/**
	 * One SendMessage signed once by the starter's V3 signer: what the raw-HTTP rows send every time (the same
	 * bytes for the JDK HttpClient and the socket floor; no signing in the loop).
	 */
	public static SignedRequest presigned(String endpoint) {
		TreeMap<String, String> parameters = new TreeMap<>();
		parameters.put("InstanceId", INSTANCE_ID);
		parameters.put("MqttTopic", TOPIC);
		parameters.put("Payload", PAYLOAD);
		OpenApiRequest request = new OpenApiRequest(URI.create(endpoint), ACTION, VERSION, parameters,
				OpenApiRequest.ParameterPlacement.QUERY);
		return new Acs3HmacSha256Signer().sign(request, CREDENTIALS, Instant.now(), "0123456789abcdef0123456789abcdef");
	}

	/** The presigned request as HTTP/1.1 bytes: request line, Host, the signed headers, an empty body. */
	public static byte[] presignedBytes(String endpoint) {
		SignedRequest signed = presigned(endpoint);
		URI uri = signed.uri();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", uri.getRawAuthority());
		headers.putAll(signed.headers());
		headers.put("Content-Length", "0");
		StringBuilder out = new StringBuilder(1024);
		out.append("POST ").append(uri.getRawPath()).append('?').append(uri.getRawQuery()).append(" HTTP/1.1\r\n");
		headers.forEach((name, value) -> out.append(name).append(": ").append(value).append("\r\n"));
		out.append("\r\n");
		return out.toString().getBytes(StandardCharsets.US_ASCII);
	}

}
