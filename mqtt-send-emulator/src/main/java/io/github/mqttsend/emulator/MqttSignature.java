package io.github.mqttsend.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * ApsaraMQ for MQTT's Signature authentication of an MQTT client, as Alibaba Cloud documents it ("Signature
 * authentication"): client ID {@code <groupId>@@@<deviceId>}, the group ID starting {@code GID_} or {@code GID-}, username
 * {@code Signature|<AccessKeyId>|<instanceId>}, password {@code Base64(HMAC-SHA1(key = AccessKey secret,
 * data = client ID))}. Only a long-term AccessKey can sign this way: STS credentials have a mode of their own.
 */
public final class MqttSignature {

	/** The first field of a Signature-mode username. */
	public static final String MODE = "Signature";

	/**
	 * A group ID of 7 to 64 characters starting {@code GID_} or {@code GID-}, and a device ID: letters, digits,
	 * {@code -} and {@code _}, at most 64 characters in all. [doc: CreateGroupId, "Manage groups"]
	 */
	private static final Pattern CLIENT_ID = Pattern.compile("GID[_-][A-Za-z0-9_-]{3,60}@@@[A-Za-z0-9_-]+");

	private static final int MAX_CLIENT_ID_LENGTH = 64;

	private MqttSignature() {
	}

	/** {@code Signature|<accessKeyId>|<instanceId>}. */
	public static String username(String accessKeyId, String instanceId) {
		return MODE + "|" + accessKeyId + "|" + instanceId;
	}

	/** {@code Base64(HMAC-SHA1(key = accessKeySecret, data = clientId))}. */
	public static String password(String clientId, String accessKeySecret) {
		return Base64.getEncoder().encodeToString(Hashing.hmac("HmacSHA1", accessKeySecret, clientId));
	}

	/** Whether {@code clientId} has the form {@code <groupId>@@@<deviceId>} with a valid group ID. */
	public static boolean isClientId(String clientId) {
		return clientId.length() <= MAX_CLIENT_ID_LENGTH && CLIENT_ID.matcher(clientId).matches();
	}

	/** Whether {@code password} is the one {@code accessKeySecret} gives {@code clientId}, compared in constant time. */
	static boolean matches(String clientId, String accessKeySecret, byte[] password) {
		return MessageDigest.isEqual(password(clientId, accessKeySecret).getBytes(StandardCharsets.US_ASCII), password);
	}

}
