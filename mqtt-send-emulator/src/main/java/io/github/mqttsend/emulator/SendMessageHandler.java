package io.github.mqttsend.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * One SendMessage call: verify the request, take a rate-limit token, check the parameters, apply any injected
 * fault, publish to the broker, answer {@code {"RequestId","MsgId"}} or the error JSON.
 */
final class SendMessageHandler implements HttpHandler {

	private final RequestVerifier verifier;

	private final CallRateLimiter rateLimiter;

	private final FaultInjector faults;

	private final MessageDelivery delivery;

	private final String instanceId;

	private final Clock clock;

	private final List<ReceivedMessage> received;

	private final AtomicInteger calls;

	SendMessageHandler(RequestVerifier verifier, CallRateLimiter rateLimiter, FaultInjector faults,
			MessageDelivery delivery, String instanceId, Clock clock, List<ReceivedMessage> received,
			AtomicInteger calls) {
		this.verifier = verifier;
		this.rateLimiter = rateLimiter;
		this.faults = faults;
		this.delivery = delivery;
		this.instanceId = instanceId;
		this.clock = clock;
		this.received = received;
		this.calls = calls;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		this.calls.incrementAndGet();
		String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
		try {
			IncomingRequest request = read(exchange);
			VerifiedCall call = this.verifier.verify(request);
			if (!this.rateLimiter.tryAcquire()) {
				throw new ServiceError("Throttling.User", "Request was denied due to user flow control: more than "
						+ this.rateLimiter.callsPerSecond() + " SendMessage calls per second.");
			}
			ParameterRules.check(call.parameters(), this.instanceId);
			String topic = call.parameters().get("MqttTopic");
			String payload = call.parameters().get("Payload");
			Fault fault = this.faults.take(topic);
			if (fault instanceof Fault.Error error) {
				throw new ServiceError(error.code(), error.status(), error.message());
			}
			if (fault instanceof Fault.DropConnection drop && !drop.afterDelivery()) {
				exchange.close();
				return;
			}
			if (fault instanceof Fault.Delay delay) {
				pause(delay);
			}
			String msgId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
			this.delivery.publish(topic, payload.getBytes(StandardCharsets.UTF_8));
			this.received.add(new ReceivedMessage(msgId, requestId, this.instanceId, topic, payload, call.accessKeyId(),
					call.signatureVersion(), this.clock.instant()));
			if (fault instanceof Fault.DropConnection) {
				exchange.close();
				return;
			}
			answer(exchange, 200, JsonAnswers.success(requestId, msgId), requestId);
		}
		catch (ServiceError ex) {
			answer(exchange, ex.status(),
					JsonAnswers.error(requestId, hostId(exchange), ex.code(), String.valueOf(ex.getMessage())), requestId);
		}
		catch (RuntimeException ex) {
			answer(exchange, 500, JsonAnswers.error(requestId, hostId(exchange), "InternalError",
					"An error occurred while processing your request: " + ex), requestId);
		}
	}

	private static IncomingRequest read(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		String rawQuery = exchange.getRequestURI().getRawQuery();
		String rawPath = exchange.getRequestURI().getRawPath();
		return new IncomingRequest(exchange.getRequestMethod(), (rawPath != null) ? rawPath : "/",
				(rawQuery != null) ? rawQuery : "", exchange.getRequestHeaders(), body);
	}

	private static void pause(Fault.Delay delay) {
		try {
			Thread.sleep(delay.delay().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceError("InternalError", "The emulator stopped while a delayed call waited.");
		}
	}

	private static void answer(HttpExchange exchange, int status, String json, @Nullable String requestId)
			throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
		if (requestId != null) {
			exchange.getResponseHeaders().set("x-acs-request-id", requestId);
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(bytes);
		}
	}

	private static String hostId(HttpExchange exchange) {
		String host = exchange.getRequestHeaders().getFirst("Host");
		if (host == null || host.isBlank()) {
			return "127.0.0.1";
		}
		int colon = host.lastIndexOf(':');
		return (colon > 0 && !host.endsWith("]")) ? host.substring(0, colon) : host;
	}

}
