package io.github.mqttsend.observation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.client.SendMessageListener;

/**
 * Records the meters operators need to run close to the service's limits and to see the bill:
 * <ul>
 * <li>{@value #REQUESTS}: one per HTTP call, retries included (what the QPS limits count); tags
 * {@code instance}, {@code outcome}, {@code error.code};</li>
 * <li>{@value #BILLED}: one per successful call (each is billed as one message TPS); tag {@code instance};</li>
 * <li>{@value #RETRIES}: one per retry; tags {@code instance}, {@code error.code} (what caused it);</li>
 * <li>{@value #PERMIT_WAIT}: time spent waiting for a rate-limit permit;</li>
 * <li>{@value #LIMIT}: the configured limits in calls/s, tag {@code scope} = {@code account} or {@code host}, to
 * draw usage against.</li>
 * </ul>
 * The success path looks its counters up once per instance, so a send allocates nothing here.
 */
public final class MqttSendMetrics implements SendMessageListener {

	public static final String REQUESTS = "apsaramq.mqtt.send.requests";

	public static final String BILLED = "apsaramq.mqtt.send.billed";

	public static final String RETRIES = "apsaramq.mqtt.send.retries";

	public static final String PERMIT_WAIT = "apsaramq.mqtt.send.permits.wait";

	public static final String LIMIT = "apsaramq.mqtt.send.limit";

	private final MeterRegistry registry;

	private final Timer permitWait;

	private final ConcurrentMap<String, Counter[]> successCounters = new ConcurrentHashMap<>();

	/**
	 * @param registry where to record
	 * @param accountQps the account limit to publish as a gauge, or {@code null} when no limiter runs
	 * @param hostQps the host limit to publish as a gauge, or {@code null} when no limiter runs
	 */
	public MqttSendMetrics(MeterRegistry registry, @Nullable Long accountQps, @Nullable Long hostQps) {
		this.registry = registry;
		this.permitWait = Timer.builder(PERMIT_WAIT)
			.description("Time SendMessage calls waited for a client-side rate-limit permit")
			.register(registry);
		if (accountQps != null) {
			limitGauge("account", accountQps);
		}
		if (hostQps != null) {
			limitGauge("host", hostQps);
		}
	}

	private void limitGauge(String scope, long callsPerSecond) {
		Gauge.builder(LIMIT, () -> callsPerSecond)
			.tag("scope", scope)
			.description("Configured SendMessage limit, in calls per second")
			.register(this.registry);
	}

	@Override
	public void onPermit(long nanos) {
		this.permitWait.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void onAttempt(String instanceId, @Nullable MqttSendException failure) {
		if (failure == null) {
			Counter[] counters = this.successCounters.computeIfAbsent(instanceId, this::successCounters);
			counters[0].increment();
			counters[1].increment();
			return;
		}
		requests(instanceId, SendOutcome.of(failure), failure.getErrorCode()).increment();
	}

	@Override
	public void onRetry(String instanceId, MqttSendException cause) {
		Counter.builder(RETRIES)
			.description("SendMessage retries, by the error code that caused them")
			.tag("instance", instanceId)
			.tag("error.code", cause.getErrorCode())
			.register(this.registry)
			.increment();
	}

	private Counter[] successCounters(String instanceId) {
		Counter billed = Counter.builder(BILLED)
			.description("Successful SendMessage calls, each billed as one message TPS")
			.tag("instance", instanceId)
			.register(this.registry);
		return new Counter[] { requests(instanceId, SendOutcome.SUCCESS, SendOutcome.NO_ERROR_CODE), billed };
	}

	private Counter requests(String instanceId, SendOutcome outcome, String errorCode) {
		return Counter.builder(REQUESTS)
			.description("HTTP calls to SendMessage, retries included: what the calls/s limits count")
			.tag("instance", instanceId)
			.tag("outcome", outcome.tagValue())
			.tag("error.code", errorCode)
			.register(this.registry);
	}

}
