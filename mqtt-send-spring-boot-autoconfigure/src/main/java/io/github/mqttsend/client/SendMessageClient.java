package io.github.mqttsend.client;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendAuthenticationException;
import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.credentials.CredentialsUnavailableException;
import io.github.mqttsend.ratelimit.SendRateLimiter;
import io.github.mqttsend.retry.RetrySettings;
import io.github.mqttsend.retry.SendRetryPolicy;
import io.github.mqttsend.signing.OpenApiRequest;
import io.github.mqttsend.signing.OpenApiRequest.ParameterPlacement;
import io.github.mqttsend.signing.RequestSigner;
import io.github.mqttsend.signing.SignatureVersion;
import io.github.mqttsend.signing.SignedRequest;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls {@code SendMessage}: for every HTTP attempt it takes a rate-limit permit, signs anew (fresh timestamp
 * and nonce), posts through a {@link RestClient}, and reads the answer; failed attempts that another attempt
 * can fix are retried with back-off. Plain Java and Spring Web: no Spring Boot types. Thread-safe; build one
 * with {@link #builder()} and share it.
 */
public final class SendMessageClient {

	static final String ACTION = "SendMessage";

	static final String API_VERSION = "2020-04-20";

	/** Parameters travel in the query string while it stays within this; beyond it, in a form body. */
	static final int MAX_QUERY_LENGTH = 8 * 1024;

	private final RestClient restClient;

	private final URI endpoint;

	private final String endpointText;

	private final RequestSigner signer;

	private final CredentialsProvider credentialsProvider;

	private final Clock clock;

	private final SendRateLimiter rateLimiter;

	private final SendRetryPolicy retryPolicy;

	private final RetryTemplate retryTemplate;

	private final SendMessageListener listener;

	private final ResponseReader responseReader;

	private SendMessageClient(Builder builder) {
		this.restClient = Objects.requireNonNull(builder.restClient, "restClient");
		this.endpoint = Endpoints.check(Objects.requireNonNull(builder.endpoint, "endpoint"));
		this.endpointText = this.endpoint.toString();
		this.signer = builder.signer;
		this.credentialsProvider = Objects.requireNonNull(builder.credentialsProvider, "credentialsProvider");
		this.clock = builder.clock;
		this.rateLimiter = builder.rateLimiter;
		this.retryPolicy = new SendRetryPolicy(builder.retrySettings);
		this.retryTemplate = new RetryTemplate(this.retryPolicy);
		this.listener = composite(builder.listeners);
		this.responseReader = new ResponseReader(builder.jsonMapper);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Sends one message, retrying as configured. The parameters are sent as given: check them first
	 * ({@link io.github.mqttsend.validation.SendMessageRules}).
	 * @param instanceId the instance
	 * @param topic the MQTT topic
	 * @param payload the {@code Payload} parameter as it travels
	 * @return the service's answer
	 * @throws MqttSendException after the last attempt failed, with the number of attempts made
	 */
	public SendResult send(String instanceId, String topic, String payload) {
		OpenApiRequest request = request(instanceId, topic, payload);
		Attempts attempts = new Attempts(request, instanceId);
		if (!this.retryPolicy.getSettings().enabled()) {
			return attempts.attempt();
		}
		try {
			return this.retryTemplate.execute(attempts);
		}
		catch (RetryException ex) {
			Throwable last = ex.getCause();
			if (last instanceof MqttSendException sendException) {
				throw sendException.withAttempts(attempts.count);
			}
			if (last instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("SendMessage failed", last);
		}
	}

	/** The endpoint this client sends to: scheme and authority only. */
	public URI getEndpoint() {
		return this.endpoint;
	}

	/** The signature version requests are signed with. */
	public SignatureVersion getSignatureVersion() {
		return this.signer.version();
	}

	/** The retry settings in force. */
	public RetrySettings getRetrySettings() {
		return this.retryPolicy.getSettings();
	}

	private OpenApiRequest request(String instanceId, String topic, String payload) {
		TreeMap<String, String> parameters = new TreeMap<>();
		parameters.put("InstanceId", instanceId);
		parameters.put("MqttTopic", topic);
		parameters.put("Payload", payload);
		return new OpenApiRequest(this.endpoint, ACTION, API_VERSION, parameters, ParameterPlacement.QUERY);
	}

	/** One HTTP attempt: the exchange and the answer. */
	private SendResult post(SignedRequest signed, String instanceId) {
		try {
			RestClient.RequestBodySpec post = this.restClient.post()
				.uri(signed.uri())
				.headers((headers) -> signed.headers().forEach(headers::set));
			if (signed.body().length > 0) {
				post.body(signed.body());
			}
			SendResult result = post.exchangeForRequiredValue((httpRequest, response) -> this.responseReader
					.read(response.getStatusCode().value(), response.getHeaders(), response.getBody()), true);
			this.listener.onAttempt(instanceId, null);
			return result;
		}
		catch (MqttSendException ex) {
			this.listener.onAttempt(instanceId, ex);
			throw ex;
		}
		catch (ResourceAccessException ex) {
			// never pass on RestClient's own exception: its message holds the full URI, query and all
			IOException cause = (ex.getCause() instanceof IOException io) ? io
					: new IOException(ex.getClass().getSimpleName());
			MqttSendException failure = TransportErrors.toException(cause, this.endpointText);
			this.listener.onAttempt(instanceId, failure);
			throw failure;
		}
		catch (RestClientException ex) {
			MqttSendException failure = TransportErrors.toException(new IOException(ex.getClass().getSimpleName()),
					this.endpointText);
			this.listener.onAttempt(instanceId, failure);
			throw failure;
		}
	}

	private SignedRequest sign(OpenApiRequest request) {
		Credentials credentials;
		try {
			credentials = this.credentialsProvider.getCredentials();
		}
		catch (CredentialsUnavailableException ex) {
			throw new MqttSendAuthenticationException("SendMessage has no credentials to sign with: " + ex.getMessage(),
					"CredentialsUnavailable", 0, null, ex);
		}
		SignedRequest signed = this.signer.sign(request, credentials, this.clock.instant(), Nonces.next());
		if (request.placement() == ParameterPlacement.QUERY && signed.body().length == 0
				&& signed.uri().getRawQuery().length() > MAX_QUERY_LENGTH) {
			OpenApiRequest inBody = new OpenApiRequest(request.endpoint(), request.action(), request.version(),
					request.parameters(), ParameterPlacement.FORM_BODY);
			return this.signer.sign(inBody, credentials, this.clock.instant(), Nonces.next());
		}
		return signed;
	}

	private static SendMessageListener composite(List<SendMessageListener> listeners) {
		if (listeners.isEmpty()) {
			return new SendMessageListener() {
			};
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<SendMessageListener> all = List.copyOf(listeners);
		return new SendMessageListener() {

			@Override
			public void onPermit(long nanos) {
				all.forEach((listener) -> listener.onPermit(nanos));
			}

			@Override
			public void onAttempt(String instanceId, @Nullable MqttSendException failure) {
				all.forEach((listener) -> listener.onAttempt(instanceId, failure));
			}

			@Override
			public void onRetry(String instanceId, MqttSendException cause) {
				all.forEach((listener) -> listener.onRetry(instanceId, cause));
			}

		};
	}

	/**
	 * The attempts of one send, as a {@link org.springframework.core.retry.Retryable}: counts them and, before a
	 * retry, waits out whatever remains of an {@code x-acs-retry-after} the back-off did not already cover.
	 */
	private final class Attempts implements org.springframework.core.retry.Retryable<SendResult> {

		private final OpenApiRequest request;

		private final String instanceId;

		private int count;

		private @Nullable MqttSendException lastFailure;

		private long lastFailureNanos;

		Attempts(OpenApiRequest request, String instanceId) {
			this.request = request;
			this.instanceId = instanceId;
		}

		@Override
		public SendResult execute() {
			if (this.lastFailure != null) {
				SendMessageClient.this.listener.onRetry(this.instanceId, this.lastFailure);
				waitOutRetryAfter(this.lastFailure);
			}
			try {
				return attempt();
			}
			catch (MqttSendException ex) {
				this.lastFailure = ex;
				this.lastFailureNanos = System.nanoTime();
				throw ex;
			}
		}

		/** One attempt: a rate-limit permit, held until the call has finished; the signature; the exchange. */
		SendResult attempt() {
			try {
				long waitedForPermit = SendMessageClient.this.rateLimiter.acquire();
				try {
					SendMessageClient.this.listener.onPermit(waitedForPermit);
					SignedRequest signed = sign(this.request);
					this.count++;
					return post(signed, this.instanceId);
				}
				finally {
					SendMessageClient.this.rateLimiter.release();
				}
			}
			catch (MqttSendException ex) {
				throw ex.withAttempts(this.count);
			}
		}

		private void waitOutRetryAfter(MqttSendException failure) {
			Duration retryAfter = failure.getRetryAfter();
			if (retryAfter == null) {
				return;
			}
			long remaining = retryAfter.toNanos() - (System.nanoTime() - this.lastFailureNanos);
			if (remaining > 0) {
				try {
					Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw failure;
				}
			}
		}

		@Override
		public String getName() {
			return "SendMessage";
		}

	}

	/** Builds a {@link SendMessageClient}; only the endpoint, the RestClient and the credentials are required. */
	public static final class Builder {

		private @Nullable RestClient restClient;

		private @Nullable URI endpoint;

		private RequestSigner signer = SignatureVersion.V3.newSigner();

		private @Nullable CredentialsProvider credentialsProvider;

		private Clock clock = Clock.systemUTC();

		private SendRateLimiter rateLimiter = SendRateLimiter.unlimited();

		private RetrySettings retrySettings = RetrySettings.DEFAULTS;

		private final List<SendMessageListener> listeners = new ArrayList<>();

		private JsonMapper jsonMapper = JsonMapper.shared();

		private Builder() {
		}

		/** The RestClient to post through; build it from Boot's {@code RestClient.Builder} to keep its settings. */
		public Builder restClient(RestClient restClient) {
			this.restClient = restClient;
			return this;
		}

		/** The service endpoint: {@code https://} (or {@code http://} to loopback), scheme and authority only. */
		public Builder endpoint(URI endpoint) {
			this.endpoint = endpoint;
			return this;
		}

		public Builder signer(RequestSigner signer) {
			this.signer = signer;
			return this;
		}

		public Builder signatureVersion(SignatureVersion version) {
			this.signer = version.newSigner();
			return this;
		}

		public Builder credentialsProvider(CredentialsProvider credentialsProvider) {
			this.credentialsProvider = credentialsProvider;
			return this;
		}

		/** The clock that timestamps requests; the service refuses timestamps more than 15 minutes off. */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public Builder rateLimiter(SendRateLimiter rateLimiter) {
			this.rateLimiter = rateLimiter;
			return this;
		}

		public Builder retrySettings(RetrySettings retrySettings) {
			this.retrySettings = retrySettings;
			return this;
		}

		public Builder listener(SendMessageListener listener) {
			this.listeners.add(listener);
			return this;
		}

		/** The mapper that reads the service's answers; by default Jackson's shared {@link JsonMapper}. */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		public SendMessageClient build() {
			return new SendMessageClient(this);
		}

	}

}
