package io.github.mqttsend.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

import io.github.mqttsend.SendRequest;
import io.github.mqttsend.SendResult;

/**
 * What an observation of one send knows: the request, the instance, and the service's answer once it came. A
 * producer-side context; SendMessage has no headers to carry trace context, so nothing is propagated.
 */
public final class MqttSendObservationContext extends SenderContext<SendRequest> {

	private final SendRequest request;

	private final @Nullable String instanceId;

	private @Nullable SendResult result;

	public MqttSendObservationContext(SendRequest request, @Nullable String instanceId) {
		super((carrier, key, value) -> {
		}, Kind.PRODUCER);
		this.request = request;
		this.instanceId = instanceId;
		setCarrier(request);
		setRemoteServiceName("apsaramq-mqtt");
	}

	public SendRequest getRequest() {
		return this.request;
	}

	/** The full topic, client ID of a point-to-point topic included. */
	public String getTopic() {
		return this.request.topic();
	}

	/** The parent topic: the first level, bounded in number (25 per instance) unlike the full topic. */
	public String getParentTopic() {
		String topic = this.request.topic();
		int slash = topic.indexOf('/');
		return (slash < 0) ? topic : topic.substring(0, slash);
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public @Nullable SendResult getResult() {
		return this.result;
	}

	public void setResult(@Nullable SendResult result) {
		this.result = result;
	}

}
