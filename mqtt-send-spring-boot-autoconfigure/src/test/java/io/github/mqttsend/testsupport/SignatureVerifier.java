package io.github.mqttsend.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.mockserver.model.Header;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.Parameter;

/**
 * Recomputes the signature of a request as the service would, written from {@code protocol.md} alone: it shares
 * no code with {@code io.github.mqttsend.signing}, so that a mistake there cannot hide itself here.
 * <p>
 * Works on what arrived: the method, path, decoded query parameters, received header values (host included)
 * and raw body bytes. V3 when an {@code Authorization: ACS3-HMAC-SHA256 …} header came, V1 when a
 * {@code Signature} query parameter came.
 */
public final class SignatureVerifier {

	private static final String V3_ALGORITHM = "ACS3-HMAC-SHA256";

	private static final String FORM = "application/x-www-form-urlencoded";

	private SignatureVerifier() {
	}

	/** The outcome: whether the received signature is the one recomputed, and why not when it is not. */
	public record Verdict(String version, boolean matches, String received, String expected, String stringToSign,
			List<String> problems) {

		@Override
		public String toString() {
			return version + (matches ? " signature matches" : " signature does NOT match") + ": received "
					+ received + ", expected " + expected + ", problems " + problems + ", string to sign:\n"
					+ stringToSign;
		}

	}

