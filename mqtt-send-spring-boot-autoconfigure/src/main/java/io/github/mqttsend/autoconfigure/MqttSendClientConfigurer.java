package io.github.mqttsend.autoconfigure;

import java.net.URI;
import java.util.List;

import io.github.mqttsend.client.Endpoints;
import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.ratelimit.SendRateLimiter;
import io.github.mqttsend.retry.RetrySettings;
import io.github.mqttsend.signing.RequestSigner;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.Lifecycle;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Applies the {@code apsaramq.mqtt} properties and the context's beans to a {@link SendMessageClient.Builder},
 * then the {@link MqttSendClientCustomizer}s. Available as a bean, so that an application that talks to a
 * second instance or region can build another client configured the same way. Owns the HTTP client under the
 * RestClient (it is no bean of its own, so that Boot's {@code ClientHttpRequestFactory} stays the application's)
 * and closes it with the context.
 */
public final class MqttSendClientConfigurer implements DisposableBean {

	private final MqttSendProperties properties;

	private final MqttSendConnectionDetails connectionDetails;

	private final RestClient restClient;

	private final ClientHttpRequestFactory requestFactory;

	private final RequestSigner signer;

	private final CredentialsProvider credentialsProvider;

	private final SendRateLimiter rateLimiter;

	private final List<MqttSendClientCustomizer> customizers;

	MqttSendClientConfigurer(MqttSendProperties properties, MqttSendConnectionDetails connectionDetails,
			RestClient restClient, ClientHttpRequestFactory requestFactory, RequestSigner signer,
			CredentialsProvider credentialsProvider, SendRateLimiter rateLimiter,
			List<MqttSendClientCustomizer> customizers) {
		this.properties = properties;
		this.connectionDetails = connectionDetails;
		this.restClient = restClient;
		this.requestFactory = requestFactory;
		this.signer = signer;
		this.credentialsProvider = credentialsProvider;
		this.rateLimiter = rateLimiter;
		this.customizers = customizers;
	}

	/** Configures {@code builder} and returns it. */
	public SendMessageClient.Builder configure(SendMessageClient.Builder builder) {
		URI endpoint = this.connectionDetails.getEndpoint();
		try {
			endpoint = Endpoints.check(endpoint);
		}
		catch (IllegalArgumentException ex) {
			throw new MqttSendConfigurationException("apsaramq.mqtt.endpoint", ex.getMessage(),
					"Point " + this.connectionDetails + " at an https:// endpoint (http:// only for localhost).");
		}
		builder.endpoint(endpoint)
			.restClient(this.restClient)
			.signer(this.signer)
			.credentialsProvider(this.credentialsProvider)
			.rateLimiter(this.rateLimiter)
			.retrySettings(retrySettings(this.properties.getRetry()));
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	static URI endpoint(MqttSendProperties properties) {
		URI endpoint = properties.getEndpoint();
		if (endpoint != null) {
			try {
				return Endpoints.check(endpoint);
			}
			catch (IllegalArgumentException ex) {
				throw new MqttSendConfigurationException("apsaramq.mqtt.endpoint", ex.getMessage(),
						"Set apsaramq.mqtt.endpoint to an https:// URI such as https://onsmqtt.cn-hangzhou.aliyuncs.com "
								+ "(http:// only for localhost), or remove it and set apsaramq.mqtt.region-id.");
			}
		}
		String regionId = properties.getRegionId();
		if (regionId == null || regionId.isBlank()) {
			throw new MqttSendConfigurationException("apsaramq.mqtt.region-id",
					"no endpoint: neither apsaramq.mqtt.region-id nor apsaramq.mqtt.endpoint is set.",
					"Set apsaramq.mqtt.region-id to your instance's region, e.g. cn-hangzhou (add apsaramq.mqtt.vpc=true "
							+ "inside a VPC), or set apsaramq.mqtt.endpoint.");
		}
		try {
			return Endpoints.forRegion(regionId, properties.isVpc());
		}
		catch (IllegalArgumentException ex) {
			throw new MqttSendConfigurationException("apsaramq.mqtt.region-id", ex.getMessage(),
					"Set apsaramq.mqtt.region-id to a region ID such as cn-hangzhou or ap-southeast-1.");
		}
	}

	static RetrySettings retrySettings(MqttSendProperties.Retry retry) {
		if (!retry.isEnabled()) {
			return RetrySettings.NONE;
		}
		try {
			return new RetrySettings(true, retry.getMaxRetries(), retry.getInitialInterval(), retry.getMultiplier(),
					retry.getMaxInterval(), retry.getJitter(), retry.isRetryUnknownDelivery());
		}
		catch (IllegalArgumentException ex) {
			throw new MqttSendConfigurationException("apsaramq.mqtt.retry", ex.getMessage(),
					"Fix the apsaramq.mqtt.retry.* properties.");
		}
	}

	/** Closes the HTTP client it built: its pooled connections and, for some clients, its threads. */
	@Override
	public void destroy() throws Exception {
		if (this.requestFactory instanceof DisposableBean disposable) {
			disposable.destroy();
		}
		else if (this.requestFactory instanceof AutoCloseable closeable) {
			closeable.close();
		}
		else if (this.requestFactory instanceof Lifecycle lifecycle && lifecycle.isRunning()) {
			lifecycle.stop();
		}
	}

}
