package io.github.mqttsend.emulator.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.mockserver.MockServerContainer;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** Without Docker: the factory is registered where Boot looks for it, and maps a container to an endpoint. */
class MockServerContainerConnectionDetailsFactoryTests {

	@Test
	void isRegisteredForBootsServiceConnections() {
		// as Boot loads them: factories whose modules are missing (Docker Compose here) are skipped
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
			})))
			.hasAtLeastOneElementOfType(MockServerContainerConnectionDetailsFactory.class);
	}

	@Test
	void theEndpointIsTheContainersHostAndMappedPort() {
		MockServerContainer container = mock(MockServerContainer.class);
		given(container.getHost()).willReturn("localhost");
		given(container.getServerPort()).willReturn(32768);
		assertThat(MockServerContainerConnectionDetailsFactory.endpoint(container)).hasToString("http://localhost:32768");
	}

}
