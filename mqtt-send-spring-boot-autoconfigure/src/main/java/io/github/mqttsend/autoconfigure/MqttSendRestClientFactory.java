package io.github.mqttsend.autoconfigure;

import java.time.Duration;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.ClassUtils;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the SendMessage client's {@link RestClient} from Boot's {@link RestClient.Builder}, so that the
 * application's {@code RestClientCustomizer}s and the {@code http.client.requests} observations apply, with
 * its own request factory: timeouts from {@code apsaramq.mqtt.http.*} falling back to
 * {@code spring.http.clients.*} and then to 5 s (connect) and 10 s (read), redirects not followed (a redirected
 * POST would lose its signature), and an Apache HttpClient 5 pool sized for concurrent sends, with HttpClient's
 * own retries turned off.
 * <p>
 * Apache HttpClient 5 by default sends a request again, POSTs included, when it is answered 503 or 429: after a
 * second, with the same headers. For SendMessage that is the same signature nonce (which the gateway refuses as
 * {@code SignatureNonceUsed}), a call that took no rate-limit permit, and an attempt that the retry policy
 * neither counts nor times. Every retry belongs to the {@link io.github.mqttsend.client.SendMessageClient}.
 */
final class MqttSendRestClientFactory {

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils
		.isPresent("org.apache.hc.client5.http.impl.classic.HttpClients", MqttSendRestClientFactory.class.getClassLoader());

	static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

	private MqttSendRestClientFactory() {
	}

	/** The request factory under the client's RestClient; its owner closes it with the context. */
	static ClientHttpRequestFactory requestFactory(MqttSendProperties.Http http,
			ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, @Nullable HttpClientSettings globalSettings,
			@Nullable SslBundles sslBundles) {
		HttpClientSettings settings = settings(http, globalSettings, sslBundles);
		if (HTTP_COMPONENTS_PRESENT) {
			requestFactoryBuilder = HttpComponents.configure(requestFactoryBuilder, http.getMaxConnections());
		}
		return requestFactoryBuilder.build(settings);
	}

	/** Our properties first, then {@code spring.http.clients.*}, then bounds of our own. */
	static HttpClientSettings settings(MqttSendProperties.Http http, @Nullable HttpClientSettings globalSettings,
			@Nullable SslBundles sslBundles) {
		HttpClientSettings settings = new HttpClientSettingsPropertyMapper(sslBundles, globalSettings).map(http);
		if (http.getRedirects() == null) {
			settings = settings.withRedirects(HttpRedirects.DONT_FOLLOW);
		}
		// a send must never hang: bound what neither property bounds
		if (settings.connectTimeout() == null) {
			settings = settings.withConnectTimeout(DEFAULT_CONNECT_TIMEOUT);
		}
		if (settings.readTimeout() == null) {
			settings = settings.withReadTimeout(DEFAULT_READ_TIMEOUT);
		}
		return settings;
	}

	/** Kept apart so that nothing touches Apache HttpClient's types when it is not on the class path. */
	private static final class HttpComponents {

		static ClientHttpRequestFactoryBuilder<?> configure(ClientHttpRequestFactoryBuilder<?> builder,
				int maxConnections) {
			if (builder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
				int max = Math.max(1, maxConnections);
				return httpComponents.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
					.withConnectionManagerCustomizer(
							(connectionManager) -> connectionManager.setMaxConnPerRoute(max).setMaxConnTotal(max));
			}
			return builder;
		}

	}

}
