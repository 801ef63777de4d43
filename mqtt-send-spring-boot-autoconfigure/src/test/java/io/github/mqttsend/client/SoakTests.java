package io.github.mqttsend.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mockserver.model.ConnectionOptions;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.retry.RetrySettings;
import io.github.mqttsend.testsupport.SendMessageServer;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * A bounded soak: many sends from several threads against a server that, per request and from a seeded random
 * sequence, answers 500 {@code SendMessageFailed} (about 10%), drops the connection halfway through a 200 (about
 * 1%), or accepts the message with a MsgId of its own. With retries on, every send must end in a MsgId or a
 * {@link MqttSendException}, and every answer the server gave must be accounted for by what the client saw.
 */
class SoakTests {

	private static final int SENDS = 20_000;

	private static final int THREADS = 8;

	private static final long SEED = 20_240_101L;

	/** Tiny back-off: 1 ms, no growth, no jitter, 4 attempts at most. */
	private static final RetrySettings RETRY = new RetrySettings(true, 3, Duration.ofMillis(1), 1.0,
			Duration.ofMillis(1), Duration.ZERO, true);

	@Test
	void everySendEndsInAMsgIdOrAnExceptionAndEveryAnswerIsAccountedFor() throws Exception {
		try (SendMessageServer server = new SendMessageServer()) {
			ServerCounts counts = new ServerCounts(new Random(SEED));
			server.mock().when(request().withPath("/")).respond(counts::answer);
			ClientCounts seen = new ClientCounts();
			SendMessageClient client = server.clientBuilder()
				.restClient(SendMessageServer.pooledRestClient(2 * THREADS))
				.retrySettings(RETRY)
				.listener(seen)
				.build();

			Set<String> msgIds = ConcurrentHashMap.newKeySet();
			LongAdder successes = new LongAdder();
			LongAdder failures = new LongAdder();
			List<Throwable> strays = new ArrayList<>();
			Map<String, LongAdder> failureCodes = new ConcurrentHashMap<>();
			AtomicInteger next = new AtomicInteger();
			long start = System.nanoTime();
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				done.add(threads.submit(() -> {
					for (int i = next.getAndIncrement(); i < SENDS; i = next.getAndIncrement()) {
						try {
							SendResult result = client.send("mqtt-cn-test", "alerts/pump", "soak-" + i);
							assertThat(result.msgId()).isNotBlank();
							msgIds.add(result.msgId());
							successes.increment();
						}
						catch (MqttSendException ex) {
							failures.increment();
							failureCodes.computeIfAbsent(ex.getErrorCode() + " after " + ex.getAttempts(),
									(key) -> new LongAdder())
								.increment();
						}
						catch (Throwable ex) {
							synchronized (strays) {
								strays.add(ex);
							}
						}
					}
				}));
			}
			for (Future<?> thread : done) {
				thread.get(2, TimeUnit.MINUTES);
			}
			threads.shutdown();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			System.out.printf(
					"SoakTests: %d sends from %d threads in %.1f s (%.0f sends/s): %d succeeded, %d failed %s; "
							+ "server answered %d: %d complete 200s, %d 500s, %d 200s cut off%n",
					SENDS, THREADS, elapsed.toMillis() / 1000.0, SENDS / (elapsed.toMillis() / 1000.0),
					successes.sum(), failures.sum(), failureCodes, counts.answered.sum(), counts.complete.sum(),
					counts.failed.sum(), counts.cutOff.sum());

			assertThat(strays).as("sends that ended in anything but a MsgId or a MqttSendException").isEmpty();
			assertThat(successes.sum() + failures.sum()).isEqualTo(SENDS);
			assertThat(msgIds).as("distinct MsgIds").hasSize((int) successes.sum());
			// every complete 200 reached exactly one send; a 200 cut off mid-body is a 200 the server gave (and a
			// real service stored) that the client never read: it failed that attempt as ConnectionLost, delivery
			// unknown, and retried it, so the server's 200s exceed the successes by exactly the ones cut off
			assertThat(counts.complete.sum()).isEqualTo(successes.sum());
			assertThat(counts.complete.sum() + counts.cutOff.sum()).isGreaterThanOrEqualTo(successes.sum());
			assertThat(seen.connectionLost.sum()).isEqualTo(counts.cutOff.sum());
			assertThat(seen.sendMessageFailed.sum()).isEqualTo(counts.failed.sum());
			assertThat(seen.other.sum()).as("attempts failing in other ways").isZero();
			// and no attempt is unaccounted for: each one the client made, the server answered, and vice versa
			assertThat(seen.attempts.sum()).isEqualTo(counts.answered.sum());
			assertThat(counts.answered.sum())
				.isEqualTo(counts.complete.sum() + counts.failed.sum() + counts.cutOff.sum());
			// the injected faults happened at about the rates asked for
			assertThat((double) counts.failed.sum() / counts.answered.sum()).isBetween(0.08, 0.12);
			assertThat((double) counts.cutOff.sum() / counts.answered.sum()).isBetween(0.005, 0.015);
			assertThat(elapsed).isLessThan(Duration.ofSeconds(50));
		}
	}

	/** Decides each answer from the seeded sequence and counts what it answered. */
	static final class ServerCounts {

		private final Random random;

		final LongAdder answered = new LongAdder();

		final LongAdder complete = new LongAdder();

		final LongAdder failed = new LongAdder();

		final LongAdder cutOff = new LongAdder();

		private final AtomicInteger msgIds = new AtomicInteger();

		ServerCounts(Random random) {
			this.random = random;
		}

		HttpResponse answer(HttpRequest request) {
			double roll = this.random.nextDouble();
			this.answered.increment();
			int n = this.msgIds.incrementAndGet();
			if (roll < 0.10) {
				this.failed.increment();
				return SendMessageServer.error(500, "SendMessageFailed", "req-" + n);
			}
			if (roll < 0.11) {
				// the status line and headers go out, then the socket closes 100 bytes short of the body
				this.cutOff.increment();
				String body = "{\"RequestId\":\"req-" + n + "\",\"MsgId\":\"msg-" + n + "\"}";
				return response().withStatusCode(200)
					.withHeader("Content-Type", "application/json;charset=utf-8")
					.withBody(body)
					.withConnectionOptions(ConnectionOptions.connectionOptions()
						.withContentLengthHeaderOverride(body.length() + 100)
						.withCloseSocket(true));
			}
			this.complete.increment();
			return SendMessageServer.success("msg-" + n, "req-" + n);
		}

	}

	/** Counts the attempts the client made and how they ended. */
	static final class ClientCounts implements SendMessageListener {

		final LongAdder attempts = new LongAdder();

		final LongAdder sendMessageFailed = new LongAdder();

		final LongAdder connectionLost = new LongAdder();

		final LongAdder other = new LongAdder();

		@Override
		public void onAttempt(String instanceId, @Nullable MqttSendException failure) {
			this.attempts.increment();
			if (failure == null) {
				return;
			}
			if (failure.getErrorCode().equals("SendMessageFailed")) {
				this.sendMessageFailed.increment();
			}
			else if (failure.getErrorCode().equals(TransportErrors.CONNECTION_LOST) && failure.isDeliveryUnknown()) {
				this.connectionLost.increment();
			}
			else {
				this.other.increment();
			}
		}

	}

}
