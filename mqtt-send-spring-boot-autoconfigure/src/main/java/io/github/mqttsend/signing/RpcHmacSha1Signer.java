package io.github.mqttsend.signing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.github.mqttsend.credentials.Credentials;

/**
 * Signature V1, the RPC scheme with HMAC-SHA1 ({@code SignatureVersion=1.0}; newer Alibaba documents call it
 * "V2").
 *
 * <pre>
 * Canonical    = all parameters but Signature, query and form body together, sorted, percent-encoded, joined by &amp;
 * StringToSign = "POST&amp;%2F&amp;" + percentEncode(Canonical)
 * Signature    = Base64(HMAC-SHA1(AccessKeySecret + "&amp;", StringToSign))
 * </pre>
 *
 * The common parameters and the {@code Signature} always travel in the query string; the business parameters
 * travel there too, or in a form body when the request asks for one.
 */
public final class RpcHmacSha1Signer implements RequestSigner {

	private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

	private static final byte[] NO_BODY = new byte[0];

	@Override
	public SignedRequest sign(OpenApiRequest request, Credentials credentials, Instant timestamp, String nonce) {
		String time = AcsTimestamp.format(timestamp);
		// one sorted map of everything signed; business parameters win over common ones, as they always did
		TreeMap<String, String> all = new TreeMap<>();
		putCommon(all, request, credentials, time, nonce);
		all.putAll(request.parameters());
		String canonical = Acs3HmacSha256Signer.encodeSorted(all);
		String signature = signature("POST", canonical, credentials.accessKeySecret());

		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("x-acs-action", request.action());
		headers.put("x-acs-version", request.version());
		if (request.placement() == OpenApiRequest.ParameterPlacement.QUERY) {
			String query = canonical + "&Signature=" + PercentEncoding.encode(signature);
			return new SignedRequest(Acs3HmacSha256Signer.uri(request.endpoint(), query), headers, NO_BODY);
		}
		Map<String, String> common = new TreeMap<>();
		putCommon(common, request, credentials, time, nonce);
		common.put("Signature", signature);
		String query = Acs3HmacSha256Signer.encodeSorted(common);
		byte[] body = Acs3HmacSha256Signer.encodeSorted(request.parameters()).getBytes(StandardCharsets.US_ASCII);
		headers.put("content-type", FORM_CONTENT_TYPE);
		return new SignedRequest(Acs3HmacSha256Signer.uri(request.endpoint(), query), headers, body);
	}

	private static void putCommon(Map<String, String> parameters, OpenApiRequest request, Credentials credentials,
			String time, String nonce) {
		parameters.put("AccessKeyId", credentials.accessKeyId());
		parameters.put("Action", request.action());
		parameters.put("Format", "JSON");
		parameters.put("SignatureMethod", "HMAC-SHA1");
		parameters.put("SignatureNonce", nonce);
		parameters.put("SignatureVersion", "1.0");
		parameters.put("Timestamp", time);
		parameters.put("Version", request.version());
		if (credentials.securityToken() != null) {
			parameters.put("SecurityToken", credentials.securityToken());
		}
	}

	/**
	 * The V1 signature of a request whose parameters, sorted and percent-encoded, are {@code canonical}.
	 */
	static String signature(String method, String canonical, String accessKeySecret) {
		return Base64.getEncoder()
			.encodeToString(Crypto.hmacSha1(accessKeySecret + "&", stringToSignBytes(method, canonical)));
	}

	/** {@code method + "&%2F&" + percentEncode(canonical)}. */
	static String stringToSign(String method, String canonical) {
		return new String(stringToSignBytes(method, canonical), StandardCharsets.UTF_8);
	}

	/**
	 * The UTF-8 bytes of {@code method + "&%2F&" + percentEncode(canonical)}. A canonical string is already
	 * percent-encoded: besides unreserved characters it holds only {@code %}, {@code =} and {@code &}, each
	 * encoded to three bytes, so one pass does it (the general encoder, building a String a character at a time
	 * and then encoding that to UTF-8, was a third of a V1 signature). Anything else goes through the general
	 * encoder.
	 */
	private static byte[] stringToSignBytes(String method, String canonical) {
		int length = canonical.length();
		byte[] out = new byte[method.length() + 5 + 3 * length];
		int n = 0;
		for (int i = 0; i < method.length(); i++) {
			out[n++] = (byte) method.charAt(i);
		}
		out[n++] = '&';
		n = escape(out, n, '2', 'F');
		out[n++] = '&';
		for (int i = 0; i < length; i++) {
			char c = canonical.charAt(i);
			if (PercentEncoding.isUnreserved(c)) {
				out[n++] = (byte) c;
			}
			else if (c == '%') {
				n = escape(out, n, '2', '5');
			}
			else if (c == '=') {
				n = escape(out, n, '3', 'D');
			}
			else if (c == '&') {
				n = escape(out, n, '2', '6');
			}
			else {
				return (method + "&%2F&" + PercentEncoding.encode(canonical)).getBytes(StandardCharsets.UTF_8);
			}
		}
		return Arrays.copyOf(out, n);
	}

	private static int escape(byte[] out, int at, char high, char low) {
		out[at] = '%';
		out[at + 1] = (byte) high;
		out[at + 2] = (byte) low;
		return at + 3;
	}

	@Override
	public SignatureVersion version() {
		return SignatureVersion.V1;
	}

}
