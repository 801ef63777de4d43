package io.github.mqttsend.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.matchers.Times;
import org.mockserver.model.Delay;

import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.MutableClock;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * Caching and refreshing temporary credentials, against MockServer standing in for the ECS metadata service
 * (every refresh a real exchange, counted there) and a clock the test moves: refresh ahead of the expiration,
 * once for all threads, without blocking callers while valid credentials are held; failures keep the held
 * credentials until they expire and are logged once, without secrets.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefreshingCredentialsProviderTests {

	static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

	static final String ROLE = "EcsMqttRole";

	static final String CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/" + ROLE;

	static final String FIRST_SECRET = "first-secret-value";

	static final String SECOND_SECRET = "second-secret-value";

	static final String FIRST_TOKEN = "CAIS-first-token";

	static final String SECOND_TOKEN = "CAIS-second-token";

	private final MutableClock clock = new MutableClock(NOW);

	private ClientAndServer metadata;

	private EcsMetadataClient client;

	@BeforeEach
	void start() {
		this.metadata = ClientAndServer.startClientAndServer(0);
		this.metadata.when(request().withMethod("PUT").withPath("/latest/api/token"))
			.respond(response().withBody(CredentialsServers.METADATA_TOKEN));
		// a read timeout longer than the slow answers below: what is measured is the provider, not the timeout
		this.client = new EcsMetadataClient(CredentialsServers.endpoint(this.metadata), this.clock,
				Duration.ofSeconds(1), Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		this.metadata.stop();
	}

	private void answerOnce(String keyId, String secret, String token, Instant expiration) {
		this.metadata.when(request().withMethod("GET").withPath(CREDENTIALS_PATH), Times.once())
			.respond(CredentialsServers.metadataCredentials(keyId, secret, token, expiration));
	}

	private int credentialFetches() {
		return this.metadata.retrieveRecordedRequests(request().withMethod("GET").withPath(CREDENTIALS_PATH)).length;
	}

	private RefreshingCredentialsProvider provider(RefreshPolicy policy) {
		return new RefreshingCredentialsProvider("ecs-ram-role", () -> this.client.credentials(ROLE), this.clock, policy)
			.fetchNow();
	}

	@Test
	void heldCredentialsAreServedWithoutAnyExchangeUntilTheRefreshWindow() {
		answerOnce("STS.first", FIRST_SECRET, FIRST_TOKEN, NOW.plus(Duration.ofMinutes(60)));
		RefreshingCredentialsProvider provider = provider(RefreshPolicy.DEFAULTS);
		for (int minute = 0; minute < 55; minute += 5) {
			this.clock.set(NOW.plus(Duration.ofMinutes(minute)).plusSeconds(59));
			assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.first");
		}
		assertThat(credentialFetches()).isEqualTo(1);
	}

	@Test
	void expiryDrivesOneRefreshAFewMinutesEarlyAndEveryThreadKeepsTheHeldCredentialsMeanwhile() throws Exception {
		answerOnce("STS.first", FIRST_SECRET, FIRST_TOKEN, NOW.plus(Duration.ofMinutes(60)));
		RefreshingCredentialsProvider provider = provider(RefreshPolicy.DEFAULTS);
		// the refresh answer is slow: callers must not wait for it
		this.metadata.when(request().withMethod("GET").withPath(CREDENTIALS_PATH), Times.once())
			.respond(CredentialsServers.metadataCredentials("STS.second", SECOND_SECRET, SECOND_TOKEN,
					NOW.plus(Duration.ofMinutes(120))).withDelay(Delay.milliseconds(1500)));
		this.clock.set(NOW.plus(Duration.ofMinutes(55)).plusSeconds(1));

		int threads = 32;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<long[]>> calls = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Callable<long[]> call = () -> {
					start.await();
					long[] nanosAndIsFirst = new long[2];
					for (int n = 0; n < 20; n++) {
						long before = System.nanoTime();
						Credentials credentials = provider.getCredentials();
						nanosAndIsFirst[0] = Math.max(nanosAndIsFirst[0], System.nanoTime() - before);
						nanosAndIsFirst[1] += credentials.accessKeyId().equals("STS.first") ? 1 : 0;
					}
					return nanosAndIsFirst;
				};
				calls.add(pool.submit(call));
			}
			start.countDown();
			for (Future<long[]> call : calls) {
				long[] result = call.get(10, TimeUnit.SECONDS);
				// far below the 1.5 s the refresh takes: nobody waited for it
				assertThat(Duration.ofNanos(result[0])).isLessThan(Duration.ofMillis(500));
				assertThat(result[1]).isEqualTo(20);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Awaitility.await().atMost(Duration.ofSeconds(10))
			.until(() -> provider.getCredentials().accessKeyId().equals("STS.second"));
		assertThat(provider.getCredentials())
			.isEqualTo(new Credentials("STS.second", SECOND_SECRET, SECOND_TOKEN, NOW.plus(Duration.ofMinutes(120))));
		// the initial fetch and exactly one refresh, whatever the number of threads
		assertThat(credentialFetches()).isEqualTo(2);
	}

	@Test
	void whenNothingValidIsHeldCallersWaitForTheOneRefreshInFlight() throws Exception {
		answerOnce("STS.first", FIRST_SECRET, FIRST_TOKEN, NOW.plus(Duration.ofMinutes(60)));
		RefreshingCredentialsProvider provider = provider(RefreshPolicy.DEFAULTS);
		this.metadata.when(request().withMethod("GET").withPath(CREDENTIALS_PATH), Times.once())
			.respond(CredentialsServers.metadataCredentials("STS.second", SECOND_SECRET, SECOND_TOKEN,
					NOW.plus(Duration.ofMinutes(180))).withDelay(Delay.milliseconds(300)));
		this.clock.set(NOW.plus(Duration.ofMinutes(61)));
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<Credentials>> calls = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				calls.add(pool.submit(provider::getCredentials));
			}
			for (Future<Credentials> call : calls) {
				assertThat(call.get(10, TimeUnit.SECONDS).accessKeyId()).isEqualTo("STS.second");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(credentialFetches()).isEqualTo(2);
	}

	@Test
	void aCallerWaitsNoLongerThanMaxWait() {
		answerOnce("STS.first", FIRST_SECRET, FIRST_TOKEN, NOW.plus(Duration.ofMinutes(60)));
		RefreshingCredentialsProvider provider = provider(
				new RefreshPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMillis(200)));
		this.metadata.when(request().withMethod("GET").withPath(CREDENTIALS_PATH), Times.once())
			.respond(CredentialsServers.metadataCredentials("STS.slow", SECOND_SECRET, SECOND_TOKEN,
					NOW.plus(Duration.ofMinutes(180))).withDelay(Delay.milliseconds(800)));
		this.clock.set(NOW.plus(Duration.ofMinutes(61)));
		long started = System.nanoTime();
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(provider::getCredentials)
			.withMessage("No credentials from ecs-ram-role within 200 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(700));
		Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
			.until(() -> provider.getCredentials().accessKeyId().equals("STS.slow"));
	}

	@Test
	void aFailedRefreshKeepsTheHeldCredentialsUntilTheyExpireAndIsLoggedOnceWithoutSecrets(CapturedOutput output) {
		answerOnce("STS.firstKeyId", FIRST_SECRET, FIRST_TOKEN, NOW.plus(Duration.ofMinutes(60)));
		RefreshingCredentialsProvider provider = provider(RefreshPolicy.DEFAULTS);
		this.metadata.when(request().withMethod("GET").withPath(CREDENTIALS_PATH), Times.exactly(3))
			.respond(response().withStatusCode(500).withBody("{\"AccessKeySecret\":\"" + SECOND_SECRET + "\"}"));

		this.clock.set(NOW.plus(Duration.ofMinutes(56)));
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.firstKeyId");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("Refreshing credentials"));
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.firstKeyId");
		// within the retry interval: no new attempt
		assertThat(credentialFetches()).isEqualTo(2);

		this.clock.set(NOW.plus(Duration.ofMinutes(57)));
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.firstKeyId");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> credentialFetches() == 3);

		// expired, and the next refresh fails too: no credentials, and the reason
		this.clock.set(NOW.plus(Duration.ofMinutes(60)));
		assertThatExceptionOfType(CredentialsUnavailableException.class).isThrownBy(provider::getCredentials)
			.withMessageContaining("answered HTTP 500");
		assertThat(credentialFetches()).isEqualTo(4);

		// the service recovers
		answerOnce("STS.recovered", SECOND_SECRET, SECOND_TOKEN, NOW.plus(Duration.ofMinutes(120)));
		this.clock.set(NOW.plus(Duration.ofMinutes(61)));
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("STS.recovered");

		String log = output.getAll();
		assertThat(log.lines().filter((line) -> line.contains(" WARN ") && line.contains("Refreshing credentials")))
			.singleElement()
			.asString()
			.contains("Refreshing credentials from ecs-ram-role failed; keeping the current ones (AccessKeyId "
					+ "STS.****yId) until they expire at 2024-01-01T01:00:00Z: the ECS metadata service at "
					+ CredentialsServers.endpoint(this.metadata) + " (role EcsMqttRole) answered HTTP 500");
		assertThat(log).contains("Refreshed credentials from ecs-ram-role again (AccessKeyId STS.****red");
		assertThat(log).doesNotContain(FIRST_SECRET, SECOND_SECRET, FIRST_TOKEN, SECOND_TOKEN,
				CredentialsServers.METADATA_TOKEN);
	}

	@Test
	void credentialsWithoutExpirationAreKeptForever() {
		int[] fetches = new int[1];
		RefreshingCredentialsProvider provider = new RefreshingCredentialsProvider("test", () -> {
			fetches[0]++;
			return Credentials.of("LTAI5tForever", FIRST_SECRET);
		}, this.clock, RefreshPolicy.DEFAULTS).fetchNow();
		this.clock.advance(Duration.ofDays(3650));
		assertThat(provider.getCredentials().accessKeyId()).isEqualTo("LTAI5tForever");
		assertThat(fetches[0]).isEqualTo(1);
	}

	@Test
	void printsNoSecret() {
		answerOnce("STS.firstKeyId", FIRST_SECRET, FIRST_TOKEN, NOW.plus(Duration.ofMinutes(60)));
		assertThat(provider(RefreshPolicy.DEFAULTS).toString()).isEqualTo(
				"RefreshingCredentialsProvider[source=ecs-ram-role, accessKeyId=STS.****yId, expiration=2024-01-01T01:00:00Z]");
	}

}
