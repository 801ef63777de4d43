package io.github.mqttsend.testsupport;

import io.github.mqttsend.autoconfigure.MqttSendAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configurations an application with the starter runs: ours, and Boot's Jackson, HTTP client and
 * RestClient ones it is ordered after.
 */
public final class StarterContextRunner {

	private StarterContextRunner() {
	}

	/** A runner with the starter's auto-configuration and Boot's ones beneath it, plus {@code more}. */
	public static ApplicationContextRunner create(Class<?>... more) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MqttSendAutoConfiguration.class, JacksonAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(more));
	}

}
