package io.github.mqttsend;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One message to send: its topic, its payload (text or bytes), and optionally how the text travels and which
 * instance receives it. Like Kafka's {@code ProducerRecord}: immutable, built once, sent by
 * {@link MqttSendOperations#send(SendRequest)}.
 *
 * <pre>{@code
 * template.send(SendRequest.builder("alerts/p2p/GID_pump@@@pump-7")
 *         .payload(bytes)
 *         .instanceId("mqtt-cn-other")
 *         .build());
 * }</pre>
 *
 * {@link #toString()} names the topic and the payload's size, never its content.
 */
public final class SendRequest {

	private final String topic;

	private final @Nullable String textPayload;

	private final byte @Nullable [] bytesPayload;

	private final @Nullable PayloadEncoding payloadEncoding;

	private final @Nullable String instanceId;

	private SendRequest(Builder builder) {
		this.topic = builder.topic;
		this.textPayload = builder.textPayload;
		this.bytesPayload = builder.bytesPayload;
		this.payloadEncoding = builder.payloadEncoding;
		this.instanceId = builder.instanceId;
	}

	/** A request for a text payload, sent with the template's default encoding and instance. */
	public static SendRequest of(String topic, String payload) {
		return builder(topic).payload(payload).build();
	}

	/** A request for a binary payload, which travels Base64-encoded. */
	public static SendRequest of(String topic, byte[] payload) {
		return builder(topic).payload(payload).build();
	}

	/** A builder for a request to {@code topic}. */
	public static Builder builder(String topic) {
		return new Builder(topic);
	}

	/** The MQTT topic: a parent topic and optional sub-levels, or {@code <parent>/p2p/<clientId>}. */
	public String topic() {
		return this.topic;
	}

	/** The text payload, or {@code null} when the payload is binary. */
	public @Nullable String textPayload() {
		return this.textPayload;
	}

	/** A copy of the binary payload, or {@code null} when the payload is text. */
	public byte @Nullable [] bytesPayload() {
		return (this.bytesPayload != null) ? this.bytesPayload.clone() : null;
	}

	/** How the text payload travels, or {@code null} for the template's default. */
	public @Nullable PayloadEncoding payloadEncoding() {
		return this.payloadEncoding;
	}

	/** The instance that receives the message, or {@code null} for the template's default. */
	public @Nullable String instanceId() {
		return this.instanceId;
	}

	/**
	 * The {@code Payload} parameter as it travels: binary payloads and text with {@link PayloadEncoding#BASE64}
	 * Base64-encoded, text with {@link PayloadEncoding#RAW} as it is.
	 */
	public String wirePayload(PayloadEncoding defaultEncoding) {
		if (this.bytesPayload != null) {
			return Base64.getEncoder().encodeToString(this.bytesPayload);
		}
		String text = Objects.requireNonNull(this.textPayload);
		PayloadEncoding encoding = (this.payloadEncoding != null) ? this.payloadEncoding : defaultEncoding;
		return (encoding == PayloadEncoding.BASE64)
				? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) : text;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof SendRequest that) && this.topic.equals(that.topic)
				&& Objects.equals(this.textPayload, that.textPayload)
				&& Arrays.equals(this.bytesPayload, that.bytesPayload) && this.payloadEncoding == that.payloadEncoding
				&& Objects.equals(this.instanceId, that.instanceId);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.topic, this.textPayload, Arrays.hashCode(this.bytesPayload), this.payloadEncoding,
				this.instanceId);
	}

	@Override
	public String toString() {
		String payload = (this.bytesPayload != null) ? this.bytesPayload.length + " bytes"
				: Objects.requireNonNull(this.textPayload).length() + " chars";
		return "SendRequest[topic=" + this.topic + ", payload=" + payload
				+ ((this.payloadEncoding != null) ? ", encoding=" + this.payloadEncoding : "")
				+ ((this.instanceId != null) ? ", instanceId=" + this.instanceId : "") + "]";
	}

	/** Builds a {@link SendRequest}. */
	public static final class Builder {

		private final String topic;

		private @Nullable String textPayload;

		private byte @Nullable [] bytesPayload;

		private @Nullable PayloadEncoding payloadEncoding;

		private @Nullable String instanceId;

		private Builder(String topic) {
			if (topic == null) {
				throw new MqttSendValidationException("topic", "must not be null");
			}
			this.topic = topic;
		}

		/** A text payload; replaces any payload set before. */
		public Builder payload(String payload) {
			if (payload == null) {
				throw new MqttSendValidationException("payload", "must not be null");
			}
			this.textPayload = payload;
			this.bytesPayload = null;
			return this;
		}

		/** A binary payload, sent Base64-encoded; replaces any payload set before. The array is copied. */
		public Builder payload(byte[] payload) {
			if (payload == null) {
				throw new MqttSendValidationException("payload", "must not be null");
			}
			this.bytesPayload = payload.clone();
			this.textPayload = null;
			return this;
		}

		/** How a text payload travels, overriding the template's {@code payload-encoding}. */
		public Builder payloadEncoding(@Nullable PayloadEncoding payloadEncoding) {
			this.payloadEncoding = payloadEncoding;
			return this;
		}

		/** The instance that receives the message, overriding the template's {@code instance-id}. */
		public Builder instanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
			return this;
		}

		public SendRequest build() {
			if (this.textPayload == null && this.bytesPayload == null) {
				throw new MqttSendValidationException("payload", "must be set");
			}
			return new SendRequest(this);
		}

	}

}
