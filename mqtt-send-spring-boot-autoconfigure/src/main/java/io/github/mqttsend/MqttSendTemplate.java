package io.github.mqttsend;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.observation.ObservationRegistry;

import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.observation.DefaultMqttSendObservationConvention;
import io.github.mqttsend.observation.MqttSendObservation;
import io.github.mqttsend.observation.MqttSendObservationContext;
import io.github.mqttsend.observation.MqttSendObservationConvention;
import io.github.mqttsend.validation.SendMessageRules;

/**
 * The way to send messages to MQTT devices from a server: checks each message against the service's rules,
 * turns payloads into the {@code Payload} parameter, and sends through a {@link SendMessageClient} (signing,
 * retries, rate limits). Thread-safe.
 *
 * <pre>{@code
 * SendResult result = template.send("alerts/p2p/GID_pump@@@pump-7", "{\"level\":\"high\"}");
 * template.convertAndSend("telemetry/settings", new Settings(30, "eco"));
 * template.sendAsync("alerts", "tick").thenAccept(r -> log.info("sent {}", r.msgId()));
 * }</pre>
 */
public class MqttSendTemplate implements MqttSendOperations {

	private final SendMessageClient client;

	private final @Nullable String defaultInstanceId;

	private final PayloadEncoding payloadEncoding;

	private final JsonMapper jsonMapper;

	private final Executor asyncExecutor;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable MqttSendObservationConvention observationConvention;

	/**
	 * @param client the client that makes the calls
	 * @param defaultInstanceId the instance messages go to unless a {@link SendRequest} names another
	 * @param payloadEncoding how text payloads travel unless a {@link SendRequest} says otherwise
	 * @param jsonMapper serialises {@link #convertAndSend(String, Object)} payloads
	 * @param asyncExecutor runs the {@code sendAsync} methods
	 */
	public MqttSendTemplate(SendMessageClient client, @Nullable String defaultInstanceId,
			PayloadEncoding payloadEncoding, JsonMapper jsonMapper, Executor asyncExecutor) {
		this.client = Objects.requireNonNull(client, "client");
		this.defaultInstanceId = defaultInstanceId;
		this.payloadEncoding = Objects.requireNonNull(payloadEncoding, "payloadEncoding");
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.asyncExecutor = Objects.requireNonNull(asyncExecutor, "asyncExecutor");
	}

	@Override
	public SendResult send(String topic, String payload) {
		return send(SendRequest.of(topic, payload));
	}

	@Override
	public SendResult send(String topic, byte[] payload) {
		return send(SendRequest.of(topic, payload));
	}

	@Override
	public SendResult send(SendRequest request) {
		Objects.requireNonNull(request, "request");
		String instanceId = (request.instanceId() != null) ? request.instanceId() : this.defaultInstanceId;
		if (this.observationRegistry.isNoop()) {
			return doSend(request, instanceId);
		}
		MqttSendObservationContext context = new MqttSendObservationContext(request, instanceId);
		return MqttSendObservation.SEND
			.observation(this.observationConvention, DefaultMqttSendObservationConvention.INSTANCE, () -> context,
					this.observationRegistry)
			.observe(() -> {
				SendResult result = doSend(request, instanceId);
				context.setResult(result);
				return result;
			});
	}

	private SendResult doSend(SendRequest request, @Nullable String instanceId) {
		String wirePayload = request.wirePayload(this.payloadEncoding);
		SendMessageRules.check(instanceId, request.topic(), wirePayload);
		return this.client.send(Objects.requireNonNull(instanceId), request.topic(), wirePayload);
	}

	@Override
	public SendResult convertAndSend(String topic, Object payload) {
		return send(topic, toJson(payload));
	}

	@Override
	public CompletableFuture<SendResult> sendAsync(String topic, String payload) {
		return sendAsync(SendRequest.of(topic, payload));
	}

	@Override
	public CompletableFuture<SendResult> sendAsync(String topic, byte[] payload) {
		return sendAsync(SendRequest.of(topic, payload));
	}

	@Override
	public CompletableFuture<SendResult> sendAsync(SendRequest request) {
		try {
			return CompletableFuture.supplyAsync(() -> send(request), this.asyncExecutor);
		}
		catch (RejectedExecutionException ex) {
			// a saturated or stopped executor fails the future; it never throws at, or blocks, the caller
			return CompletableFuture.failedFuture(new MqttSendException(
					"SendMessage could not be scheduled: the async executor rejected it (" + ex.getMessage() + ")",
					"AsyncRejected", 0, null, true, null, ex));
		}
	}

	/**
	 * The registry that observes every send (a timer {@code apsaramq.mqtt.send} and a producer span); none by
	 * default.
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
	}

	/** A convention that replaces {@link DefaultMqttSendObservationConvention}; {@code null} for the default. */
	public void setObservationConvention(@Nullable MqttSendObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/** The client this template sends through. */
	public SendMessageClient getClient() {
		return this.client;
	}

	/** The instance messages go to unless a {@link SendRequest} names another. */
	public @Nullable String getDefaultInstanceId() {
		return this.defaultInstanceId;
	}

	private String toJson(Object payload) {
		if (payload == null) {
			throw new MqttSendValidationException("payload", "must not be null");
		}
		try {
			return this.jsonMapper.writeValueAsString(payload);
		}
		catch (JacksonException ex) {
			throw new MqttSendValidationException("payload",
					"cannot be written as JSON (" + payload.getClass().getName() + "): " + ex.getOriginalMessage());
		}
	}

}
