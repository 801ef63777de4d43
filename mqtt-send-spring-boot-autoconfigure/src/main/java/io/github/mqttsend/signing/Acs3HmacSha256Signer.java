package io.github.mqttsend.signing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.github.mqttsend.credentials.Credentials;

/**
 * Signature V3, {@code ACS3-HMAC-SHA256}: what the current official SDKs send by default.
 *
 * <pre>
 * CanonicalRequest = POST \n / \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(SHA-256(body))
 * StringToSign     = "ACS3-HMAC-SHA256\n" + hex(SHA-256(CanonicalRequest))
 * Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 * </pre>
 *
 * Signs {@code host}, every {@code x-acs-*} header, and {@code content-type} when a form body is sent. Only the
 * query string is canonicalised; a form body is covered by {@code x-acs-content-sha256}.
 */
public final class Acs3HmacSha256Signer implements RequestSigner {

	static final String ALGORITHM = "ACS3-HMAC-SHA256";

	static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

	private static final byte[] NO_BODY = new byte[0];

	@Override
	public SignedRequest sign(OpenApiRequest request, Credentials credentials, Instant timestamp, String nonce) {
		String encodedParameters = encodeSorted(request.parameters());
		boolean inQuery = request.placement() == OpenApiRequest.ParameterPlacement.QUERY;
		String canonicalQuery = inQuery ? encodedParameters : "";
		byte[] body = inQuery ? NO_BODY : encodedParameters.getBytes(StandardCharsets.US_ASCII);
		String bodyHash = (body.length == 0) ? EMPTY_BODY_SHA256 : Crypto.hex(Crypto.sha256(body));

		// sorted by name: the canonical order, and the order they are sent in
		SortedMap<String, String> headers = new TreeMap<>();
		headers.put("host", hostHeader(request.endpoint()));
		headers.put("x-acs-action", request.action());
		headers.put("x-acs-version", request.version());
		headers.put("x-acs-date", AcsTimestamp.format(timestamp));
		headers.put("x-acs-signature-nonce", nonce);
		headers.put("x-acs-content-sha256", bodyHash);
		if (credentials.securityToken() != null) {
			headers.put("x-acs-security-token", credentials.securityToken());
			headers.put("x-acs-accesskey-id", credentials.accessKeyId());
		}
		if (!inQuery) {
			headers.put("content-type", FORM_CONTENT_TYPE);
		}

		String signedHeaders = String.join(";", headers.keySet());
		String signature = signature(canonicalRequest(canonicalQuery, headers, bodyHash), credentials.accessKeySecret());

		Map<String, String> sent = new LinkedHashMap<>(headers);
		sent.remove("host"); // the HTTP client sends it from the URI, exactly as signed
		sent.put("authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + ",SignedHeaders="
				+ signedHeaders + ",Signature=" + signature);
		return new SignedRequest(uri(request.endpoint(), canonicalQuery), sent, body);
	}

	@Override
	public SignatureVersion version() {
		return SignatureVersion.V3;
	}

	/**
	 * The canonical request of a {@code POST /} that signs every one of {@code headers}: lower-case names,
	 * sorted, as {@code sign} builds them.
	 */
	static String canonicalRequest(String canonicalQuery, SortedMap<String, String> headers, String bodyHash) {
		StringBuilder canonical = new StringBuilder(512);
		canonical.append("POST\n/\n").append(canonicalQuery).append('\n');
		for (Map.Entry<String, String> header : headers.entrySet()) {
			canonical.append(header.getKey()).append(':').append(header.getValue().trim()).append('\n');
		}
		canonical.append('\n').append(String.join(";", headers.keySet())).append('\n').append(bodyHash);
		return canonical.toString();
	}

	/** {@code hex(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex(SHA-256(canonicalRequest))))}. */
	static String signature(String canonicalRequest, String accessKeySecret) {
		String stringToSign = ALGORITHM + "\n"
				+ Crypto.hex(Crypto.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		return Crypto.hex(Crypto.hmacSha256(accessKeySecret, stringToSign));
	}

	static String encodeSorted(Map<String, String> sortedParameters) {
		StringBuilder out = new StringBuilder(256);
		for (Map.Entry<String, String> parameter : sortedParameters.entrySet()) {
			if (!out.isEmpty()) {
				out.append('&');
			}
			PercentEncoding.encode(parameter.getKey(), out);
			out.append('=');
			PercentEncoding.encode(parameter.getValue(), out);
		}
		return out.toString();
	}

	static URI uri(URI endpoint, String encodedQuery) {
		String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority() + "/";
		return URI.create(encodedQuery.isEmpty() ? base : base + "?" + encodedQuery);
	}

	/** The Host header an HTTP client sends for {@code endpoint}: the port only when it is not the default. */
	static String hostHeader(URI endpoint) {
		int port = endpoint.getPort();
		boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(endpoint.getScheme()) && port == 443)
				|| ("http".equalsIgnoreCase(endpoint.getScheme()) && port == 80);
		return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
	}

}
