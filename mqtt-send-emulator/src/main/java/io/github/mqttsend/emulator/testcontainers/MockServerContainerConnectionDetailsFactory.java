package io.github.mqttsend.emulator.testcontainers;

import java.net.URI;

import org.testcontainers.mockserver.MockServerContainer;

import io.github.mqttsend.autoconfigure.MqttSendConnectionDetails;
import io.github.mqttsend.credentials.Credentials;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Creates {@link MqttSendConnectionDetails} for a {@code @ServiceConnection} {@link MockServerContainer}: the
 * template sends to {@code http://<host>:<mapped port>} as instance {@value #INSTANCE_ID} with the key pair
 * {@value #ACCESS_KEY_ID} / {@value #ACCESS_KEY_SECRET} (MockServer checks no signature; write expectations
 * on the parameters you care about).
 */
public final class MockServerContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<MockServerContainer, MqttSendConnectionDetails> {

	public static final String INSTANCE_ID = "mqtt-cn-mockserver";

	public static final String ACCESS_KEY_ID = "mockserver-access-key-id";

	public static final String ACCESS_KEY_SECRET = "mockserver-access-key-secret";

	public MockServerContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "io.github.mqttsend.autoconfigure.MqttSendConnectionDetails");
	}

	@Override
	protected MqttSendConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<MockServerContainer> source) {
		return new MockServerContainerConnectionDetails(source);
	}

	/** The endpoint of the container, {@code http://} to its host and mapped port. */
	static final class MockServerContainerConnectionDetails extends ContainerConnectionDetails<MockServerContainer>
			implements MqttSendConnectionDetails {

		MockServerContainerConnectionDetails(ContainerConnectionSource<MockServerContainer> source) {
			super(source);
		}

		@Override
		public URI getEndpoint() {
			return endpoint(getContainer());
		}

		@Override
		public String getInstanceId() {
			return INSTANCE_ID;
		}

		@Override
		public Credentials getCredentials() {
			return Credentials.of(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
		}

	}

	static URI endpoint(MockServerContainer container) {
		return URI.create("http://" + container.getHost() + ":" + container.getServerPort());
	}

}
