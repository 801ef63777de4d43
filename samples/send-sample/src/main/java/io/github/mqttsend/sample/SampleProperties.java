package io.github.mqttsend.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sample.*}: where the sample sends and how long it waits for the subscriber.
 *
 * @param parentTopic the parent topic the messages go under ({@code <parent>/text}, {@code /json}, {@code /bytes})
 * @param receiveTimeout how long to wait for the subscriber to receive every message
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("sample") String parentTopic,
		@DefaultValue("10s") Duration receiveTimeout) {

}
