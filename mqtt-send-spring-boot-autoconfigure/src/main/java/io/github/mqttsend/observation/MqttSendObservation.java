package io.github.mqttsend.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of one logical send, all its attempts together: a timer {@code apsaramq.mqtt.send} and a
 * producer span.
 */
public enum MqttSendObservation implements ObservationDocumentation {

	/** One call of {@code MqttSendTemplate.send…}, from validation to the last attempt's answer. */
	SEND {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultMqttSendObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

	};

	/** The observation's name, and so the timer's. */
	public static final String NAME = "apsaramq.mqtt.send";

	/** Keys with a bounded set of values: tags of the timer. */
	public enum LowCardinalityKeys implements KeyName {

		MESSAGING_SYSTEM {
			@Override
			public String asString() {
				return "messaging.system";
			}
		},

		MESSAGING_OPERATION {
			@Override
			public String asString() {
				return "messaging.operation";
			}
		},

		/** The parent topic only: the full topic holds client IDs and is unbounded. */
		MESSAGING_DESTINATION_NAME {
			@Override
			public String asString() {
				return "messaging.destination.name";
			}
		},

		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		}

	}

	/** Keys with unbounded values: span attributes only. */
	public enum HighCardinalityKeys implements KeyName {

		TOPIC {
			@Override
			public String asString() {
				return "apsaramq.mqtt.topic";
			}
		},

		MESSAGE_ID {
			@Override
			public String asString() {
				return "messaging.message.id";
			}
		},

		REQUEST_ID {
			@Override
			public String asString() {
				return "apsaramq.mqtt.request_id";
			}
		}

	}

}
