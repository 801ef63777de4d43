package io.github.mqttsend.emulator;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import io.moquette.broker.security.IAuthenticator;
import org.jspecify.annotations.Nullable;

/**
 * Lets an MQTT client connect to the embedded broker only as ApsaraMQ for MQTT would in Signature mode (see
 * {@link MqttSignature}): a {@code GID_…@@@…} (or {@code GID-…@@@…}) client ID, the username {@code Signature|<AccessKeyId>|<instanceId>}
 * for one of the emulator's long-term key pairs and its instance, and the matching password.
 */
final class SignatureAuthenticator implements IAuthenticator {

	private final String instanceId;

	private final Map<String, String> secretsById;

	/** Accepts the long-term ones of {@code accessKeys}; STS key pairs cannot sign in Signature mode. */
	SignatureAuthenticator(String instanceId, Collection<AccessKey> accessKeys) {
		this.instanceId = instanceId;
		this.secretsById = accessKeys.stream()
			.filter((key) -> key.securityToken() == null)
			// the last pair given for an ID wins, as in the HTTP endpoint's RequestVerifier
			.collect(Collectors.toUnmodifiableMap(AccessKey::id, AccessKey::secret, (first, second) -> second));
	}

	@Override
	public boolean checkValid(@Nullable String clientId, @Nullable String username, byte @Nullable [] password) {
		if (clientId == null || username == null || password == null || !MqttSignature.isClientId(clientId)) {
			return false;
		}
		String[] fields = username.split("\\|", -1);
		if (fields.length != 3 || !fields[0].equals(MqttSignature.MODE) || !fields[2].equals(this.instanceId)) {
			return false;
		}
		String secret = this.secretsById.get(fields[1]);
		return secret != null && MqttSignature.matches(clientId, secret, password);
	}

	@Override
	public String toString() {
		return "SignatureAuthenticator[instance " + this.instanceId + ", " + this.secretsById.size() + " key pair(s)]";
	}

}
