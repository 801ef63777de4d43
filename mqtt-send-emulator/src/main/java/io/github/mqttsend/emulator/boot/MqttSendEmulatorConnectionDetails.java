package io.github.mqttsend.emulator.boot;

import java.net.URI;

import io.github.mqttsend.autoconfigure.MqttSendConnectionDetails;
import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.emulator.MqttSendEmulator;

/**
 * {@link MqttSendConnectionDetails} of a running {@link MqttSendEmulator}: its endpoint, its instance and its
 * first key pair. Define one as a bean to point the auto-configured template at an emulator of your own.
 */
public final class MqttSendEmulatorConnectionDetails implements MqttSendConnectionDetails {

	private final MqttSendEmulator emulator;

	public MqttSendEmulatorConnectionDetails(MqttSendEmulator emulator) {
		this.emulator = emulator;
	}

	@Override
	public URI getEndpoint() {
		return this.emulator.endpoint();
	}

	@Override
	public String getInstanceId() {
		return this.emulator.instanceId();
	}

	@Override
	public Credentials getCredentials() {
		return Credentials.of(this.emulator.accessKeyId(), this.emulator.accessKeySecret(),
				this.emulator.accessKeys().get(0).securityToken());
	}

	@Override
	public String toString() {
		return "MqttSendEmulatorConnectionDetails[" + this.emulator + "]";
	}

}
