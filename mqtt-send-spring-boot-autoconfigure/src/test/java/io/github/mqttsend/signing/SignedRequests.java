package io.github.mqttsend.signing;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading signed requests back as a server would, and an independent reading of {@code protocol.md} that shares
 * no code with the signers (JDK {@link URLEncoder}, {@link MessageDigest} and {@link Mac} only).
 */
final class SignedRequests {

	private SignedRequests() {
	}

	record Authorization(String credential, String signedHeaders, String signature) {

		static Authorization of(SignedRequest signed) {
			return parse(signed.headers().get("authorization"));
		}

		static Authorization parse(String header) {
			assertThat(header).startsWith("ACS3-HMAC-SHA256 ");
			Map<String, String> fields = new LinkedHashMap<>();
			for (String field : header.substring("ACS3-HMAC-SHA256 ".length()).split(",")) {
				int eq = field.indexOf('=');
				fields.put(field.substring(0, eq).trim(), field.substring(eq + 1).trim());
			}
			assertThat(fields).containsOnlyKeys("Credential", "SignedHeaders", "Signature");
			return new Authorization(fields.get("Credential"), fields.get("SignedHeaders"), fields.get("Signature"));
		}

	}

	/** The headers a V3 request signs: those it sends but the Authorization, and the Host its URI implies. */
	static SortedMap<String, String> signedHeaders(SignedRequest signed) {
		SortedMap<String, String> headers = new TreeMap<>(signed.headers());
		headers.remove("authorization");
		headers.put("host", signed.uri().getRawAuthority());
		return headers;
	}

	/** The canonical request a server rebuilds from a signed request: its URI, its signed headers, its body. */
	static String canonicalRequestOnTheWire(SignedRequest signed) {
		Authorization authorization = Authorization.of(signed);
		StringBuilder canonical = new StringBuilder("POST\n/\n");
		canonical.append(signed.uri().getRawQuery() == null ? "" : signed.uri().getRawQuery()).append('\n');
		for (String name : authorization.signedHeaders().split(";")) {
			String value = name.equals("host") ? signed.uri().getRawAuthority() : signed.headers().get(name);
			assertThat(value).as("signed header %s is sent", name).isNotNull();
			canonical.append(name).append(':').append(value.trim()).append('\n');
		}
		canonical.append('\n').append(authorization.signedHeaders()).append('\n').append(sha256Hex(signed.body()));
		return canonical.toString();
	}

	static String independentV3Signature(SignedRequest signed, String secret) {
		String stringToSign = "ACS3-HMAC-SHA256\n"
				+ sha256Hex(canonicalRequestOnTheWire(signed).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(hmac("HmacSHA256", secret, stringToSign));
	}

	static String independentV1Signature(String method, Map<String, String> parameters, String secret) {
		StringBuilder canonical = new StringBuilder();
		new TreeMap<>(parameters).forEach((name, value) -> canonical.append(canonical.isEmpty() ? "" : "&")
			.append(rfc3986(name)).append('=').append(rfc3986(value)));
		String stringToSign = method + "&" + rfc3986("/") + "&" + rfc3986(canonical.toString());
		return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret + "&", stringToSign));
	}

	static String rfc3986(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

	static byte[] hmac(String algorithm, String key, String data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sha256Hex(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The query of {@code uri} decoded; a raw '+' is left a '+' so that one would show up as a mismatch. */
	static Map<String, String> decodeQuery(URI uri) {
		return decodeForm(uri.getRawQuery());
	}

	static Map<String, String> decodeForm(String form) {
		Map<String, String> decoded = new TreeMap<>();
		if (form == null || form.isEmpty()) {
			return decoded;
		}
		for (String pair : form.split("&")) {
			int eq = pair.indexOf('=');
			String previous = decoded.put(percentDecode(pair.substring(0, eq)), percentDecode(pair.substring(eq + 1)));
			assertThat(previous).as("parameter %s sent once", pair).isNull();
		}
		return decoded;
	}

	static String percentDecode(String encoded) {
		return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
	}


}
