package io.github.mqttsend.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Checks a SendMessage request the way protocol.md describes the gateway: the signature (V3
 * {@code ACS3-HMAC-SHA256} or V1 HMAC-SHA1) against the configured key pairs, the timestamp within 15 minutes of
 * the clock, the nonce unused within 15 minutes, the STS token of temporary keys, and the action and version.
 * Written from the protocol, independently of the starter's signers. Thread-safe.
 * <p>
 * Codes: {@code IncompleteSignature} (no or malformed signature, an unsigned {@code x-acs-*} header, wrong {@code SignatureMethod}/{@code SignatureVersion}, a missing signing parameter),
 * {@code InvalidAccessKeyId.NotFound} (404), {@code InvalidTimeStamp.Format}, {@code InvalidTimeStamp.Expired},
 * {@code SignatureDoesNotMatch} (also for a body that is not what {@code x-acs-content-sha256} says),
 * {@code SignatureNonceUsed}, {@code CheckAccountInfoFailed} (an STS key without its token, or with another: the
 * operation's documented code for STS token failures), {@code ApiNotSupport} (404: another action, version or
 * path).
 */
final class RequestVerifier {

	static final String ACTION = "SendMessage";

	static final String VERSION = "2020-04-20";

	static final Duration CLOCK_WINDOW = Duration.ofMinutes(15);

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
		.withResolverStyle(ResolverStyle.STRICT)
		.withZone(java.time.ZoneOffset.UTC);

	private final Map<String, AccessKey> keys;

	private final Clock clock;

	private final NonceCache nonces = new NonceCache(CLOCK_WINDOW);

