package io.github.mqttsend.signing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
		Map<String, String> common = new TreeMap<>();
		common.put("AccessKeyId", credentials.accessKeyId());
		common.put("Action", request.action());
		common.put("Format", "JSON");
		common.put("SignatureMethod", "HMAC-SHA1");
		common.put("SignatureNonce", nonce);
		common.put("SignatureVersion", "1.0");
		common.put("Timestamp", AcsTimestamp.format(timestamp));
		common.put("Version", request.version());
		if (credentials.securityToken() != null) {
			common.put("SecurityToken", credentials.securityToken());
		}

		TreeMap<String, String> all = new TreeMap<>(common);
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
		common.put("Signature", signature);
		String query = Acs3HmacSha256Signer.encodeSorted(common);
		byte[] body = Acs3HmacSha256Signer.encodeSorted(request.parameters()).getBytes(StandardCharsets.US_ASCII);
		headers.put("content-type", FORM_CONTENT_TYPE);
		return new SignedRequest(Acs3HmacSha256Signer.uri(request.endpoint(), query), headers, body);
	}

	/**
	 * The V1 signature of a request whose parameters, sorted and percent-encoded, are {@code canonical}.
	 */
	static String signature(String method, String canonical, String accessKeySecret) {
		String stringToSign = method + "&%2F&" + PercentEncoding.encode(canonical);
		return Base64.getEncoder().encodeToString(Crypto.hmacSha1(accessKeySecret + "&", stringToSign));
	}

	@Override
	public SignatureVersion version() {
		return SignatureVersion.V1;
	}

}
