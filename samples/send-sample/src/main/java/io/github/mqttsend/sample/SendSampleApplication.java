package io.github.mqttsend.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Sends a handful of messages to topics its own MQTT subscriber listens on, and exits: status 0 when every one was
 * received, 1 otherwise. With no {@code apsaramq.mqtt.instance-id} it runs against the in-process emulator, with one
 * against that instance on Alibaba Cloud.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SendSampleApplication {

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/** Runs the sample and returns its exit status. */
	static int run(String... args) {
		return SpringApplication.exit(SpringApplication.run(SendSampleApplication.class, args));
	}

}
