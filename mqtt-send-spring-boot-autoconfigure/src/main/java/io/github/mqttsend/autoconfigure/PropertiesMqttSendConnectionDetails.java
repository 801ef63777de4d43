package io.github.mqttsend.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import io.github.mqttsend.credentials.Credentials;

/**
 * {@link MqttSendConnectionDetails} from the {@code apsaramq.mqtt.*} properties: the endpoint from
 * {@code endpoint} or {@code region-id} and {@code vpc}, the instance from {@code instance-id}, and the keys
 * when both {@code access-key-id} and {@code access-key-secret} are set.
 */
final class PropertiesMqttSendConnectionDetails implements MqttSendConnectionDetails {

	private final MqttSendProperties properties;

	PropertiesMqttSendConnectionDetails(MqttSendProperties properties) {
		this.properties = properties;
	}

	@Override
	public URI getEndpoint() {
		return MqttSendClientConfigurer.endpoint(this.properties);
	}

	@Override
	public String getInstanceId() {
		String instanceId = this.properties.getInstanceId();
		if (instanceId == null || instanceId.isBlank()) {
			throw new MqttSendConfigurationException("apsaramq.mqtt.instance-id", "no instance ID is configured.",
					"Set apsaramq.mqtt.instance-id to the ID of your ApsaraMQ for MQTT instance (e.g. mqtt-cn-0pp12gl0000), "
							+ "shown on the instance's details page in the console.");
		}
		return instanceId;
	}

	@Override
	public @Nullable Credentials getCredentials() {
		String accessKeyId = this.properties.getAccessKeyId();
		String accessKeySecret = this.properties.getAccessKeySecret();
		if (accessKeyId == null || accessKeyId.isBlank()) {
			return null;
		}
		if (accessKeySecret == null || accessKeySecret.isBlank()) {
			throw new MqttSendConfigurationException("apsaramq.mqtt.access-key-secret",
					"no AccessKey secret is configured for AccessKey ID "
							+ Credentials.of(accessKeyId, "-").maskedAccessKeyId() + ".",
					"Set apsaramq.mqtt.access-key-secret (for example from the environment: "
							+ "APSARAMQ_MQTT_ACCESS_KEY_SECRET), or define a CredentialsProvider bean.");
		}
		return Credentials.of(accessKeyId, accessKeySecret, this.properties.getSecurityToken());
	}

	@Override
	public String toString() {
		return "PropertiesMqttSendConnectionDetails[instance-id=" + this.properties.getInstanceId() + "]";
	}

}
