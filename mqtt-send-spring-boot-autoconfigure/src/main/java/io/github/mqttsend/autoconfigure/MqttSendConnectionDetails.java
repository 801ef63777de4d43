package io.github.mqttsend.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import io.github.mqttsend.credentials.Credentials;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and as whom to send: the endpoint, the instance and (optionally) the credentials. By default they come
 * from the {@code apsaramq.mqtt.*} properties; a bean of this type (from a test emulator, a
 * {@code @ServiceConnection} or the application) takes their place.
 */
public interface MqttSendConnectionDetails extends ConnectionDetails {

	/** The SendMessage endpoint: scheme and authority. */
	URI getEndpoint();

	/** The instance messages go to. */
	String getInstanceId();

	/**
	 * Credentials that come with the connection, or {@code null} to use the application's
	 * {@link io.github.mqttsend.credentials.CredentialsProvider}.
	 */
	default @Nullable Credentials getCredentials() {
		return null;
	}

}
