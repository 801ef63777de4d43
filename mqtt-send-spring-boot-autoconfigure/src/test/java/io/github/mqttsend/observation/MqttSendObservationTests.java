package io.github.mqttsend.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.PayloadEncoding;
import io.github.mqttsend.testsupport.SendMessageServer;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockserver.model.HttpRequest.request;

class MqttSendObservationTests {

	private final SendMessageServer server = new SendMessageServer();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	@AfterEach
	void stop() {
		this.server.close();
	}

	private MqttSendTemplate template() {
		MqttSendTemplate template = new MqttSendTemplate(this.server.clientBuilder().build(), "mqtt-cn-a",
				PayloadEncoding.RAW, JsonMapper.shared(), Runnable::run);
		template.setObservationRegistry(this.observations);
		return template;
	}

	@Test
	void aSuccessfulSendIsObservedWithBoundedAndUnboundedKeys() {
		this.server.acceptAll();
		template().send("alerts/p2p/GID_pump@@@pump-7", "hi");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasNameEqualTo("apsaramq.mqtt.send")
			.hasContextualNameEqualTo("alerts publish")
			.hasLowCardinalityKeyValue("messaging.system", "apsaramq_mqtt")
			.hasLowCardinalityKeyValue("messaging.operation", "publish")
			.hasLowCardinalityKeyValue("messaging.destination.name", "alerts")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("error.code", "none")
			.hasHighCardinalityKeyValue("apsaramq.mqtt.topic", "alerts/p2p/GID_pump@@@pump-7")
			.hasHighCardinalityKeyValue("messaging.message.id", "msg-1")
			.hasHighCardinalityKeyValue("apsaramq.mqtt.request_id", "req-1")
			.doesNotHaveLowCardinalityKeyValueWithKey("apsaramq.mqtt.topic")
			.doesNotHaveLowCardinalityKeyValueWithKey("messaging.message.id")
			.doesNotHaveLowCardinalityKeyValueWithKey("apsaramq.mqtt.request_id");
	}

	@Test
	void aFailedSendCarriesOutcomeAndCode() {
		this.server.mock()
			.when(request().withPath("/"))
			.respond(SendMessageServer.error(400, "InstancePermissionCheckFailed", "req-9"));
		assertThatExceptionOfType(MqttSendException.class).isThrownBy(() -> template().send("alerts/pump", "hi"));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasError()
			.hasLowCardinalityKeyValue("outcome", "client_error")
			.hasLowCardinalityKeyValue("error.code", "InstancePermissionCheckFailed")
			.hasHighCardinalityKeyValue("apsaramq.mqtt.request_id", "req-9");
	}

	@Test
	void aLocallyRefusedSendIsObservedToo() {
		assertThatExceptionOfType(MqttSendException.class).isThrownBy(() -> template().send("alerts/#", "hi"));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "client_error")
			.hasLowCardinalityKeyValue("error.code", "InvalidParameter.MqttTopic");
	}

	@Test
	void aUserConventionReplacesTheDefault() {
		this.server.acceptAll();
		MqttSendTemplate template = template();
		template.setObservationConvention(new MqttSendObservationConvention() {

			@Override
			public String getName() {
				return "fleet.push";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(MqttSendObservationContext context) {
				return KeyValues.of("fleet.instance", String.valueOf(context.getInstanceId()));
			}

		});
		template.send("alerts/pump", "hi");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasSingleObservationThat()
			.hasNameEqualTo("fleet.push")
			.hasLowCardinalityKeyValue("fleet.instance", "mqtt-cn-a")
			.doesNotHaveLowCardinalityKeyValueWithKey("messaging.system");
	}

}
