package io.github.mqttsend.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockserver.matchers.Times;
import org.mockserver.model.Delay;
import org.mockserver.model.HttpError;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendAuthenticationException;
import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendInvalidParameterException;
import io.github.mqttsend.MqttSendPermissionException;
import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.MqttSendThrottledException;
import io.github.mqttsend.MqttSendTransportException;
import io.github.mqttsend.MqttSendUnexpectedResponseException;
import io.github.mqttsend.MqttSendValidationException;
import io.github.mqttsend.PayloadEncoding;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.retry.RetrySettings;
import io.github.mqttsend.signing.RequestSigner;
import io.github.mqttsend.signing.SignatureVersion;
import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.SendMessageServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Every way an attempt can fail, one scenario each, with what the caller sees: the result or the exception (its
 * class, code, the {@code RequestId} of the last answer, the number of attempts), how many attempts reached the
 * server, that each attempt was signed with a nonce of its own, and how long the send took at most. The bound is
 * computed from the settings: every attempt may take up to the read timeout, every back-off up to its largest
 * jittered value (capped at {@code maxInterval}), plus any {@code x-acs-retry-after} and a fixed slack for a
 * loaded 2-core machine.
 */
class RetryFaultSuiteTests {

	private static final String INSTANCE = "mqtt-cn-test";

	private static final String TOPIC = "alerts/pump";

	private static final String NONCE_HEADER = "x-acs-signature-nonce";

	/** Read timeout for the scenarios where the server answers at once: generous, so a cold JVM never trips it. */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

	/** Read timeout for the scenarios that provoke one. */
	private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

	/** Longer than {@link #SHORT_READ_TIMEOUT} by a wide margin: a read timeout is certain. */
	private static final Delay LATE = Delay.delay(TimeUnit.MILLISECONDS, 1500);

	/** Back-offs of 10, 20, 40 ms (jitter ±5 ms scaled with the interval, capped at 40 ms): 3 retries, 4 attempts. */
	private static final RetrySettings RETRY = new RetrySettings(true, 3, Duration.ofMillis(10), 2.0,
			Duration.ofMillis(40), Duration.ofMillis(5), true);

	private static final RetrySettings RETRY_KNOWN_DELIVERY_ONLY = new RetrySettings(true, 3, Duration.ofMillis(10),
			2.0, Duration.ofMillis(40), Duration.ofMillis(5), false);

	/** What a loaded machine may add to a send beyond its timeouts and back-offs: connection set-up, GC, JIT. */
	private static final Duration SLACK = Duration.ofMillis(1500);

	private SendMessageServer server;

	/** Every HTTP attempt the client reports, in order: {@code null} for an accepted one. */
	private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();

