package io.github.mqttsend.observation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockserver.matchers.Times;
import org.mockserver.model.HttpRequest;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.ratelimit.Bucket4jRateLimiter;
import io.github.mqttsend.retry.RetrySettings;
import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.SendMessageServer;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockserver.model.HttpRequest.request;

/**
 * After a scripted run of successes, retried 500s, throttling and 400s, the meters equal what the server saw.
 */
class MqttSendMetricsTests {

	private static final RetrySettings FAST_RETRIES = new RetrySettings(true, 3, Duration.ofMillis(5), 1.0,
			Duration.ofMillis(50), Duration.ZERO, true);

	private final SendMessageServer server = new SendMessageServer();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void stop() {
		this.server.close();
	}

	private void script(String payload, org.mockserver.model.HttpResponse... answers) {
		HttpRequest matching = request().withPath("/").withQueryStringParameter("Payload", payload);
		for (org.mockserver.model.HttpResponse answer : answers) {
			this.server.mock().when(matching, Times.once()).respond(answer);
		}
	}

	@Test
	void metersMatchWhatTheServerSaw() {
		script("ok-1", SendMessageServer.success("m1", "r1"));
		script("ok-2", SendMessageServer.success("m2", "r2"));
		script("retried-500", SendMessageServer.error(500, "SendMessageFailed", "r3"),
				SendMessageServer.error(500, "InternalError", "r4"), SendMessageServer.success("m3", "r5"));
		script("throttled", SendMessageServer.error(400, "Throttling.User", "r6"), SendMessageServer.success("m4", "r7"));
		script("bad", SendMessageServer.error(400, "ParameterCheckFailed", "r8"));
		SendMessageClient client = this.server.clientBuilder()
			.retrySettings(FAST_RETRIES)
			.rateLimiter(new Bucket4jRateLimiter(Duration.ofSeconds(5), 300, 1000))
			.listener(new MqttSendMetrics(this.registry, 1000L, 300L))
			.build();

		for (String payload : List.of("ok-1", "ok-2", "retried-500", "throttled")) {
			client.send("mqtt-cn-a", "alerts/pump", payload);
		}
		assertThatExceptionOfType(MqttSendException.class)
			.isThrownBy(() -> client.send("mqtt-cn-a", "alerts/pump", "bad"));

		int calls = this.server.received().size();
		assertThat(calls).isEqualTo(8);
		assertThat(sum(MqttSendMetrics.REQUESTS)).isEqualTo(calls);
		assertThat(count(MqttSendMetrics.REQUESTS, "outcome", "success", "error.code", "none")).isEqualTo(4);
		assertThat(count(MqttSendMetrics.REQUESTS, "outcome", "server_error", "error.code", "SendMessageFailed"))
			.isEqualTo(1);
		assertThat(count(MqttSendMetrics.REQUESTS, "outcome", "server_error", "error.code", "InternalError"))
			.isEqualTo(1);
		assertThat(count(MqttSendMetrics.REQUESTS, "outcome", "throttled", "error.code", "Throttling.User"))
			.isEqualTo(1);
		assertThat(count(MqttSendMetrics.REQUESTS, "outcome", "client_error", "error.code", "ParameterCheckFailed"))
			.isEqualTo(1);
		assertThat(sum(MqttSendMetrics.BILLED)).isEqualTo(4);
		assertThat(count(MqttSendMetrics.RETRIES, "error.code", "SendMessageFailed")).isEqualTo(1);
		assertThat(count(MqttSendMetrics.RETRIES, "error.code", "InternalError")).isEqualTo(1);
		assertThat(count(MqttSendMetrics.RETRIES, "error.code", "Throttling.User")).isEqualTo(1);
		assertThat(sum(MqttSendMetrics.RETRIES)).isEqualTo(3);
		assertThat(this.registry.get(MqttSendMetrics.PERMIT_WAIT).timer().count()).isEqualTo(calls);
		assertThat(this.registry.get(MqttSendMetrics.LIMIT).tag("scope", "account").gauge().value()).isEqualTo(1000);
		assertThat(this.registry.get(MqttSendMetrics.LIMIT).tag("scope", "host").gauge().value()).isEqualTo(300);
		assertThat(this.registry.get(MqttSendMetrics.REQUESTS).meters())
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("instance")).isEqualTo("mqtt-cn-a"));
	}

	@Test
	void ioErrorsCountAsCallsButAreNotBilled() throws Exception {
		SendMessageClient client = this.server.clientBuilder()
			.endpoint(URI.create("http://127.0.0.1:" + CredentialsServers.closedPort()))
			.listener(new MqttSendMetrics(this.registry, null, null))
			.build();
		assertThatExceptionOfType(MqttSendException.class).isThrownBy(() -> client.send("mqtt-cn-a", "alerts", "x"));
		assertThat(count(MqttSendMetrics.REQUESTS, "outcome", "io_error", "error.code", "Transport.ConnectFailed"))
			.isEqualTo(1);
		assertThat(this.registry.find(MqttSendMetrics.BILLED).meters()).isEmpty();
		assertThat(this.registry.find(MqttSendMetrics.LIMIT).meters()).isEmpty();
	}

	@Test
	void httpClientRequestsKeepsOneUriTagWhateverTheTopicOrPayload() {
		this.server.acceptAll();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.registry));
		RestClient restClient = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.httpComponents().build())
			.observationRegistry(observations)
			.build();
		SendMessageClient client = this.server.clientBuilder().restClient(restClient).build();
		for (int i = 0; i < 5; i++) {
			client.send("mqtt-cn-a", "alerts/p2p/GID_x@@@device-" + i, "payload " + i);
		}
		java.util.Collection<Meter> meters = this.registry.find("http.client.requests").meters();
		assertThat(meters).isNotEmpty();
		Set<String> uris = meters.stream().map((meter) -> meter.getId().getTag("uri")).collect(Collectors.toSet());
		assertThat(uris).hasSize(1).doesNotContainNull();
		assertThat(uris.iterator().next()).doesNotContain("device").doesNotContain("payload");
	}

	private double sum(String name) {
		return this.registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

	private double count(String name, String... tags) {
		return this.registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
	}

}
