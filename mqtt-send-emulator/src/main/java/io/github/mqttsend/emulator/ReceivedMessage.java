package io.github.mqttsend.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A message the emulator accepted and published to the broker.
 *
 * @param msgId the {@code MsgId} it answered
 * @param requestId the {@code RequestId} it answered
 * @param instanceId the {@code InstanceId} parameter
 * @param topic the {@code MqttTopic} parameter: the MQTT topic it was published to
 * @param payload the {@code Payload} parameter exactly as received (the service does not decode Base64)
 * @param accessKeyId the AccessKeyId the request was signed with
 * @param signatureVersion how it was signed
 * @param receivedAt when it arrived, by the emulator's clock
 */
public record ReceivedMessage(String msgId, String requestId, String instanceId, String topic, String payload,
		String accessKeyId, SignatureVersion signatureVersion, Instant receivedAt) {

	/** The bytes published to the broker: the payload's UTF-8 form. */
	public byte[] payloadBytes() {
		return this.payload.getBytes(StandardCharsets.UTF_8);
	}

}
