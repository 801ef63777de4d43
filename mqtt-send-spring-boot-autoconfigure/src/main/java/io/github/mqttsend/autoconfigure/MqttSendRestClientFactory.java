package io.github.mqttsend.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Builds the SendMessage client's {@link RestClient} from Boot's {@link RestClient.Builder}, so that the
 * application's {@code RestClientCustomizer}s and the {@code http.client.requests} observations apply, with
 * its own request factory: timeouts from {@code apsaramq.mqtt.http.*} falling back to
 * {@code spring.http.clients.*}, redirects not followed (a redirected POST would lose its signature), and an
 * Apache HttpClient 5 pool sized for concurrent sends.
 */
final class MqttSendRestClientFactory {

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils
		.isPresent("org.apache.hc.client5.http.impl.classic.HttpClients", MqttSendRestClientFactory.class.getClassLoader());

	private MqttSendRestClientFactory() {
	}

	static RestClient create(MqttSendProperties.Http http, RestClient.Builder builder,
			ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, @Nullable HttpClientSettings globalSettings,
			@Nullable SslBundles sslBundles) {
		HttpClientSettings settings = new HttpClientSettingsPropertyMapper(sslBundles, globalSettings).map(http);
		if (http.getRedirects() == null) {
			settings = settings.withRedirects(HttpRedirects.DONT_FOLLOW);
		}
		if (HTTP_COMPONENTS_PRESENT) {
			requestFactoryBuilder = HttpComponentsPool.sized(requestFactoryBuilder, http.getMaxConnections());
		}
		return builder.requestFactory(requestFactoryBuilder.build(settings)).build();
	}

	/** Kept apart so that nothing touches Apache HttpClient's types when it is not on the class path. */
	private static final class HttpComponentsPool {

		static ClientHttpRequestFactoryBuilder<?> sized(ClientHttpRequestFactoryBuilder<?> builder, int maxConnections) {
			if (builder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
				int max = Math.max(1, maxConnections);
				return httpComponents.withConnectionManagerCustomizer(
						(connectionManager) -> connectionManager.setMaxConnPerRoute(max).setMaxConnTotal(max));
			}
			return builder;
		}

	}

}
