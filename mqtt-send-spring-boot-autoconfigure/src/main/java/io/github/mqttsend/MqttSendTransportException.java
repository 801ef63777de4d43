package io.github.mqttsend;

import java.io.IOException;

/**
 * No HTTP answer came back: the connection was refused, reset or timed out. {@link #isDeliveryUnknown()} tells
 * whether the request may nevertheless have reached the service.
 */
public class MqttSendTransportException extends MqttSendException {

	private final boolean deliveryUnknown;

	public MqttSendTransportException(String message, String errorCode, boolean deliveryUnknown, IOException cause) {
		super(message, errorCode, 0, null, true, null, cause);
		this.deliveryUnknown = deliveryUnknown;
	}

	@Override
	public boolean isDeliveryUnknown() {
		return this.deliveryUnknown;
	}

}
