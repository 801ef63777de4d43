package io.github.mqttsend.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * protocol.md's percent-encoding, both ways. Encoding is RFC 3986 over UTF-8: {@code A-Z a-z 0-9 - _ . ~} stay,
 * every other byte becomes {@code %XX} in upper-case hex. Decoding is what the gateway does to a query string
 * or form body: {@code %XX} is a byte, and a raw {@code +} is a space.
 */
final class PercentCodec {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private PercentCodec() {
	}

	static String encode(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder(bytes.length + 16);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

	/** {@code name=value} pairs joined with {@code &}, names and values encoded, in the map's order. */
	static String encodePairs(Map<String, String> sorted) {
		StringBuilder out = new StringBuilder(256);
		sorted.forEach((name, value) -> {
			if (!out.isEmpty()) {
				out.append('&');
			}
			out.append(encode(name)).append('=').append(encode(value));
		});
		return out.toString();
	}

	/**
	 * The parameters of a query string or form body, decoded, sorted by name.
	 * @throws ServiceError {@code ParameterCheckFailed} on a malformed escape or a repeated name
	 */
	static TreeMap<String, String> decodeParameters(String encoded) {
		TreeMap<String, String> parameters = new TreeMap<>();
		if (encoded.isEmpty()) {
			return parameters;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			if (parameters.put(name, value) != null) {
				throw new ServiceError("ParameterCheckFailed", "The parameter " + name + " appears more than once.");
			}
		}
		return parameters;
	}

	static String decode(String encoded) {
		if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
			return encoded;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '+') {
				bytes.write(' ');
			}
			else if (c == '%') {
				if (i + 2 >= encoded.length()) {
					throw malformed(encoded);
				}
				int high = Character.digit(encoded.charAt(i + 1), 16);
				int low = Character.digit(encoded.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					throw malformed(encoded);
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else {
				byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(utf8, 0, utf8.length);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static ServiceError malformed(String encoded) {
		return new ServiceError("ParameterCheckFailed", "A parameter has a malformed percent-escape: '"
				+ ((encoded.length() > 40) ? encoded.substring(0, 40) + "…" : encoded) + "'.");
	}

}
