package io.github.mqttsend.autoconfigure;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.mqttsend.MqttSendAuthenticationException;
import io.github.mqttsend.testsupport.StarterContextRunner;
import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.observation.MqttSendMetrics;
import io.github.mqttsend.observation.MqttSendObservationContext;
import io.github.mqttsend.observation.MqttSendObservationConvention;
import io.github.mqttsend.testsupport.SendMessageServer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockserver.model.HttpRequest.request;

class MqttSendObservabilityAutoConfigurationTests {

	private final SendMessageServer server = new SendMessageServer();

	private final ApplicationContextRunner contextRunner = StarterContextRunner.create()
		.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.endpoint=" + this.server.endpoint(),
				"apsaramq.mqtt.access-key-id=testid", "apsaramq.mqtt.access-key-secret=testsecret",
				"apsaramq.mqtt.retry.enabled=false");

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void metersGoToTheContextsRegistry() {
		this.server.acceptAll();
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			context.getBean(MqttSendTemplate.class).send("alerts/pump", "x");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(MqttSendMetrics.REQUESTS)
				.tags("instance", "mqtt-cn-test", "outcome", "success", "error.code", "none")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get(MqttSendMetrics.BILLED).counter().count()).isEqualTo(1);
			assertThat(registry.get(MqttSendMetrics.LIMIT).tag("scope", "host").gauge().value()).isEqualTo(300);
		});
	}

	@Test
	void noLimitGaugesWithoutALimiter() {
		this.contextRunner.withPropertyValues("apsaramq.mqtt.rate-limit.enabled=false")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				context.getBean(MqttSendTemplate.class);
				assertThat(context.getBean(MeterRegistry.class).find(MqttSendMetrics.LIMIT).meters()).isEmpty();
			});
	}

	@Test
	void everyMeterOfOursIsNamedApsaramqSoThatOnePropertyTurnsThemAllOff() {
		this.server.acceptAll();
		this.contextRunner.withBean(MeterRegistry.class, () -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			// what management.metrics.enable.apsaramq=false installs: a meter named otherwise would remain
			registry.config().meterFilter(MeterFilter.denyNameStartsWith("apsaramq"));
			return registry;
		}).run((context) -> {
			context.getBean(MqttSendTemplate.class).send("alerts/pump", "x");
			assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
		});
	}

	@Test
	void sendsWorkWithNoRegistryAtAll() {
		this.server.acceptAll();
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(MeterRegistry.class).doesNotHaveBean(ObservationRegistry.class);
			assertThat(context.getBean(MqttSendTemplate.class).send("alerts/pump", "x").msgId()).isEqualTo("msg-1");
		});
	}

	@Test
	void sendsAreObservedThroughTheContextsObservationRegistry() {
		this.server.acceptAll();
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			context.getBean(MqttSendTemplate.class).send("alerts/pump", "x");
			TestObservationRegistryAssert.assertThat((TestObservationRegistry) context.getBean(ObservationRegistry.class))
				.hasObservationWithNameEqualTo("apsaramq.mqtt.send")
				.that()
				.hasLowCardinalityKeyValue("messaging.destination.name", "alerts");
		});
	}

	@Test
	void aUserConventionBeanTakesOver() {
		this.server.acceptAll();
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(MqttSendObservationConvention.class, () -> new MqttSendObservationConvention() {

				@Override
				public String getName() {
					return "fleet.push";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(MqttSendObservationContext context) {
					return KeyValues.of("team", "fleet");
				}

			})
			.run((context) -> {
				context.getBean(MqttSendTemplate.class).send("alerts/pump", "x");
				TestObservationRegistryAssert
					.assertThat((TestObservationRegistry) context.getBean(ObservationRegistry.class))
					.hasObservationWithNameEqualTo("fleet.push")
					.that()
					.hasLowCardinalityKeyValue("team", "fleet");
			});
	}

	@Test
	void healthGoesDownWhileCallsKeepFailingForAReasonNoRetryFixesAndUpOnSuccess() {
		this.server.mock()
			.when(request().withPath("/").withQueryStringParameter("Payload", "bad-key"))
			.respond(SendMessageServer.error(400, "InvalidAccessKeyId.NotFound", "r"));
		this.server.mock()
			.when(request().withPath("/").withQueryStringParameter("Payload", "ok"))
			.respond(SendMessageServer.success("m", "r"));
		this.contextRunner.run((context) -> {
			HealthIndicator health = context.getBean("apsaramqMqttHealthIndicator", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			MqttSendTemplate template = context.getBean(MqttSendTemplate.class);
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(MqttSendAuthenticationException.class)
					.isThrownBy(() -> template.send("alerts/pump", "bad-key"));
			}
			Health down = health.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("errorCode", "InvalidAccessKeyId.NotFound")
				.containsEntry("consecutiveFailures", 3);
			int callsBefore = this.server.received().size();
			health.health();
			assertThat(this.server.received()).as("the indicator makes no call of its own").hasSize(callsBefore);
			template.send("alerts/pump", "ok");
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void healthIndicatorCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("management.health.apsaramq-mqtt.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthIndicator.class));
	}

}
