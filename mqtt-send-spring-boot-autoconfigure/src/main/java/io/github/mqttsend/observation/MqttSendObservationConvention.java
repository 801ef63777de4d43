package io.github.mqttsend.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of a send. Define a bean of this type to replace
 * {@link DefaultMqttSendObservationConvention}, e.g. to add tags.
 */
public interface MqttSendObservationConvention extends ObservationConvention<MqttSendObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MqttSendObservationContext;
	}

}
