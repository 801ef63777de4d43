package io.github.mqttsend.observation;

import io.micrometer.common.KeyValues;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.observation.MqttSendObservation.HighCardinalityKeys;
import io.github.mqttsend.observation.MqttSendObservation.LowCardinalityKeys;

/**
 * The default convention: OpenTelemetry-style messaging keys, with the parent topic (bounded) as the
 * destination and the full topic, {@code MsgId} and {@code RequestId} as high-cardinality keys.
 */
public class DefaultMqttSendObservationConvention implements MqttSendObservationConvention {

	public static final DefaultMqttSendObservationConvention INSTANCE = new DefaultMqttSendObservationConvention();

	@Override
	public String getName() {
		return MqttSendObservation.NAME;
	}

	@Override
	public String getContextualName(MqttSendObservationContext context) {
		return context.getParentTopic() + " publish";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttSendObservationContext context) {
		return KeyValues.of(LowCardinalityKeys.MESSAGING_SYSTEM.withValue("apsaramq_mqtt"),
				LowCardinalityKeys.MESSAGING_OPERATION.withValue("publish"),
				LowCardinalityKeys.MESSAGING_DESTINATION_NAME.withValue(context.getParentTopic()),
				LowCardinalityKeys.OUTCOME.withValue(SendOutcome.of(context.getError()).tagValue()),
				LowCardinalityKeys.ERROR_CODE.withValue(SendOutcome.errorCode(context.getError())));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MqttSendObservationContext context) {
		SendResult result = context.getResult();
		KeyValues keyValues = KeyValues.of(HighCardinalityKeys.TOPIC.withValue(context.getTopic()));
		if (result != null) {
			keyValues = keyValues.and(HighCardinalityKeys.MESSAGE_ID.withValue(result.msgId()),
					HighCardinalityKeys.REQUEST_ID.withValue(result.requestId()));
		}
		else if (context.getError() instanceof MqttSendException ex && ex.getRequestId() != null) {
			keyValues = keyValues.and(HighCardinalityKeys.REQUEST_ID.withValue(ex.getRequestId()));
		}
		return keyValues;
	}

}