	RequestVerifier(List<AccessKey> keys, Clock clock) {
		Map<String, AccessKey> byId = new LinkedHashMap<>();
		keys.forEach((key) -> byId.put(key.id(), key));
		this.keys = Map.copyOf(byId);
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * @return the verified call
	 * @throws ServiceError the refusal, with the gateway's code
	 */
	VerifiedCall verify(IncomingRequest request) {
		String method = request.method();
		if (!method.equals("POST") && !method.equals("GET")) {
			throw new ServiceError("ApiNotSupport", "SendMessage is called with POST /, not " + method + ".");
		}
		if (!request.rawPath().equals("/")) {
			throw new ServiceError("ApiNotSupport", "SendMessage is called with POST /, not POST " + request.rawPath() + ".");
		}
		TreeMap<String, String> query = PercentCodec.decodeParameters(request.rawQuery());
		TreeMap<String, String> all = new TreeMap<>(query);
		if (request.hasFormBody()) {
			PercentCodec.decodeParameters(new String(request.body(), StandardCharsets.UTF_8)).forEach((name, value) -> {
				if (all.put(name, value) != null) {
					throw new ServiceError("ParameterCheckFailed",
							"The parameter " + name + " is both in the query string and in the body.");
				}
			});
		}
		String authorization = request.header("authorization");
		if (authorization != null && !authorization.isBlank()) {
			return verifyV3(request, authorization, query, all);
		}
		if (all.containsKey("Signature")) {
			return verifyV1(request, all);
		}
		throw new ServiceError("IncompleteSignature", "The request signature does not conform to Aliyun standards: "
				+ "it has neither an ACS3-HMAC-SHA256 Authorization header nor a Signature parameter.");
	}

	private VerifiedCall verifyV3(IncomingRequest request, String authorization, SortedMap<String, String> query,
			TreeMap<String, String> all) {
		Authorization auth = Authorization.parse(authorization);
		checkAction(request.header("x-acs-action"), request.header("x-acs-version"));
		AccessKey key = key(auth.credential());
		checkTimestamp(required(request, "x-acs-date"), "x-acs-date");
		String nonce = required(request, "x-acs-signature-nonce");
		String bodyHash = required(request, "x-acs-content-sha256");

		// every x-acs-* header must be signed; host is signed when listed (aliyun-java-sdk-core's V3 leaves it
		// out, and Alibaba's own SDK is accepted by the service)
		TreeSet<String> mustSign = new TreeSet<>();
		request.headers().keySet().stream().filter((name) -> name.startsWith("x-acs-")).forEach(mustSign::add);
		mustSign.removeAll(auth.signedHeaders());
		if (!mustSign.isEmpty()) {
			throw new ServiceError("IncompleteSignature",
					"The request signature does not conform to Aliyun standards: SignedHeaders must list every "
							+ "x-acs-* header sent, but leaves out " + String.join(", ", mustSign) + ".");
		}
		TreeMap<String, String> signed = new TreeMap<>();
		for (String name : auth.signedHeaders()) {
			String value = request.header(name);
			if (value == null) {
				throw new ServiceError("IncompleteSignature",
						"The request signature does not conform to Aliyun standards: the signed header " + name
								+ " is not in the request.");
			}
			signed.put(name, value);
		}
		if (!bodyHash.equals(Hashing.hex(Hashing.sha256(request.body())))) {
			throw new ServiceError("SignatureDoesNotMatch",
					"Specified signature does not match our calculation: x-acs-content-sha256 is not the SHA-256 of the body.");
		}
		String stringToSign = Acs3Signature.stringToSign(
				Acs3Signature.canonicalRequest(request.method(), "/", query, signed, bodyHash));
		if (!Hashing.same(Acs3Signature.signature(stringToSign, key.secret()), auth.signature())) {
			throw signatureDoesNotMatch(stringToSign);
		}
		checkSecurityToken(key, request.header("x-acs-security-token"));
		useNonce(key, nonce);
		return new VerifiedCall(key.id(), SignatureVersion.V3, all);
	}

	private VerifiedCall verifyV1(IncomingRequest request, TreeMap<String, String> all) {
		TreeMap<String, String> signedParameters = new TreeMap<>(all);
		String signature = Objects.requireNonNull(signedParameters.remove("Signature"));
		String accessKeyId = signingParameter(all, "AccessKeyId");
		if (!"HMAC-SHA1".equals(signingParameter(all, "SignatureMethod"))) {
			throw new ServiceError("IncompleteSignature",
					"The request signature does not conform to Aliyun standards: SignatureMethod must be HMAC-SHA1.");
		}
		if (!"1.0".equals(signingParameter(all, "SignatureVersion"))) {
			throw new ServiceError("IncompleteSignature",
					"The request signature does not conform to Aliyun standards: SignatureVersion must be 1.0.");
		}
		String nonce = signingParameter(all, "SignatureNonce");
		String timestamp = signingParameter(all, "Timestamp");
		checkAction(all.get("Action"), all.get("Version"));
		AccessKey key = key(accessKeyId);
		checkTimestamp(timestamp, "Timestamp");
		String stringToSign = RpcSignature.stringToSign(request.method(), signedParameters);
		if (!Hashing.same(RpcSignature.signature(stringToSign, key.secret()), signature)) {
			throw signatureDoesNotMatch(stringToSign);
		}
		checkSecurityToken(key, all.get("SecurityToken"));
		useNonce(key, nonce);
		return new VerifiedCall(key.id(), SignatureVersion.V1, all);
	}

	private static ServiceError signatureDoesNotMatch(String stringToSign) {
		return new ServiceError("SignatureDoesNotMatch",
				"Specified signature does not match our calculation. server string to sign is:" + stringToSign);
	}

	private static void checkAction(@Nullable String action, @Nullable String version) {
		if (!ACTION.equals(action) || !VERSION.equals(version)) {
			throw new ServiceError("ApiNotSupport", "The specified API is not supported: action " + action
					+ ", version " + version + " (the emulator answers SendMessage, 2020-04-20).");
		}
	}

	private AccessKey key(String accessKeyId) {
		AccessKey key = this.keys.get(accessKeyId);
		if (key == null) {
			throw new ServiceError("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
		}
		return key;
	}

	private void checkTimestamp(String text, String name) {
		Instant timestamp;
		try {
			timestamp = Instant.from(TIMESTAMP.parse(text));
		}
		catch (DateTimeParseException ex) {
			throw new ServiceError("InvalidTimeStamp.Format",
					"Specified " + name + " or date header is not in the correct format (yyyy-MM-ddTHH:mm:ssZ, UTC).");
		}
		// timestamps have whole seconds: compare at that precision
		Instant now = this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		if (Duration.between(timestamp, now).abs().compareTo(CLOCK_WINDOW) > 0) {
			throw new ServiceError("InvalidTimeStamp.Expired", "Specified time stamp or date header is expired: "
					+ text + " is more than 15 minutes from the server's time " + TIMESTAMP.format(now) + ".");
		}
	}

	private static void checkSecurityToken(AccessKey key, @Nullable String token) {
		if (key.securityToken() == null) {
			return;
		}
		if (token == null || token.isEmpty()) {
			throw new ServiceError("CheckAccountInfoFailed", "An error occurred while checking the account "
					+ "information by the STS token: the AccessKey " + key.id() + " is temporary and needs its security token.");
		}
		if (!Hashing.same(key.securityToken(), token)) {
			throw new ServiceError("CheckAccountInfoFailed", "An error occurred while checking the account "
					+ "information by the STS token: the security token does not belong to the AccessKey " + key.id() + ".");
		}
	}

	private void useNonce(AccessKey key, String nonce) {
		if (!this.nonces.use(key.id(), nonce, this.clock.instant())) {
			throw new ServiceError("SignatureNonceUsed", "Specified signature nonce was used already.");
		}
	}

	private static String required(IncomingRequest request, String header) {
		String value = request.header(header);
		if (value == null || value.isBlank()) {
			throw new ServiceError("IncompleteSignature",
					"The request signature does not conform to Aliyun standards: the header " + header + " is missing.");
		}
		return value;
	}

	private static String signingParameter(Map<String, String> parameters, String name) {
		String value = parameters.get(name);
		if (value == null || value.isBlank()) {
			throw new ServiceError("IncompleteSignature",
					"The request signature does not conform to Aliyun standards: the parameter " + name + " is missing.");
		}
		return value;
	}

	/** {@code ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…}, its parts in any order. */
	record Authorization(String credential, TreeSet<String> signedHeaders, String signature) {

		static Authorization parse(String header) {
			String trimmed = header.trim();
			if (!trimmed.startsWith(Acs3Signature.ALGORITHM + " ")) {
				throw new ServiceError("IncompleteSignature", "The request signature does not conform to Aliyun "
						+ "standards: the Authorization header must start with " + Acs3Signature.ALGORITHM + ".");
			}
			Map<String, String> parts = new TreeMap<>();
			for (String part : trimmed.substring(Acs3Signature.ALGORITHM.length() + 1).split(",")) {
				int equals = part.indexOf('=');
				if (equals > 0) {
					parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
				}
			}
			String credential = parts.get("Credential");
			String signedHeaders = parts.get("SignedHeaders");
			String signature = parts.get("Signature");
			if (credential == null || credential.isEmpty() || signedHeaders == null || signedHeaders.isEmpty()
					|| signature == null || signature.isEmpty()) {
				throw new ServiceError("IncompleteSignature", "The request signature does not conform to Aliyun "
						+ "standards: the Authorization header needs Credential, SignedHeaders and Signature.");
			}
			TreeSet<String> names = new TreeSet<>();
			for (String name : signedHeaders.split(";")) {
				names.add(name.trim().toLowerCase(Locale.ROOT));
			}
			return new Authorization(credential, names, signature);
		}

	}

}