	/** Every nonce the client signed with, in order. */
	private final Queue<String> signedNonces = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void startServer() {
		this.server = new SendMessageServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	// ---- 5xx the service answers: retried ----------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "SendMessageFailed", "InternalError", "SystemOverFlow" })
	void a500ThatAnotherAttemptCanFixIsRetried(String code) {
		answerOnce(SendMessageServer.error(500, code, "req-fail"));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertServerSawDistinctNonces(2);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 2, Duration.ZERO));
	}

	@Test
	void a500EveryTimeGivesUpAfterMaxRetriesWithTheLastAnswersCodeAndRequestId() {
		for (int i = 1; i <= RETRY.maxAttempts(); i++) {
			answerOnce(SendMessageServer.error(500, (i % 2 == 0) ? "InternalError" : "SendMessageFailed", "req-" + i));
		}
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		// 4 attempts: the 4th answer is InternalError with req-4
		MqttSendException ex = outcome.assertFailed(MqttSendException.class, "InternalError", "req-4", 4);
		assertThat(ex.getHttpStatus()).isEqualTo(500);
		assertThat(ex.isRetryable()).isTrue();
		assertServerSawDistinctNonces(4);
		assertThat(this.attempts).hasSize(4).allSatisfy((attempt) -> assertThat(attempt.failure()).isNotNull());
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 4, Duration.ZERO));
	}

	@Test
	void a503ServiceUnavailableIsRetriedByThePolicyNotByTheHttpClient() {
		// Apache HttpClient 5 on its own repeats a POST answered 503 or 429 after 1 s, with the same signature
		// and nonce and without a permit. This client has that off, like the starter's: here the policy's retry
		// is checked; that the starter's own HTTP client has it off is HttpClientOwnRetriesTests' job
		answerOnce(SendMessageServer.error(503, "ServiceUnavailable", "req-503"));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertThat(this.attempts).hasSize(2);
		assertServerSawDistinctNonces(2);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 2, Duration.ZERO));
	}

	@Test
	void aZeroInitialIntervalWithJitterRetriesAtOnce() {
		// allowed by RetrySettings (apsaramq.mqtt.retry.initial-interval=0 keeps the default 50 ms jitter), and
		// Spring's ExponentialBackOff divides by the initial interval to scale the jitter
		RetrySettings immediate = new RetrySettings(true, 3, Duration.ZERO, 2.0, Duration.ofSeconds(1),
				Duration.ofMillis(50), true);
		answerOnce(SendMessageServer.error(500, "InternalError", "req-fail"));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(immediate, READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertServerSawDistinctNonces(2);
		outcome.assertTookLessThan(bound(immediate, READ_TIMEOUT, 2, Duration.ZERO));
	}

	// ---- the gateway's throttling: HTTP 400, retried ------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "Throttling", "Throttling.User", "Throttling.Api" })
	void throttlingIsA400ThatIsRetried(String code) {
		answerOnce(SendMessageServer.error(400, code, "req-throttled"));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertServerSawDistinctNonces(2);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 2, Duration.ZERO));
	}

	@Test
	void throttlingEveryTimeEndsThrottledWithTheLastRequestId() {
		for (int i = 1; i <= RETRY.maxAttempts(); i++) {
			answerOnce(SendMessageServer.error(400, "Throttling.User", "req-" + i));
		}
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		MqttSendException ex = outcome.assertFailed(MqttSendThrottledException.class, "Throttling.User", "req-4", 4);
		assertThat(ex.getHttpStatus()).isEqualTo(400);
		assertServerSawDistinctNonces(4);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 4, Duration.ZERO));
	}

	@Test
	void retryAfterIsWaitedOutEvenWhenTheBackOffIsShorter() {
		// both answers come from a callback that notes when each request arrived at the server
		AtomicLong firstArrival = new AtomicLong();
		AtomicLong secondArrival = new AtomicLong();
		this.server.mock().when(request().withPath("/")).respond((HttpRequest received) -> {
			long now = System.nanoTime();
			if (firstArrival.compareAndSet(0, now)) {
				return SendMessageServer.error(400, "Throttling", "req-throttled").withHeader("x-acs-retry-after", "300");
			}
			secondArrival.compareAndSet(0, now);
			return SendMessageServer.success("msg-ok", "req-ok");
		});
		RetrySettings retryAfterAllowed = new RetrySettings(true, 3, Duration.ofMillis(10), 2.0,
				Duration.ofMillis(500), Duration.ofMillis(5), true);
		Outcome outcome = send(client(retryAfterAllowed, READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertServerSawDistinctNonces(2);
		assertThat(Duration.ofNanos(secondArrival.get() - firstArrival.get()))
			.as("second attempt's arrival after the first's, at the server")
			.isGreaterThanOrEqualTo(Duration.ofMillis(300));
		outcome.assertTookLessThan(bound(retryAfterAllowed, READ_TIMEOUT, 2, Duration.ofMillis(300)));
	}

	@Test
	void retryAfterLongerThanMaxIntervalIsNotWaitedFor() {
		answerOnce(SendMessageServer.error(400, "Throttling", "req-throttled").withHeader("x-acs-retry-after", "5000"));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		MqttSendException ex = outcome.assertFailed(MqttSendThrottledException.class, "Throttling", "req-throttled", 1);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(5));
		assertServerSawDistinctNonces(1);
		// one attempt, no back-off, and certainly not the 5 s asked for
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 1, Duration.ZERO));
	}

	// ---- answers no other attempt can fix: not retried ----------------------------------------------------

	@Test
	void parameterCheckFailedIsNotRetried() {
		answerAlways(SendMessageServer.error(400, "ParameterCheckFailed", "req-param"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertFailed(MqttSendInvalidParameterException.class, "ParameterCheckFailed", "req-param", 1);
		assertServerSawDistinctNonces(1);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 1, Duration.ZERO));
	}

	@Test
	void signatureDoesNotMatchIsNotRetried() {
		answerAlways(SendMessageServer.error(400, "SignatureDoesNotMatch", "req-sig"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertFailed(MqttSendAuthenticationException.class, "SignatureDoesNotMatch", "req-sig", 1);
		assertServerSawDistinctNonces(1);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 1, Duration.ZERO));
	}

	@Test
	void permissionCheckFailedIsNotRetried() {
		answerAlways(SendMessageServer.error(400, "PermissionCheckFailed", "req-perm"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertFailed(MqttSendPermissionException.class, "PermissionCheckFailed", "req-perm", 1);
		assertServerSawDistinctNonces(1);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 1, Duration.ZERO));
	}

	// ---- answers that are not the service's JSON -----------------------------------------------------------

	@Test
	void a502HtmlPageFromAProxyIsRetried() {
		answerOnce(badGateway());
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertServerSawDistinctNonces(2);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 2, Duration.ZERO));
	}

	@Test
	void a502EveryTimeEndsAsAnUnexpectedResponse() {
		answerAlways(badGateway());
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		MqttSendUnexpectedResponseException ex = outcome.assertFailed(MqttSendUnexpectedResponseException.class,
				"UnexpectedResponse", null, 4);
		assertThat(ex.getHttpStatus()).isEqualTo(502);
		assertThat(ex.getBodyExcerpt()).contains("502 Bad Gateway");
		assertServerSawDistinctNonces(4);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 4, Duration.ZERO));
	}

	@Test
	void a200ThatIsNotJsonIsNotRetried() {
		answerAlways(response().withStatusCode(200).withHeader("Content-Type", "text/html").withBody("<html>hi</html>"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		MqttSendUnexpectedResponseException ex = outcome.assertFailed(MqttSendUnexpectedResponseException.class,
				"UnexpectedResponse", null, 1);
		assertThat(ex.getHttpStatus()).isEqualTo(200);
		assertThat(ex.isRetryable()).isFalse();
		assertServerSawDistinctNonces(1);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 1, Duration.ZERO));
	}

	@Test
	void anEmpty200IsNotRetried() {
		answerAlways(response().withStatusCode(200));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		MqttSendUnexpectedResponseException ex = outcome.assertFailed(MqttSendUnexpectedResponseException.class,
				"UnexpectedResponse", null, 1);
		assertThat(ex.getMessage()).contains("an empty body");
		assertServerSawDistinctNonces(1);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 1, Duration.ZERO));
	}

	// ---- no answer at all -----------------------------------------------------------------------------------

	@Test
	void aRefusedConnectionIsRetriedAndNeverLeavesDeliveryUnknown() {
		URI closed = URI.create("http://127.0.0.1:" + CredentialsServers.closedPort());
		Outcome outcome = send(client(RETRY, READ_TIMEOUT).endpoint(closed).build());
		MqttSendTransportException ex = outcome.assertFailed(MqttSendTransportException.class,
				TransportErrors.CONNECT_FAILED, null, 4);
		assertThat(ex.isDeliveryUnknown()).isFalse();
		assertThat(ex.getHttpStatus()).isZero();
		// the server is not involved: the listener counts the attempts, the signer the nonces
		assertThat(this.attempts).hasSize(4)
			.allSatisfy((attempt) -> assertThat(attempt.failure()).isInstanceOf(MqttSendTransportException.class));
		assertThat(this.signedNonces).hasSize(4).doesNotHaveDuplicates();
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 4, Duration.ZERO));
	}

	@Test
	void aConnectionDroppedBeforeTheAnswerIsRetriedAndLeavesDeliveryUnknown() {
		answerOnce(HttpError.error().withDropConnection(true));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertThat(this.attempts).first()
			.satisfies((attempt) -> assertThat(attempt.failure()).isInstanceOf(MqttSendTransportException.class)
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(TransportErrors.CONNECTION_LOST))
				.satisfies((ex) -> assertThat(ex.isDeliveryUnknown()).isTrue()));
		assertServerSawDistinctNonces(2);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 2, Duration.ZERO));
	}

	@Test
	void aConnectionDroppedEveryTimeEndsAsConnectionLost() {
		answerAlways(HttpError.error().withDropConnection(true));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		MqttSendTransportException ex = outcome.assertFailed(MqttSendTransportException.class,
				TransportErrors.CONNECTION_LOST, null, 4);
		assertThat(ex.isDeliveryUnknown()).isTrue();
		assertThat(ex.getMessage()).contains("Delivery is unknown");
		assertServerSawDistinctNonces(4);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 4, Duration.ZERO));
	}

	@Test
	void aConnectionDroppedHalfwayThroughTheAnswerIsRetried() {
		// the status line and headers arrive, then the body stops short of its Content-Length
		byte[] truncated = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
				+ "{\"RequestId\":\"req-cut\",\"Ms").getBytes(StandardCharsets.US_ASCII);
		answerOnce(HttpError.error().withResponseBytes(truncated).withDropConnection(true));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY, READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertThat(this.attempts).first()
			.satisfies((attempt) -> assertThat(attempt.failure()).isInstanceOf(MqttSendTransportException.class)
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(TransportErrors.CONNECTION_LOST))
				.satisfies((ex) -> assertThat(ex.isDeliveryUnknown()).isTrue()));
		assertServerSawDistinctNonces(2);
		outcome.assertTookLessThan(bound(RETRY, READ_TIMEOUT, 2, Duration.ZERO));
	}

	@Test
	void aReadTimeoutThenAnAnswerIsRetried() {
		answerOnce(SendMessageServer.success("msg-late", "req-late").withDelay(LATE));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY, SHORT_READ_TIMEOUT));
		outcome.assertSucceeded("msg-ok", "req-ok");
		assertThat(this.attempts).first()
			.satisfies((attempt) -> assertThat(attempt.failure()).isInstanceOf(MqttSendTransportException.class)
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(TransportErrors.READ_TIMEOUT))
				.satisfies((ex) -> assertThat(ex.isDeliveryUnknown()).isTrue()));
		assertServerSawDistinctNonces(2);
		assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(SHORT_READ_TIMEOUT);
		outcome.assertTookLessThan(bound(RETRY, SHORT_READ_TIMEOUT, 2, Duration.ZERO));
	}

	@Test
	void aReadTimeoutEveryTimeEndsAsReadTimeout() {
		answerAlways(SendMessageServer.success("msg-late", "req-late").withDelay(LATE));
		Outcome outcome = send(client(RETRY, SHORT_READ_TIMEOUT));
		MqttSendTransportException ex = outcome.assertFailed(MqttSendTransportException.class,
				TransportErrors.READ_TIMEOUT, null, 4);
		assertThat(ex.isDeliveryUnknown()).isTrue();
		assertServerSawDistinctNonces(4);
		assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(SHORT_READ_TIMEOUT.multipliedBy(4));
		outcome.assertTookLessThan(bound(RETRY, SHORT_READ_TIMEOUT, 4, Duration.ZERO));
	}

	@Test
	void aReadTimeoutIsNotRetriedWhenUnknownDeliveryMustNotBeRetried() {
		answerOnce(SendMessageServer.success("msg-late", "req-late").withDelay(LATE));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		Outcome outcome = send(client(RETRY_KNOWN_DELIVERY_ONLY, SHORT_READ_TIMEOUT));
		MqttSendTransportException ex = outcome.assertFailed(MqttSendTransportException.class,
				TransportErrors.READ_TIMEOUT, null, 1);
		assertThat(ex.isDeliveryUnknown()).isTrue();
		assertThat(ex.getMessage()).contains("Delivery is unknown");
		assertServerSawDistinctNonces(1);
		outcome.assertTookLessThan(bound(RETRY_KNOWN_DELIVERY_ONLY, SHORT_READ_TIMEOUT, 1, Duration.ZERO));
	}

	@Test
	void aRefusedConnectionIsStillRetriedWhenUnknownDeliveryMustNotBeRetried() {
		// nothing was sent, so retrying cannot store the message twice
		URI closed = URI.create("http://127.0.0.1:" + CredentialsServers.closedPort());
		Outcome outcome = send(client(RETRY_KNOWN_DELIVERY_ONLY, READ_TIMEOUT).endpoint(closed).build());
		outcome.assertFailed(MqttSendTransportException.class, TransportErrors.CONNECT_FAILED, null, 4);
		assertThat(this.attempts).hasSize(4);
		outcome.assertTookLessThan(bound(RETRY_KNOWN_DELIVERY_ONLY, READ_TIMEOUT, 4, Duration.ZERO));
	}

	// ---- local checks -----------------------------------------------------------------------------------

	@Test
	void localValidationErrorsNeverReachTheServer() {
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		MqttSendTemplate template = template(client(RETRY, READ_TIMEOUT), Runnable::run);
		assertThat(catchThrowableOfType(MqttSendValidationException.class,
				() -> template.send("no spaces/allowed", "x")))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("topic"));
		assertThat(catchThrowableOfType(MqttSendValidationException.class,
				() -> template.send(TOPIC, "x".repeat(64 * 1024 + 1))))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("payload"));
		assertThat(this.attempts).isEmpty();
		assertThat(this.signedNonces).isEmpty();
		assertThat(this.server.received()).isEmpty();
	}

	// ---- the same through sendAsync on a real executor ------------------------------------------------------

	@Test
	void sendAsyncCompletesExceptionallyWithinTheSameBound() {
		answerAlways(SendMessageServer.error(500, "SendMessageFailed", "req-fail"));
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			MqttSendTemplate template = template(client(RETRY, READ_TIMEOUT), executor);
			Duration bound = bound(RETRY, READ_TIMEOUT, 4, Duration.ZERO);
			long start = System.nanoTime();
			AtomicLong completedAt = new AtomicLong();
			CompletableFuture<SendResult> future = template.sendAsync(TOPIC, "x")
				.whenComplete((result, ex) -> completedAt.set(System.nanoTime()));
			await().atMost(bound).until(future::isDone);
			assertThat(future).isCompletedExceptionally();
			Throwable cause = future.handle((result, ex) -> ex).join();
			while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
				cause = cause.getCause();
			}
			assertThat(cause).isInstanceOf(MqttSendException.class);
			MqttSendException ex = (MqttSendException) cause;
			assertThat(ex.getErrorCode()).isEqualTo("SendMessageFailed");
			assertThat(ex.getRequestId()).isEqualTo("req-fail");
			assertThat(ex.getAttempts()).isEqualTo(4);
			assertServerSawDistinctNonces(4);
			assertThat(Duration.ofNanos(completedAt.get() - start)).isLessThan(bound);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void sendAsyncRetriesToSuccess() throws Exception {
		answerOnce(SendMessageServer.error(500, "SystemOverFlow", "req-fail"));
		answerAlways(SendMessageServer.success("msg-ok", "req-ok"));
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			MqttSendTemplate template = template(client(RETRY, READ_TIMEOUT), executor);
			Duration bound = bound(RETRY, READ_TIMEOUT, 2, Duration.ZERO);
			SendResult result = template.sendAsync(TOPIC, "x").get(bound.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(result).isEqualTo(new SendResult("msg-ok", "req-ok"));
			assertServerSawDistinctNonces(2);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void sendAsyncFailsLocalValidationWithoutSending() {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			MqttSendTemplate template = template(client(RETRY, READ_TIMEOUT), executor);
			CompletableFuture<SendResult> future = template.sendAsync("x", "too short a topic");
			await().atMost(SLACK).until(future::isDone);
			assertThat(future).isCompletedExceptionally();
			assertThat(future.handle((result, ex) -> ex).join()).hasRootCauseInstanceOf(
					MqttSendValidationException.class);
			assertThat(this.server.received()).isEmpty();
		}
		finally {
			executor.shutdownNow();
		}
	}

	// ---- helpers ----------------------------------------------------------------------------------------------

	/**
	 * The longest a send of {@code attempts} attempts may take: each attempt up to the read timeout; each of
	 * the {@code attempts - 1} back-offs up to its interval plus the jitter grown with it, capped at
	 * {@code maxInterval} as Spring's {@code ExponentialBackOff} caps it; any {@code x-acs-retry-after} on top;
	 * and {@link #SLACK}.
	 */
	static Duration bound(RetrySettings settings, Duration readTimeout, int attempts, Duration retryAfter) {
		return readTimeout.multipliedBy(attempts)
			.plus(maxBackOff(settings, attempts - 1))
			.plus(retryAfter)
			.plus(SLACK);
	}

	static Duration maxBackOff(RetrySettings settings, int backOffs) {
		long max = Math.max(settings.maxInterval().toMillis(), settings.initialInterval().toMillis());
		double interval = settings.initialInterval().toMillis();
		double jitter = settings.jitter().toMillis();
		long total = 0;
		for (int i = 0; i < backOffs; i++) {
			total += Math.min((long) Math.ceil(interval + jitter), max);
			interval *= settings.multiplier();
			jitter *= settings.multiplier();
		}
		return Duration.ofMillis(total);
	}

	private SendMessageClient.Builder client(RetrySettings retry, Duration readTimeout) {
		RequestSigner v3 = SignatureVersion.V3.newSigner();
		RequestSigner recording = new RequestSigner() {

			@Override
			public io.github.mqttsend.signing.SignedRequest sign(io.github.mqttsend.signing.OpenApiRequest request,
					io.github.mqttsend.credentials.Credentials credentials, java.time.Instant timestamp,
					String nonce) {
				RetryFaultSuiteTests.this.signedNonces.add(nonce);
				return v3.sign(request, credentials, timestamp, nonce);
			}

			@Override
			public SignatureVersion version() {
				return v3.version();
			}

		};
		return this.server.clientBuilder()
			.restClient(SendMessageServer.restClient(readTimeout))
			.retrySettings(retry)
			.signer(recording)
			.listener(new SendMessageListener() {

				@Override
				public void onAttempt(String instanceId, @Nullable MqttSendException failure) {
					RetryFaultSuiteTests.this.attempts.add(new Attempt(System.nanoTime(), failure));
				}

			});
	}

	private Outcome send(SendMessageClient.Builder builder) {
		return send(builder.build());
	}

	private Outcome send(SendMessageClient client) {
		long start = System.nanoTime();
		try {
			SendResult result = client.send(INSTANCE, TOPIC, "hello");
			return new Outcome(result, null, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (MqttSendException ex) {
			return new Outcome(null, ex, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private static MqttSendTemplate template(SendMessageClient.Builder builder, java.util.concurrent.Executor executor) {
		return new MqttSendTemplate(builder.build(), INSTANCE, PayloadEncoding.RAW, JsonMapper.shared(), executor);
	}

	/** Answers the next request not yet answered by an earlier {@code once} expectation. */
	private void answerOnce(HttpResponse answer) {
		this.server.mock().when(request().withPath("/"), Times.once()).respond(answer);
	}

	private void answerOnce(HttpError error) {
		this.server.mock().when(request().withPath("/"), Times.once()).error(error);
	}

	private void answerAlways(HttpResponse answer) {
		this.server.mock().when(request().withPath("/")).respond(answer);
	}

	private void answerAlways(HttpError error) {
		this.server.mock().when(request().withPath("/")).error(error);
	}

	private static HttpResponse badGateway() {
		return response().withStatusCode(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
					+ "</center><hr><center>nginx</center></body></html>");
	}

	/** Every request the server saw carried a nonce, and no two the same. */
	private void assertServerSawDistinctNonces(int expectedAttempts) {
		List<HttpRequest> received = this.server.received();
		assertThat(received).as("attempts the server saw").hasSize(expectedAttempts);
		List<String> nonces = new ArrayList<>();
		for (HttpRequest request : received) {
			nonces.add(request.getFirstHeader(NONCE_HEADER));
		}
		assertThat(nonces).doesNotContain("").doesNotHaveDuplicates();
		assertThat(new HashSet<>(nonces)).hasSize(expectedAttempts);
	}

	record Attempt(long nanos, @Nullable MqttSendException failure) {
	}

	record Outcome(@Nullable SendResult result, @Nullable MqttSendException failure, Duration elapsed) {

		void assertSucceeded(String msgId, String requestId) {
			assertThat(this.failure).as("failure").isNull();
			assertThat(this.result).isEqualTo(new SendResult(msgId, requestId));
		}

		<E extends MqttSendException> E assertFailed(Class<E> type, String code, @Nullable String requestId,
				int attempts) {
			assertThat(this.result).as("result").isNull();
			assertThat(this.failure).isExactlyInstanceOf(type);
			assertThat(this.failure.getErrorCode()).as("error code").isEqualTo(code);
			assertThat(this.failure.getRequestId()).as("request id").isEqualTo(requestId);
			assertThat(this.failure.getAttempts()).as("attempts").isEqualTo(attempts);
			return type.cast(this.failure);
		}

		void assertTookLessThan(Duration bound) {
			assertThat(this.elapsed).as("elapsed, bound %s", bound).isLessThan(bound);
		}

	}

}
