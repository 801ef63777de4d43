package io.github.mqttsend.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

/**
 * protocol.md's V3, {@code ACS3-HMAC-SHA256}, computed on the receiving side.
 *
 * <pre>
 * CanonicalRequest = METHOD \n "/" \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n BodyHash
 * StringToSign     = "ACS3-HMAC-SHA256\n" + hex(SHA-256(CanonicalRequest))
 * Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 * </pre>
 */
final class Acs3Signature {

	static final String ALGORITHM = "ACS3-HMAC-SHA256";

	private Acs3Signature() {
	}

	/**
	 * @param method the HTTP method
	 * @param path the request path, as signed ({@code /})
	 * @param queryParameters the decoded query parameters, sorted by name
	 * @param signedHeaders the signed headers: lower-case names, sorted, with their values
	 * @param bodyHash the {@code x-acs-content-sha256} value
	 */
	static String canonicalRequest(String method, String path, SortedMap<String, String> queryParameters,
			SortedMap<String, String> signedHeaders, String bodyHash) {
		StringBuilder canonical = new StringBuilder(512);
		canonical.append(method).append('\n').append(path).append('\n');
		canonical.append(PercentCodec.encodePairs(queryParameters)).append('\n');
		for (Map.Entry<String, String> header : signedHeaders.entrySet()) {
			canonical.append(header.getKey()).append(':').append(header.getValue().trim()).append('\n');
		}
		canonical.append('\n').append(String.join(";", signedHeaders.keySet())).append('\n').append(bodyHash);
		return canonical.toString();
	}

	static String stringToSign(String canonicalRequest) {
		return ALGORITHM + "\n" + Hashing.hex(Hashing.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
	}

	static String signature(String stringToSign, String secret) {
		return Hashing.hex(Hashing.hmac("HmacSHA256", secret, stringToSign));
	}

}
