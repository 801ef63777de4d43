package io.github.mqttsend.signing;

/**
 * RFC 3986 percent-encoding over UTF-8, the one both Alibaba Cloud signature versions are defined on.
 * <p>
 * Keeps {@code A-Z a-z 0-9 - _ . ~}, encodes every other byte as {@code %XX} with upper-case hex. A space
 * therefore becomes {@code %20} (never {@code +}) and {@code *} becomes {@code %2A}. A string holding a lone
 * UTF-16 surrogate has no UTF-8 form and is refused rather than silently replaced by {@code ?}.
 */
public final class PercentEncoding {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private static final boolean[] UNRESERVED = new boolean[128];

	static {
		for (char c = 'A'; c <= 'Z'; c++) {
			UNRESERVED[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			UNRESERVED[c] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			UNRESERVED[c] = true;
		}
		UNRESERVED['-'] = true;
		UNRESERVED['_'] = true;
		UNRESERVED['.'] = true;
		UNRESERVED['~'] = true;
	}

	private PercentEncoding() {
	}

	/** Percent-encodes {@code value}. */
	public static String encode(String value) {
		StringBuilder out = new StringBuilder(value.length() + 16);
		encode(value, out);
		return out.toString();
	}

	/**
	 * Appends the percent-encoded form of {@code value} to {@code out}.
	 * @throws IllegalArgumentException if {@code value} holds a lone surrogate
	 */
	public static void encode(CharSequence value, StringBuilder out) {
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 128) {
				if (UNRESERVED[c]) {
					out.append(c);
				}
				else {
					appendByte(out, c);
				}
			}
			else if (c < 0x800) {
				appendByte(out, 0xC0 | (c >> 6));
				appendByte(out, 0x80 | (c & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 >= length || !Character.isLowSurrogate(value.charAt(i + 1))) {
					throw new IllegalArgumentException("Lone UTF-16 surrogate at index " + i + ": the text has no UTF-8 form");
				}
				int codePoint = Character.toCodePoint(c, value.charAt(++i));
				appendByte(out, 0xF0 | (codePoint >> 18));
				appendByte(out, 0x80 | ((codePoint >> 12) & 0x3F));
				appendByte(out, 0x80 | ((codePoint >> 6) & 0x3F));
				appendByte(out, 0x80 | (codePoint & 0x3F));
			}
			else {
				appendByte(out, 0xE0 | (c >> 12));
				appendByte(out, 0x80 | ((c >> 6) & 0x3F));
				appendByte(out, 0x80 | (c & 0x3F));
			}
		}
	}

	/** Whether {@code c} stays as it is: {@code A-Z a-z 0-9 - _ . ~}. */
	static boolean isUnreserved(char c) {
		return c < 128 && UNRESERVED[c];
	}

	/** The number of UTF-8 bytes {@code value} encodes to, or -1 if it holds a lone surrogate. */
	public static int utf8Length(CharSequence value) {
		int length = value.length();
		int bytes = 0;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 >= length || !Character.isLowSurrogate(value.charAt(i + 1))) {
					return -1;
				}
				i++;
				bytes += 4;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	private static void appendByte(StringBuilder out, int b) {
		out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
	}

}
