package io.github.mqttsend.sample;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sample.*}: where the sample sends, how its subscriber connects, and how long it waits for it.
 *
 * @param parentTopic the parent topic the messages go under ({@code <parent>/text}, {@code /json}, {@code /bytes});
 * it must exist on the instance
 * @param receiveTimeout how long to wait for the subscriber to receive every message
 * @param groupId the Group ID of the subscriber's client ID {@code <group-id>@@@<device-id>}; it must exist on the
 * instance
 * @param deviceId the device ID of the subscriber's client ID; default {@code send-sample-} and a random suffix, so
 * that two runs never share a client ID
 * @param brokerUrl the MQTT broker the subscriber connects to; default {@code tcp://<instance-id>.mqtt.aliyuncs.com:1883}
 * for a configured instance (from a VPC: {@code tcp://<instance-id>-internal-vpc.mqtt.aliyuncs.com:1883}), and the
 * emulator's embedded broker without one
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("sample") String parentTopic, @DefaultValue("10s") Duration receiveTimeout,
		@DefaultValue("GID_sample") String groupId, @Nullable String deviceId, @Nullable String brokerUrl) {

	/** The subscriber's client ID: {@code <group-id>@@@<device-id>}. */
	String clientId() {
		String device = (this.deviceId != null && !this.deviceId.isBlank()) ? this.deviceId
				: "send-sample-" + UUID.randomUUID().toString().substring(0, 8);
		return this.groupId + "@@@" + device;
	}

}
