package io.github.mqttsend.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, HMAC and hex, from the JDK. */
final class Hashing {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Hashing() {
	}

	static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] hmac(String algorithm, String key, String data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Lower-case hex. */
	static String hex(byte[] bytes) {
		char[] out = new char[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
			out[2 * i + 1] = HEX[bytes[i] & 0xF];
		}
		return new String(out);
	}

	/** Compares two signatures in time that does not depend on where they differ. */
	static boolean same(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
	}

}
