package io.github.mqttsend.sample;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.mqttsend.credentials.Credentials;

/**
 * How an MQTT client of ApsaraMQ for MQTT signs in with an AccessKey (Alibaba Cloud's "Signature authentication"):
 * client ID {@code GID_<group>@@@<deviceId>}, username {@code Signature|<AccessKeyId>|<instanceId>}, password
 * {@code Base64(HMAC-SHA1(key = AccessKey secret, data = client ID))}. {@link #toString()} never shows the password.
 *
 * @param clientId the client ID
 * @param username {@code Signature|<AccessKeyId>|<instanceId>}
 * @param password the signature of the client ID
 * @param shownUsername the username with the AccessKey ID masked, for printing
 */
record SignatureLogin(String clientId, String username, String password, String shownUsername) {

	/**
	 * Signs {@code clientId} in to {@code instanceId} with {@code credentials}.
	 * @throws IllegalStateException if the credentials are temporary (STS) ones, which cannot sign this way
	 */
	static SignatureLogin of(Credentials credentials, String instanceId, String clientId) {
		if (credentials.securityToken() != null) {
			throw new IllegalStateException("signature authentication needs a long-term AccessKey, but the credentials "
					+ "(AccessKey ID " + credentials.maskedAccessKeyId() + ") carry an STS security token: give the sample "
					+ "a RAM user's AccessKey pair (apsaramq.mqtt.access-key-id and apsaramq.mqtt.access-key-secret)");
		}
		return new SignatureLogin(clientId, "Signature|" + credentials.accessKeyId() + "|" + instanceId,
				sign(credentials.accessKeySecret(), clientId),
				"Signature|" + credentials.maskedAccessKeyId() + "|" + instanceId);
	}

	private static String sign(String secret, String clientId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "SignatureLogin[clientId=" + this.clientId + ", username=" + this.shownUsername + ", password=******]";
	}

}
