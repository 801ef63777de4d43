package io.github.mqttsend.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC with one {@link MessageDigest} and {@link Mac} per thread: obtaining them is far dearer
 * than using them, and per-thread instances never make one send wait for another.
 */
final class Crypto {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	});

	private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> newMac("HmacSHA256"));

	private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> newMac("HmacSHA1"));

	private Crypto() {
	}

	static byte[] sha256(byte[] data) {
		return SHA256.get().digest(data);
	}

	static byte[] hmacSha256(String key, String data) {
		return hmac(HMAC_SHA256.get(), key, data);
	}

	static byte[] hmacSha1(String key, byte[] data) {
		return init(HMAC_SHA1.get(), key).doFinal(data);
	}

	static String hex(byte[] bytes) {
		char[] out = new char[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			out[i * 2] = HEX[(bytes[i] >> 4) & 0xF];
			out[i * 2 + 1] = HEX[bytes[i] & 0xF];
		}
		return new String(out);
	}

	private static byte[] hmac(Mac mac, String key, String data) {
		return init(mac, key).doFinal(data.getBytes(StandardCharsets.UTF_8));
	}

	private static Mac init(Mac mac, String key) {
		try {
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), mac.getAlgorithm()));
		}
		catch (GeneralSecurityException ex) {
			// never include the key: it is the AccessKeySecret
			throw new IllegalStateException("Cannot initialise " + mac.getAlgorithm(), ex);
		}
		return mac;
	}

	private static Mac newMac(String algorithm) {
		try {
			return Mac.getInstance(algorithm);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " is not available", ex);
		}
	}

}
