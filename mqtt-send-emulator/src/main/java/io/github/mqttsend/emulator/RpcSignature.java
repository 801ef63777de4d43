package io.github.mqttsend.emulator;

import java.util.Base64;
import java.util.SortedMap;

/**
 * protocol.md's V1, the RPC scheme with HMAC-SHA1, computed on the receiving side.
 *
 * <pre>
 * Canonical    = every parameter but Signature, query and form body together, sorted, encoded, joined with &amp;
 * StringToSign = METHOD + "&amp;" + percentEncode("/") + "&amp;" + percentEncode(Canonical)
 * Signature    = Base64(HMAC-SHA1(AccessKeySecret + "&amp;", StringToSign))
 * </pre>
 */
final class RpcSignature {

	private RpcSignature() {
	}

	/** @param parameters every parameter but {@code Signature}, decoded, sorted by name */
	static String stringToSign(String method, SortedMap<String, String> parameters) {
		return method + "&" + PercentCodec.encode("/") + "&" + PercentCodec.encode(PercentCodec.encodePairs(parameters));
	}

	static String signature(String stringToSign, String secret) {
		return Base64.getEncoder().encodeToString(Hashing.hmac("HmacSHA1", secret + "&", stringToSign));
	}

}
