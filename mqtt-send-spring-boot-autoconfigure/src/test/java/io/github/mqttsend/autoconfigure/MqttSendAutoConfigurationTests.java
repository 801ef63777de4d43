package io.github.mqttsend.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockserver.model.Delay;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.testsupport.StarterContextRunner;
import io.github.mqttsend.MqttSendOperations;
import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.PayloadEncoding;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.ratelimit.Bucket4jRateLimiter;
import io.github.mqttsend.ratelimit.SendRateLimiter;
import io.github.mqttsend.retry.RetrySettings;
import io.github.mqttsend.signing.RequestSigner;
import io.github.mqttsend.signing.RpcHmacSha1Signer;
import io.github.mqttsend.signing.SignatureVersion;
import io.github.mqttsend.testsupport.SendMessageServer;

import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockserver.model.HttpRequest.request;

class MqttSendAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = StarterContextRunner.create();

	private SendMessageServer server;

	@BeforeEach
	void startServer() {
		this.server = new SendMessageServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private ApplicationContextRunner configured() {
		return this.contextRunner.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test",
				"apsaramq.mqtt.endpoint=" + this.server.endpoint(), "apsaramq.mqtt.access-key-id=testid",
				"apsaramq.mqtt.access-key-secret=testsecret");
	}

	@Test
	void minimalConfigurationGivesATemplateThatSends() {
		this.server.acceptAll();
		configured().run((context) -> {
			assertThat(context).hasSingleBean(MqttSendTemplate.class)
				.hasSingleBean(SendMessageClient.class)
				.hasSingleBean(CredentialsProvider.class)
				.hasSingleBean(RequestSigner.class)
				.hasSingleBean(SendRateLimiter.class)
				.hasBean(MqttSendAutoConfiguration.TASK_EXECUTOR_BEAN_NAME);
			SendResult result = context.getBean(MqttSendOperations.class).send("alerts/pump", "hello");
			assertThat(result.msgId()).isEqualTo("msg-1");
			assertThat(this.server.received()).singleElement()
				.satisfies((request) -> assertThat(request.getFirstQueryStringParameter("InstanceId"))
					.isEqualTo("mqtt-cn-test"));
		});
	}

	@Test
	void regionGivesThePublicEndpointAndVpcTheVpcOne() {
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=cn-shanghai",
					"apsaramq.mqtt.access-key-id=testid", "apsaramq.mqtt.access-key-secret=testsecret")
			.run((context) -> assertThat(context.getBean(SendMessageClient.class).getEndpoint())
				.hasToString("https://onsmqtt.cn-shanghai.aliyuncs.com"));
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test", "apsaramq.mqtt.region-id=ap-southeast-1",
					"apsaramq.mqtt.vpc=true", "apsaramq.mqtt.access-key-id=testid",
					"apsaramq.mqtt.access-key-secret=testsecret")
			.run((context) -> assertThat(context.getBean(SendMessageClient.class).getEndpoint())
				.hasToString("https://onsmqtt-vpc.ap-southeast-1.aliyuncs.com"));
	}

	@Test
	void propertiesBind() {
		configured()
			.withPropertyValues("apsaramq.mqtt.signature-version=v1", "apsaramq.mqtt.payload-encoding=base64",
					"apsaramq.mqtt.retry.max-retries=5", "apsaramq.mqtt.retry.initial-interval=20ms",
					"apsaramq.mqtt.retry.multiplier=3", "apsaramq.mqtt.retry.max-interval=1s",
					"apsaramq.mqtt.retry.jitter=5ms", "apsaramq.mqtt.retry.retry-unknown-delivery=false",
					"apsaramq.mqtt.rate-limit.host-qps=100", "apsaramq.mqtt.rate-limit.max-wait=250ms",
					"apsaramq.mqtt.async.pool-size=3", "apsaramq.mqtt.http.read-timeout=7s")
			.run((context) -> {
				MqttSendProperties properties = context.getBean(MqttSendProperties.class);
				assertThat(properties.getHttp().getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(properties.getRateLimit().getHostQps()).isEqualTo(100);
				SendMessageClient client = context.getBean(SendMessageClient.class);
				assertThat(client.getSignatureVersion()).isEqualTo(SignatureVersion.V1);
				assertThat(context.getBean(RequestSigner.class)).isInstanceOf(RpcHmacSha1Signer.class);
				assertThat(client.getRetrySettings()).isEqualTo(new RetrySettings(true, 5, Duration.ofMillis(20), 3.0,
						Duration.ofSeconds(1), Duration.ofMillis(5), false));
				assertThat(context.getBean(SendRateLimiter.class)).isInstanceOf(Bucket4jRateLimiter.class)
					.hasToString("Bucket4jRateLimiter[tightest limit 100 calls/s, max wait PT0.25S]");
				assertThat(context.getBean(MqttSendAutoConfiguration.TASK_EXECUTOR_BEAN_NAME,
						ThreadPoolTaskExecutor.class).getMaxPoolSize()).isEqualTo(3);
			});
	}

	@Test
	void payloadEncodingPropertyAppliesToTextPayloads() {
		this.server.acceptAll();
		configured().withPropertyValues("apsaramq.mqtt.payload-encoding=base64").run((context) -> {
			context.getBean(MqttSendTemplate.class).send("alerts/pump", "hi");
			assertThat(this.server.received().get(0).getFirstQueryStringParameter("Payload")).isEqualTo("aGk=");
		});
	}

	@Test
	void retriesAndRateLimitCanBeTurnedOff() {
		configured().withPropertyValues("apsaramq.mqtt.retry.enabled=false", "apsaramq.mqtt.rate-limit.enabled=false")
			.run((context) -> {
				assertThat(context.getBean(SendMessageClient.class).getRetrySettings()).isEqualTo(RetrySettings.NONE);
				assertThat(context.getBean(SendRateLimiter.class)).isNotInstanceOf(Bucket4jRateLimiter.class);
				assertThat(context.getBean(SendRateLimiter.class).acquire()).isZero();
			});
	}

	@Test
	void disabledGivesNoBeans() {
		configured().withPropertyValues("apsaramq.mqtt.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MqttSendOperations.class)
				.doesNotHaveBean(SendMessageClient.class)
				.doesNotHaveBean(MqttSendProperties.class));
	}

	@Test
	void disabledNeedsNoOtherProperty() {
		this.contextRunner.withPropertyValues("apsaramq.mqtt.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MqttSendOperations.class));
	}

	@Test
	void backsOffFromTheApplicationsOwnBeans() {
		configured().withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(MqttSendOperations.class)
				.doesNotHaveBean(MqttSendTemplate.class)
				.getBean(MqttSendOperations.class)
				.isSameAs(context.getBean(UserBeans.class).operations);
			assertThat(context.getBean(CredentialsProvider.class)).isSameAs(UserBeans.CREDENTIALS);
			assertThat(context.getBean(RequestSigner.class)).isSameAs(UserBeans.SIGNER);
			assertThat(context.getBean(SendRateLimiter.class)).isSameAs(UserBeans.LIMITER);
			assertThat(context.getBean(MqttSendAutoConfiguration.TASK_EXECUTOR_BEAN_NAME))
				.isInstanceOf(SyncTaskExecutor.class);
		});
	}

	@Test
	void backsOffFromTheApplicationsOwnClient() {
		configured().withBean(SendMessageClient.class,
				() -> this.server.clientBuilder().signatureVersion(SignatureVersion.V1).build())
			.run((context) -> {
				assertThat(context).hasSingleBean(SendMessageClient.class);
				assertThat(context.getBean(MqttSendTemplate.class).getClient().getSignatureVersion())
					.isEqualTo(SignatureVersion.V1);
			});
	}

	@Test
	void userCredentialsProviderNeedsNoKeysInProperties() {
		this.server.acceptAll();
		this.contextRunner
			.withPropertyValues("apsaramq.mqtt.instance-id=mqtt-cn-test",
					"apsaramq.mqtt.endpoint=" + this.server.endpoint())
			.withBean(CredentialsProvider.class, () -> () -> Credentials.of("userid", "usersecret"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(MqttSendTemplate.class).send("alerts/pump", "x");
				assertThat(this.server.received().get(0).getFirstHeader("authorization"))
					.contains("Credential=userid,");
			});
	}

	@Test
	void connectionDetailsBeanReplacesTheProperties() {
		this.server.acceptAll();
		this.contextRunner.withBean(MqttSendConnectionDetails.class, () -> new MqttSendConnectionDetails() {

			@Override
			public java.net.URI getEndpoint() {
				return MqttSendAutoConfigurationTests.this.server.endpoint();
			}

			@Override
			public String getInstanceId() {
				return "mqtt-cn-emulated";
			}

			@Override
			public Credentials getCredentials() {
				return Credentials.of("emuid", "emusecret");
			}

		}).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(MqttSendTemplate.class).send("alerts/pump", "x");
			var request = this.server.received().get(0);
			assertThat(request.getFirstQueryStringParameter("InstanceId")).isEqualTo("mqtt-cn-emulated");
			assertThat(request.getFirstHeader("authorization")).contains("Credential=emuid,");
		});
	}

	@Test
	void customizersShapeTheClient() {
		configured().withBean(MqttSendClientCustomizer.class,
				() -> (builder) -> builder.signatureVersion(SignatureVersion.V1))
			.run((context) -> assertThat(context.getBean(SendMessageClient.class).getSignatureVersion())
				.isEqualTo(SignatureVersion.V1));
	}

	@Test
	void theClientIsBuiltFromBootsRestClientBuilderSoItsCustomizersApply() {
		this.server.acceptAll();
		configured()
			.withBean(RestClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("x-application", "fleet-service"))
			.run((context) -> {
				context.getBean(MqttSendTemplate.class).send("alerts/pump", "x");
				assertThat(this.server.received().get(0).getFirstHeader("x-application")).isEqualTo("fleet-service");
			});
	}

	@Test
	void readTimeoutComesFromOurPropertyFirst() {
		this.server.mock()
			.when(request().withPath("/"))
			.respond(SendMessageServer.success("late", "late").withDelay(Delay.delay(TimeUnit.MILLISECONDS, 1500)));
		configured()
			.withPropertyValues("apsaramq.mqtt.http.read-timeout=200ms", "spring.http.clients.read-timeout=30s",
					"apsaramq.mqtt.retry.enabled=false")
			.run((context) -> assertThatExceptionOfType(MqttSendException.class)
				.isThrownBy(() -> context.getBean(MqttSendTemplate.class).send("alerts/pump", "x"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("Transport.ReadTimeout")));
	}

	@Test
	void readTimeoutFallsBackToSpringHttpClients() {
		this.server.mock()
			.when(request().withPath("/"))
			.respond(SendMessageServer.success("late", "late").withDelay(Delay.delay(TimeUnit.MILLISECONDS, 1500)));
		configured().withPropertyValues("spring.http.clients.read-timeout=200ms", "apsaramq.mqtt.retry.enabled=false")
			.run((context) -> assertThatExceptionOfType(MqttSendException.class)
				.isThrownBy(() -> context.getBean(MqttSendTemplate.class).send("alerts/pump", "x"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("Transport.ReadTimeout")));
	}

	@Test
	void closingTheContextClosesTheHttpClientItBuilt() {
		this.server.acceptAll();
		AtomicReference<SendMessageClient> client = new AtomicReference<>();
		configured().run((context) -> {
			client.set(context.getBean(SendMessageClient.class));
			assertThat(client.get().send("mqtt-cn-test", "alerts/pump", "x").msgId()).isEqualTo("msg-1");
		});
		// the context is closed: Apache HttpClient's connection pool with it
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client.get().send("mqtt-cn-test", "alerts/pump", "x"))
			.withMessageContaining("shut down");
	}

	@Test
	void redirectsAreNotFollowed() {
		this.server.mock()
			.when(request().withPath("/"))
			.respond(org.mockserver.model.HttpResponse.response()
				.withStatusCode(302)
				.withHeader("Location", this.server.endpoint() + "/elsewhere"));
		this.server.mock().when(request().withPath("/elsewhere")).respond(SendMessageServer.success("moved", "moved"));
		configured().withPropertyValues("apsaramq.mqtt.retry.enabled=false")
			.run((context) -> assertThatExceptionOfType(MqttSendException.class)
				.isThrownBy(() -> context.getBean(MqttSendTemplate.class).send("alerts/pump", "x"))
				.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(302)));
	}

	@Test
	void convertAndSendUsesTheApplicationsJsonMapper() {
		this.server.acceptAll();
		configured()
			.withBean(JsonMapper.class,
					() -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
			.run((context) -> {
				context.getBean(MqttSendTemplate.class).convertAndSend("alerts/pump", new Reading("pump-7", 42));
				assertThat(this.server.received().get(0).getFirstQueryStringParameter("Payload"))
					.isEqualTo("{\"device_id\":\"pump-7\",\"level_percent\":42}");
			});
	}

	@Test
	void sendAsyncRunsOnTheMqttSendExecutor() {
		this.server.acceptAll();
		configured().run((context) -> {
			AtomicReference<String> thread = new AtomicReference<>();
			SendResult result = context.getBean(MqttSendTemplate.class)
				.sendAsync("alerts/pump", "x")
				.whenComplete((r, ex) -> thread.set(Thread.currentThread().getName()))
				.get(10, TimeUnit.SECONDS);
			assertThat(result.msgId()).isEqualTo("msg-1");
			assertThat(thread.get()).startsWith("mqtt-send-");
		});
	}

	@Test
	void userExecutorReplacesOurs() {
		this.server.acceptAll();
		AtomicReference<Integer> ran = new AtomicReference<>(0);
		Executor counting = (task) -> {
			ran.set(ran.get() + 1);
			task.run();
		};
		configured().withBean(MqttSendAutoConfiguration.TASK_EXECUTOR_BEAN_NAME, Executor.class, () -> counting)
			.run((context) -> {
				context.getBean(MqttSendTemplate.class).sendAsync("alerts/pump", "x").get(10, TimeUnit.SECONDS);
				assertThat(ran.get()).isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final CredentialsProvider CREDENTIALS = () -> Credentials.of("userid", "usersecret");

		static final RequestSigner SIGNER = SignatureVersion.V1.newSigner();

		static final SendRateLimiter LIMITER = SendRateLimiter.unlimited();

		final MqttSendOperations operations = org.mockito.Mockito.mock(MqttSendOperations.class);

		@Bean
		MqttSendOperations userOperations() {
			return this.operations;
		}

		@Bean
		CredentialsProvider userCredentials() {
			return CREDENTIALS;
		}

		@Bean
		RequestSigner userSigner() {
			return SIGNER;
		}

		@Bean
		SendRateLimiter userLimiter() {
			return LIMITER;
		}

		@Bean(MqttSendAutoConfiguration.TASK_EXECUTOR_BEAN_NAME)
		SyncTaskExecutor userExecutor() {
			return new SyncTaskExecutor();
		}

	}

	record Reading(String deviceId, int levelPercent) {
	}

}
