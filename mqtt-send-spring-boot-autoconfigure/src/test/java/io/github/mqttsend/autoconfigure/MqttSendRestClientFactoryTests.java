package io.github.mqttsend.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSendRestClientFactoryTests {

	@Test
	void withNothingSetTimeoutsAreStillBoundedAndRedirectsNotFollowed() {
		HttpClientSettings settings = MqttSendRestClientFactory.settings(new MqttSendProperties.Http(), null, null);
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
	}

	@Test
	void globalSettingsFillWhatOursLeaveOpen() {
		MqttSendProperties.Http http = new MqttSendProperties.Http();
		http.setReadTimeout(Duration.ofMillis(1500));
		HttpClientSettings global = HttpClientSettings.defaults()
			.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30))
			.withRedirects(HttpRedirects.FOLLOW);
		HttpClientSettings settings = MqttSendRestClientFactory.settings(http, global, null);
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(1500));
		// a global redirect policy is for the application's other clients: a redirected POST loses its signature
		assertThat(settings.redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
	}

	@Test
	void anExplicitRedirectPolicyIsKept() {
		MqttSendProperties.Http http = new MqttSendProperties.Http();
		http.setRedirects(HttpRedirects.FOLLOW_WHEN_POSSIBLE);
		assertThat(MqttSendRestClientFactory.settings(http, null, null).redirects())
			.isEqualTo(HttpRedirects.FOLLOW_WHEN_POSSIBLE);
	}

}
