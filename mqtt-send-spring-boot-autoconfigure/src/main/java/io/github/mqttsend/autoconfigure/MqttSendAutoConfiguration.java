package io.github.mqttsend.autoconfigure;

import java.util.concurrent.Executor;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.credentials.HostEnvironment;
import io.github.mqttsend.observation.MqttSendMetrics;
import io.github.mqttsend.observation.MqttSendObservationConvention;
import io.github.mqttsend.observation.SendHealthTracker;
import io.github.mqttsend.ratelimit.Bucket4jRateLimiter;
import io.github.mqttsend.ratelimit.SendRateLimiter;
import io.github.mqttsend.signing.RequestSigner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Auto-configures a {@link MqttSendTemplate} that calls ApsaraMQ for MQTT's {@code SendMessage} OpenAPI, from
 * the {@code apsaramq.mqtt.*} properties. Every bean backs off when the application defines its own; extend
 * the client through {@link MqttSendClientCustomizer} beans.
 */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, HttpClientAutoConfiguration.class,
		ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class })
@ConditionalOnClass(RestClient.class)
@ConditionalOnBooleanProperty(name = "apsaramq.mqtt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MqttSendProperties.class)
public final class MqttSendAutoConfiguration {

	/** The name of the executor bean that runs {@code sendAsync}; define one with this name to replace it. */
	public static final String TASK_EXECUTOR_BEAN_NAME = "mqttSendTaskExecutor";

	@Bean
	@ConditionalOnMissingBean
	MqttSendConnectionDetails mqttSendConnectionDetails(MqttSendProperties properties) {
		return new PropertiesMqttSendConnectionDetails(properties);
	}

	/**
	 * The AccessKey of {@code apsaramq.mqtt.access-key-id} (or of the connection details) when set, else Alibaba
	 * Cloud's credentials chain, resolved now; a {@link HostEnvironment} bean replaces the real process
	 * environment the chain reads.
	 */
	@Bean
	@ConditionalOnMissingBean
	CredentialsProvider mqttSendCredentialsProvider(MqttSendProperties properties,
			MqttSendConnectionDetails connectionDetails, ObjectProvider<HostEnvironment> hostEnvironment) {
		return CredentialsProviderFactory.create(properties, connectionDetails,
				hostEnvironment.getIfAvailable(HostEnvironment::system));
	}

	@Bean
	@ConditionalOnMissingBean
	RequestSigner mqttSendRequestSigner(MqttSendProperties properties) {
		return properties.getSignatureVersion().newSigner();
	}

	@Bean
	@ConditionalOnMissingBean
	MqttSendClientConfigurer mqttSendClientConfigurer(MqttSendProperties properties,
			MqttSendConnectionDetails connectionDetails,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles,
			ResourceLoader resourceLoader, RequestSigner signer, CredentialsProvider credentialsProvider,
			SendRateLimiter rateLimiter, ObjectProvider<MqttSendClientCustomizer> customizers) {
		ClientHttpRequestFactory requestFactory = MqttSendRestClientFactory.requestFactory(properties.getHttp(),
				requestFactoryBuilder.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
				httpClientSettings.getIfAvailable(), sslBundles.getIfAvailable());
		RestClient restClient = restClientBuilder.getIfAvailable(RestClient::builder).requestFactory(requestFactory).build();
		return new MqttSendClientConfigurer(properties, connectionDetails, restClient, requestFactory, signer,
				credentialsProvider, rateLimiter, customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	SendMessageClient mqttSendClient(MqttSendClientConfigurer configurer) {
		return configurer.configure(SendMessageClient.builder()).build();
	}

	@Bean(name = TASK_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = TASK_EXECUTOR_BEAN_NAME)
	ThreadPoolTaskExecutor mqttSendTaskExecutor(MqttSendProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		int poolSize = Math.max(1, properties.getAsync().getPoolSize());
		executor.setCorePoolSize(poolSize);
		executor.setMaxPoolSize(poolSize);
		executor.setAllowCoreThreadTimeOut(true);
		executor.setThreadNamePrefix("mqtt-send-");
		// queued sends are finished, not dropped, when the context closes
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationMillis(properties.getAsync().getShutdownTimeout().toMillis());
		return executor;
	}

	@Bean
	@ConditionalOnMissingBean(MqttSendOperations.class)
	MqttSendTemplate mqttSendTemplate(SendMessageClient client, MqttSendProperties properties,
			MqttSendConnectionDetails connectionDetails,
			ObjectProvider<JsonMapper> jsonMapper, @Qualifier(TASK_EXECUTOR_BEAN_NAME) Executor executor,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MqttSendObservationConvention> observationConvention) {
		String instanceId = connectionDetails.getInstanceId();
		MqttSendTemplate template = new MqttSendTemplate(client, instanceId, properties.getPayloadEncoding(),
				jsonMapper.getIfAvailable(JsonMapper::shared), executor);
		observationRegistry.ifUnique(template::setObservationRegistry);
		template.setObservationConvention(observationConvention.getIfUnique());
		return template;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		/** Records {@link MqttSendMetrics} into the context's registry; nothing when there is none. */
		@Bean
		MqttSendClientCustomizer mqttSendMetricsCustomizer(ObjectProvider<MeterRegistry> meterRegistry,
				MqttSendProperties properties) {
			return (builder) -> meterRegistry.ifUnique((registry) -> {
				MqttSendProperties.RateLimit limit = properties.getRateLimit();
				builder.listener(new MqttSendMetrics(registry, limit.isEnabled() ? limit.getAccountQps() : null,
						limit.isEnabled() ? limit.getHostQps() : null));
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("apsaramq-mqtt")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SendHealthTracker mqttSendHealthTracker() {
			return new SendHealthTracker();
		}

		@Bean
		MqttSendClientCustomizer mqttSendHealthTrackerCustomizer(SendHealthTracker tracker) {
			return (builder) -> builder.listener(tracker);
		}

		@Bean
		@ConditionalOnMissingBean(name = "apsaramqMqttHealthIndicator")
		MqttSendHealthIndicator apsaramqMqttHealthIndicator(SendHealthTracker tracker) {
			return new MqttSendHealthIndicator(tracker);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Bucket.class)
	static class Bucket4jRateLimiterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SendRateLimiter mqttSendRateLimiter(MqttSendProperties properties) {
			return rateLimiter(properties.getRateLimit());
		}

		static SendRateLimiter rateLimiter(MqttSendProperties.RateLimit rateLimit) {
			if (!rateLimit.isEnabled()) {
				return SendRateLimiter.unlimited();
			}
			try {
				return new Bucket4jRateLimiter(rateLimit.getMaxWait(), rateLimit.getHostQps(), rateLimit.getAccountQps());
			}
			catch (IllegalArgumentException ex) {
				throw new MqttSendConfigurationException("apsaramq.mqtt.rate-limit", ex.getMessage(),
						"Set apsaramq.mqtt.rate-limit.host-qps and account-qps to at least 2, or turn the limiter off "
								+ "with apsaramq.mqtt.rate-limit.enabled=false.");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.github.bucket4j.Bucket")
	static class NoRateLimiterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SendRateLimiter mqttSendRateLimiter(MqttSendProperties properties) {
			if (properties.getRateLimit().isEnabled()) {
				throw new MqttSendConfigurationException("apsaramq.mqtt.rate-limit.enabled",
						"the rate limiter needs Bucket4j, which is not on the class path.",
						"Depend on mqtt-send-spring-boot-starter (it brings com.bucket4j:bucket4j_jdk17-core), or set "
								+ "apsaramq.mqtt.rate-limit.enabled=false.");
			}
			return SendRateLimiter.unlimited();
		}

	}

}
