package io.github.mqttsend.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.signing.Acs3HmacSha256Signer;
import io.github.mqttsend.signing.OpenApiRequest;
import io.github.mqttsend.signing.RpcHmacSha1Signer;
import io.github.mqttsend.signing.SignedRequest;

/**
 * Requests to the emulator signed by the starter's signers (an implementation independent of the emulator's
 * verifier) and sent with the JDK's HTTP client, optionally altered on the way: the client side of the tests
 * that check what the emulator refuses.
 */
final class SignedCalls {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private SignedCalls() {
	}

	/** The answer: status, the JSON's fields, and the raw body. */
	record Answer(int status, Map<String, Object> json, String body) {

		String code() {
			return (String) this.json.get("Code");
		}

	}

	static TreeMap<String, String> parameters(String instanceId, String topic, String payload) {
		TreeMap<String, String> parameters = new TreeMap<>();
		parameters.put("InstanceId", instanceId);
		parameters.put("MqttTopic", topic);
		parameters.put("Payload", payload);
		return parameters;
	}

	static SignedRequest v3(URI endpoint, TreeMap<String, String> parameters, Credentials credentials, Instant time,
			String nonce, OpenApiRequest.ParameterPlacement placement) {
		return new Acs3HmacSha256Signer().sign(
				new OpenApiRequest(endpoint, "SendMessage", "2020-04-20", parameters, placement), credentials, time, nonce);
	}

	static SignedRequest v1(URI endpoint, TreeMap<String, String> parameters, Credentials credentials, Instant time,
			String nonce, OpenApiRequest.ParameterPlacement placement) {
		return new RpcHmacSha1Signer().sign(
				new OpenApiRequest(endpoint, "SendMessage", "2020-04-20", parameters, placement), credentials, time, nonce);
	}

	static SignedRequest v3(MqttSendEmulator emulator, String topic, String payload) {
		return v3(emulator.endpoint(), parameters(emulator.instanceId(), topic, payload), credentials(emulator),
				Instant.now(), nonce(), OpenApiRequest.ParameterPlacement.QUERY);
	}

	static SignedRequest v1(MqttSendEmulator emulator, String topic, String payload) {
		return v1(emulator.endpoint(), parameters(emulator.instanceId(), topic, payload), credentials(emulator),
				Instant.now(), nonce(), OpenApiRequest.ParameterPlacement.QUERY);
	}

	static Credentials credentials(MqttSendEmulator emulator) {
		return Credentials.of(emulator.accessKeyId(), emulator.accessKeySecret());
	}

	static String nonce() {
		return UUID.randomUUID().toString();
	}

	static Answer send(SignedRequest signed) {
		return send(signed, UnaryOperator.identity());
	}

	/** Sends {@code signed}, letting {@code alter} change the request (URI, headers, body) first. */
	static Answer send(SignedRequest signed, UnaryOperator<SignedRequest> alter) {
		SignedRequest request = alter.apply(signed);
		HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
			.POST((request.body().length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(request.body()));
		request.headers().forEach(builder::header);
		try {
			HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			@SuppressWarnings("unchecked")
			Map<String, Object> json = JsonMapper.shared().readValue(response.body(), Map.class);
			return new Answer(response.statusCode(), json, response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code signed} with one header replaced (or added). */
	static SignedRequest withHeader(SignedRequest signed, String name, String value) {
		Map<String, String> headers = new TreeMap<>(signed.headers());
		headers.put(name, value);
		return new SignedRequest(signed.uri(), headers, signed.body());
	}

	/** {@code signed} without a header. */
	static SignedRequest withoutHeader(SignedRequest signed, String name) {
		Map<String, String> headers = new TreeMap<>(signed.headers());
		headers.remove(name);
		return new SignedRequest(signed.uri(), headers, signed.body());
	}

	/** {@code signed} with its raw query string rewritten by {@code rewrite}. */
	static SignedRequest withQuery(SignedRequest signed, UnaryOperator<String> rewrite) {
		URI uri = signed.uri();
		return new SignedRequest(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/?"
				+ rewrite.apply(uri.getRawQuery())), signed.headers(), signed.body());
	}

}