	/** Verifies a request as MockServer recorded it. */
	public static Verdict verify(HttpRequest recorded, String accessKeySecret) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		for (Parameter parameter : recorded.getQueryStringParameterList()) {
			query.put(parameter.getName().getValue(),
					parameter.getValues().stream().map((value) -> value.getValue()).toList());
		}
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Header header : recorded.getHeaderList()) {
			headers.put(header.getName().getValue(), String.join(",",
					header.getValues().stream().map((value) -> value.getValue()).toList()));
		}
		byte[] body = (recorded.getBodyAsRawBytes() != null) ? recorded.getBodyAsRawBytes() : new byte[0];
		String authorization = headers.get("authorization");
		if (authorization != null && authorization.startsWith(V3_ALGORITHM + " ")) {
			return verifyV3(recorded.getMethod().getValue(), recorded.getPath().getValue(), query, headers, body,
					accessKeySecret);
		}
		return verifyV1(recorded.getMethod().getValue(), query, headers, body, accessKeySecret);
	}

	/**
	 * V3: {@code CanonicalRequest = METHOD \n path \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n
	 * BodyHash}, signed with HMAC-SHA256 over {@code "ACS3-HMAC-SHA256\n" + hex(SHA-256(CanonicalRequest))}.
	 * @param headers received headers, looked up case-insensitively
	 */
	public static Verdict verifyV3(String method, String path, Map<String, List<String>> query,
			Map<String, String> headers, byte[] body, String accessKeySecret) {
		Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		h.putAll(headers);
		List<String> problems = new ArrayList<>();
		String authorization = h.getOrDefault("authorization", "");
		Map<String, String> auth = parseAuthorization(authorization, problems);
		String received = auth.getOrDefault("Signature", "");
		String signedHeaders = auth.getOrDefault("SignedHeaders", "");
		List<String> signed = signedHeaders.isEmpty() ? List.of() : List.of(signedHeaders.split(";"));

		if (!signed.equals(signed.stream().map((n) -> n.toLowerCase(Locale.ROOT)).sorted().toList())) {
			problems.add("SignedHeaders not lower-case and sorted: " + signedHeaders);
		}
		for (String name : h.keySet()) {
			String lower = name.toLowerCase(Locale.ROOT);
			if ((lower.startsWith("x-acs-") || lower.equals("host") || lower.equals("content-type"))
					&& !signed.contains(lower)) {
				problems.add("header " + lower + " was sent but not signed");
			}
		}
		String bodyHash = hex(sha256(body));
		if (!bodyHash.equals(h.get("x-acs-content-sha256"))) {
			problems.add("x-acs-content-sha256 is " + h.get("x-acs-content-sha256") + " but the body hashes to "
					+ bodyHash);
		}

		StringBuilder canonicalHeaders = new StringBuilder();
		for (String name : signed) {
			String value = h.get(name);
			if (value == null) {
				problems.add("signed header " + name + " did not arrive");
				value = "";
			}
			canonicalHeaders.append(name).append(':').append(value.trim()).append('\n');
		}
		String canonicalRequest = method + "\n" + path + "\n" + canonicalQuery(query) + "\n" + canonicalHeaders
				+ "\n" + signedHeaders + "\n" + bodyHash;
		String stringToSign = V3_ALGORITHM + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		String expected = hex(hmac("HmacSHA256", accessKeySecret, stringToSign));
		return new Verdict("V3", problems.isEmpty() && expected.equals(received), received, expected, stringToSign,
				problems);
	}

	/**
	 * V1: every parameter but {@code Signature}, query and form body together, sorted, encoded, joined with
	 * {@code &}; {@code Base64(HMAC-SHA1(secret + "&", METHOD & %2F & encode(canonical)))}.
	 */
	public static Verdict verifyV1(String method, Map<String, List<String>> query, Map<String, String> headers,
			byte[] body, String accessKeySecret) {
		Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		h.putAll(headers);
		List<String> problems = new ArrayList<>();
		Map<String, List<String>> all = new TreeMap<>();
		query.forEach((name, values) -> all.computeIfAbsent(name, (n) -> new ArrayList<>()).addAll(values));
		String contentType = h.get("content-type");
		if (body.length > 0) {
			if (contentType == null || !contentType.startsWith(FORM)) {
				problems.add("a body came with content-type " + contentType + ", not a form");
			}
			else {
				decodeForm(new String(body, StandardCharsets.US_ASCII))
					.forEach((name, values) -> all.computeIfAbsent(name, (n) -> new ArrayList<>()).addAll(values));
			}
		}
		List<String> signatures = all.remove("Signature");
		String received = "";
		if (signatures == null || signatures.size() != 1) {
			problems.add("expected exactly one Signature parameter, got " + signatures);
		}
		else {
			received = signatures.get(0);
		}
		String canonical = canonicalQuery(all);
		String stringToSign = method + "&" + encode("/") + "&" + encode(canonical);
		String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1", accessKeySecret + "&", stringToSign));
		return new Verdict("V1", problems.isEmpty() && expected.equals(received), received, expected, stringToSign,
				problems);
	}

	/** RFC 3986 over UTF-8: keep {@code A-Z a-z 0-9 - _ . ~}, everything else {@code %XX} in upper case. */
	public static String encode(String value) {
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(String.format("%02X", c));
			}
		}
		return out.toString();
	}

	/** Decodes {@code %XX} (and, in a form, {@code +} as a space) over UTF-8. */
	public static String decode(String value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%') {
				bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else if (c == '+') {
				bytes.write(' ');
			}
			else {
				bytes.write(c);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** The parameters of an {@code application/x-www-form-urlencoded} body, in order of appearance. */
	public static Map<String, List<String>> decodeForm(String form) {
		Map<String, List<String>> out = new LinkedHashMap<>();
		if (form.isEmpty()) {
			return out;
		}
		for (String pair : form.split("&", -1)) {
			int eq = pair.indexOf('=');
			String name = decode((eq < 0) ? pair : pair.substring(0, eq));
			String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
			out.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
		}
		return out;
	}

	/** {@code name=value} pairs, each encoded, sorted by name (then value), joined with {@code &}. */
	public static String canonicalQuery(Map<String, List<String>> parameters) {
		List<String[]> pairs = new ArrayList<>();
		parameters.forEach((name, values) -> values.forEach((value) -> pairs.add(new String[] { encode(name), encode(value) })));
		pairs.sort(java.util.Comparator.<String[], String>comparing((pair) -> pair[0]).thenComparing((pair) -> pair[1]));
		return String.join("&", pairs.stream().map((pair) -> pair[0] + "=" + pair[1]).toList());
	}

	public static String sha256Hex(byte[] data) {
		return hex(sha256(data));
	}

	private static Map<String, String> parseAuthorization(String authorization, List<String> problems) {
		Map<String, String> out = new LinkedHashMap<>();
		if (!authorization.startsWith(V3_ALGORITHM + " ")) {
			problems.add("Authorization is not " + V3_ALGORITHM + ": " + authorization);
			return out;
		}
		for (String part : authorization.substring(V3_ALGORITHM.length() + 1).split(",")) {
			int eq = part.indexOf('=');
			if (eq < 0) {
				problems.add("malformed Authorization part: " + part);
				continue;
			}
			out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
		}
		for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
			if (!out.containsKey(required)) {
				problems.add("Authorization lacks " + required);
			}
		}
		return out;
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(String algorithm, String key, String data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
