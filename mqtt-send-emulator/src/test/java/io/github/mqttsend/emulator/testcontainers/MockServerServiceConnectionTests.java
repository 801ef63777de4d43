package io.github.mqttsend.emulator.testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mockserver.MockServerContainer;
import org.testcontainers.utility.DockerImageName;

import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.autoconfigure.MqttSendConnectionDetails;
import io.github.mqttsend.emulator.boot.TestApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@code @ServiceConnection MockServerContainer} points the auto-configured template at MockServer, with
 * no properties. Needs Docker: skipped without it.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = TestApplication.class)
class MockServerServiceConnectionTests {

	@Container
	@ServiceConnection
	static MockServerContainer mockServer = new MockServerContainer(DockerImageName.parse("mockserver/mockserver:5.15.0"));

	@Autowired
	MqttSendOperations mqtt;

	@Autowired
	MqttSendConnectionDetails connectionDetails;

	@Test
	void theTemplateSendsToTheContainer() throws Exception {
		assertThat(this.connectionDetails.getEndpoint())
			.isEqualTo(URI.create("http://" + mockServer.getHost() + ":" + mockServer.getServerPort()));
		HttpClient http = HttpClient.newHttpClient();
		http.send(HttpRequest.newBuilder(URI.create(mockServer.getEndpoint() + "/mockserver/expectation"))
			.PUT(HttpRequest.BodyPublishers.ofString("{\"httpRequest\":{\"method\":\"POST\",\"path\":\"/\"},"
					+ "\"httpResponse\":{\"statusCode\":200,\"headers\":{\"Content-Type\":[\"application/json\"]},"
					+ "\"body\":\"{\\\"RequestId\\\":\\\"mock-request\\\",\\\"MsgId\\\":\\\"mock-msg\\\"}\"}}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		SendResult result = this.mqtt.send("mock/topic", "hello MockServer");

		assertThat(result.msgId()).isEqualTo("mock-msg");
		String recorded = http.send(HttpRequest.newBuilder(URI.create(mockServer.getEndpoint()
				+ "/mockserver/retrieve?type=REQUESTS")).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		assertThat(recorded).contains(MockServerContainerConnectionDetailsFactory.INSTANCE_ID).contains("hello MockServer");
	}

}
