package io.github.mqttsend.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpRequest;

import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.testsupport.StarterContextRunner;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.testsupport.SendMessageServer;

import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockserver.model.HttpRequest.request;

/**
 * Apache HttpClient 5, which the starter picks when it is on the class path, by default sends a POST again
 * when it is answered 503 or 429, a second later and byte for byte: the same signature nonce, no rate-limit
 * permit, unseen by the retry policy. The starter's RestClient must leave every retry to the policy.
 */
class HttpClientOwnRetriesTests {

	private final ApplicationContextRunner contextRunner = StarterContextRunner.create();

	private SendMessageServer server;

	@BeforeEach
	void startServer() {
		this.server = new SendMessageServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@ParameterizedTest
	@CsvSource({ "503, ServiceUnavailable", "429, Throttling" })
	void onlyThePolicyRetriesAndEveryAttemptHasItsOwnNonce(int status, String code) {
		this.server.mock()
			.when(request().withPath("/"), Times.once())
			.respond(SendMessageServer.error(status, code, "req-first"));
		this.server.mock().when(request().withPath("/")).respond(SendMessageServer.success("msg-ok", "req-ok"));
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test",
					"apsaramq.mqtt.endpoint=" + this.server.endpoint(), "apsaramq.mqtt.access-key-id=testid",
					"apsaramq.mqtt.access-key-secret=testsecret", "apsaramq.mqtt.retry.initial-interval=10ms",
					"apsaramq.mqtt.retry.jitter=0ms", "apsaramq.mqtt.retry.max-interval=40ms")
			.run((context) -> {
				long start = System.nanoTime();
				SendResult result = context.getBean(MqttSendTemplate.class).send("alerts/pump", "x");
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				assertThat(result.msgId()).isEqualTo("msg-ok");
				List<HttpRequest> received = this.server.received();
				assertThat(received).hasSize(2);
				assertThat(received.get(0).getFirstHeader("x-acs-signature-nonce"))
					.isNotEqualTo(received.get(1).getFirstHeader("x-acs-signature-nonce"));
				// HttpClient's own retry waits 1 s; the policy's first back-off is 10 ms
				assertThat(elapsed).isLessThan(Duration.ofMillis(900));
			});
	}

}
