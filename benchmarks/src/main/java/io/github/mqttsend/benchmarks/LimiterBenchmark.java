package io.github.mqttsend.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendTemplate;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Items 4 and 5, not microbenchmarks: the auto-configured starter with its rate limiter on, 16 threads sending
 * as fast as they can for 10 s, against the {@link StubServer}, which stamps every arrival.
 * <ul>
 * <li>Limiter accuracy: {@code host-qps=300} (account 1,000), then {@code account-qps=1000} with the host limit
 * raised. Reports the calls/s the stub received over the 10 s, and the most calls it received in any one-second
 * window (a window starting at every arrival).</li>
 * <li>CPU at the limit: a third run at 300 calls/s, measured after 2 s of settling: the process's CPU time
 * (less the stub's threads), and the sending threads' own CPU time, per 1,000 sends.</li>
 * </ul>
 * Writes the figures as JSON to the path given as the first argument.
 */
public final class LimiterBenchmark {

	static final int THREADS = 16;

	static final long SECOND = 1_000_000_000L;

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "limiter.json");
		int seconds = Integer.getInteger("limiter.seconds", 10);
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("threads", THREADS);
		results.put("seconds", seconds);
		try (StubServer stub = new StubServer()) {
			warmUp(stub);
			results.put("host300", accuracy(stub, 300, 1000, 300, seconds));
			results.put("account1000", accuracy(stub, 100_000, 1000, 1000, seconds));
			results.put("cpuAt300", cpu(stub, seconds, false));
			results.put("cpuAt300PacedBySleep", cpu(stub, seconds, true));
		}
		Files.writeString(out, JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(results));
		System.out.println(Files.readString(out));
		System.exit(0);
	}

	/** JIT-compiles the send path (limiter off) so that the runs measure the limiter, not the warm-up. */
	static void warmUp(StubServer stub) throws Exception {
		try (ConfigurableApplicationContext context = Clients.starterUnlimited(stub.endpoint(), "http-components",
				"v3")) {
			Senders senders = new Senders(context.getBean(MqttSendTemplate.class));
			senders.start();
			Thread.sleep(3000);
			senders.stop();
		}
	}

	static ConfigurableApplicationContext limited(StubServer stub, long hostQps, long accountQps) {
		return Clients.starter(stub.endpoint(), "http-components", "v3",
				Map.of("apsaramq.mqtt.rate-limit.host-qps", hostQps, "apsaramq.mqtt.rate-limit.account-qps",
						accountQps));
	}

	static Map<String, Object> accuracy(StubServer stub, long hostQps, long accountQps, long limit, int seconds)
			throws Exception {
		try (ConfigurableApplicationContext context = limited(stub, hostQps, accountQps)) {
			Senders senders = new Senders(context.getBean(MqttSendTemplate.class));
			stub.startRecording(4 * 1024 * 1024);
			long start = System.nanoTime();
			senders.start();
			Thread.sleep(seconds * 1000L);
			senders.stop();
			Thread.sleep(200); // the last answers
			long[] arrivals = stub.stopRecording();
			String dump = System.getProperty("limiter.dump");
			if (dump != null) {
				StringBuilder text = new StringBuilder();
				for (long arrival : arrivals) {
					text.append(arrival - arrivals[0]).append('\n');
				}
				Files.writeString(Path.of(dump + "-" + limit + ".txt"), text);
			}
			long first = (arrivals.length > 0) ? arrivals[0] : start;
			long inRun = 0;
			for (long arrival : arrivals) {
				if (arrival < first + seconds * SECOND) {
					inRun++;
				}
			}
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("hostQps", hostQps);
			result.put("accountQps", accountQps);
			result.put("limit", limit);
			result.put("designRate", designRate(limit));
			result.put("callsInRun", inRun);
			double achieved = (double) inRun / seconds;
			result.put("achievedPerSecond", achieved);
			result.put("achievedFraction", achieved / limit);
			result.put("maxInAnyOneSecondWindow", maxInWindow(arrivals, SECOND));
			result.put("callsReceivedTotal", arrivals.length);
			result.put("sends", senders.sent.get());
			result.put("failures", senders.failed.get());
			result.put("failureCodes", senders.failureCodes());
			System.out.printf("limit %d calls/s (host-qps %d, account-qps %d): %d calls in %d s = %.1f/s (%.2f%%), "
					+ "max in any 1 s window %d%n", limit, hostQps, accountQps, inRun, seconds, achieved,
					100 * achieved / limit, maxInWindow(arrivals, SECOND));
			return result;
		}
	}

	/**
	 * The calls/s the limiter's bucket paces at for {@code limit} ({@code Bucket4jRateLimiter.sustainedRate},
	 * read reflectively so that the report follows the code), or -1 if it cannot be read.
	 */
	static long designRate(long limit) {
		try {
			var method = io.github.mqttsend.ratelimit.Bucket4jRateLimiter.class.getDeclaredMethod("sustainedRate",
					long.class);
			method.setAccessible(true);
			return (long) method.invoke(null, limit);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return -1;
		}
	}

	/** The most arrivals in any window {@code [t, t + width)}; windows starting at an arrival hold the most. */
	static int maxInWindow(long[] sorted, long width) {
		int max = 0;
		int j = 0;
		for (int i = 0; i < sorted.length; i++) {
			while (j < sorted.length && sorted[j] - sorted[i] < width) {
				j++;
			}
			max = Math.max(max, j - i);
		}
		return max;
	}

	/**
	 * CPU per send at 300 calls/s: paced by the starter's limiter ({@code host-qps=300}, threads sending as fast as
	 * they can), or, as the baseline, with the limiter off and every thread sleeping until its next turn.
	 */
	static Map<String, Object> cpu(StubServer stub, int seconds, boolean pacedBySleep) throws Exception {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		try (ConfigurableApplicationContext context = pacedBySleep
				? Clients.starterUnlimited(stub.endpoint(), "http-components", "v3") : limited(stub, 300, 1000)) {
			// the JVM's own background CPU (GC, compiler, timers) with nothing sending, to tell it apart
			Thread.sleep(1000);
			long idleProcess0 = os.getProcessCpuTime();
			long idleStub0 = stub.cpuNanos();
			long idleWall0 = System.nanoTime();
			Thread.sleep(seconds * 500L);
			double idleFraction = (os.getProcessCpuTime() - idleProcess0 - (stub.cpuNanos() - idleStub0))
					/ (double) (System.nanoTime() - idleWall0);
			Senders senders = new Senders(context.getBean(MqttSendTemplate.class));
			senders.start(pacedBySleep ? THREADS * SECOND / 300 : 0);
			Thread.sleep(2000);
			long requests0 = stub.requests();
			long process0 = os.getProcessCpuTime();
			long stub0 = stub.cpuNanos();
			long senders0 = senders.cpuNanos(threadBean);
			long gc0 = gcMillis();
			long allocated0 = threadBean.getTotalThreadAllocatedBytes();
			long wall0 = System.nanoTime();
			Thread.sleep(seconds * 1000L);
			long requests = stub.requests() - requests0;
			long wall = System.nanoTime() - wall0;
			long process = os.getProcessCpuTime() - process0;
			long stubCpu = stub.cpuNanos() - stub0;
			long senderCpu = senders.cpuNanos(threadBean) - senders0;
			long gc = gcMillis() - gc0;
			long allocated = threadBean.getTotalThreadAllocatedBytes() - allocated0;
			senders.stop();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("sends", requests);
			result.put("wallSeconds", wall / 1e9);
			result.put("sendsPerSecond", requests / (wall / 1e9));
			result.put("processCpuMs", process / 1e6);
			result.put("stubCpuMs", stubCpu / 1e6);
			result.put("senderThreadsCpuMs", senderCpu / 1e6);
			result.put("gcMs", gc);
			result.put("starterCpuMsPer1000", (process - stubCpu) / 1e6 / requests * 1000);
			result.put("senderThreadsCpuMsPer1000", senderCpu / 1e6 / requests * 1000);
			result.put("starterCoreFraction", (process - stubCpu) / (double) wall);
			result.put("idleCoreFraction", idleFraction);
			result.put("starterCpuMsPer1000LessIdle",
					(process - stubCpu - idleFraction * wall) / 1e6 / requests * 1000);
			result.put("allocatedBytesPerSend", (double) allocated / requests);
			System.out.printf("%s, at %.1f sends/s: process CPU less the stub's %.1f ms per 1,000 sends (%.2f%% of one "
					+ "core; idle JVM %.2f%%), sending threads %.1f ms per 1,000%n",
					pacedBySleep ? "limiter off, threads sleeping between sends" : "limiter", requests / (wall / 1e9),
					(process - stubCpu) / 1e6 / requests * 1000, 100.0 * (process - stubCpu) / wall,
					100 * idleFraction, senderCpu / 1e6 / requests * 1000);
			return result;
		}
	}

	static long gcMillis() {
		long total = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			total += Math.max(0, gc.getCollectionTime());
		}
		return total;
	}

	/** {@link #THREADS} threads calling {@code send} in a loop until stopped. */
	static final class Senders {

		final MqttSendTemplate template;

		final List<Thread> threads = new ArrayList<>();

		final AtomicLong sent = new AtomicLong();

		final AtomicLong failed = new AtomicLong();

		final Map<String, AtomicLong> codes = new java.util.concurrent.ConcurrentHashMap<>();

		volatile boolean running = true;

		Senders(MqttSendTemplate template) {
			this.template = template;
		}

		void start() throws InterruptedException {
			start(0);
		}

		/**
		 * Starts the threads: each sends as fast as it can ({@code intervalNanos} 0), or once every
		 * {@code intervalNanos}, the threads' turns spread evenly over the interval.
		 */
		void start(long intervalNanos) throws InterruptedException {
			CountDownLatch ready = new CountDownLatch(THREADS);
			CountDownLatch go = new CountDownLatch(1);
			long[] start = new long[1];
			for (int i = 0; i < THREADS; i++) {
				long offset = intervalNanos * i / THREADS;
				Thread thread = new Thread(() -> {
					ready.countDown();
					try {
						go.await();
					}
					catch (InterruptedException ex) {
						return;
					}
					long next = start[0] + offset;
					while (this.running) {
						if (intervalNanos > 0) {
							long wait = next - System.nanoTime();
							if (wait > 0) {
								LockSupport.parkNanos(wait);
							}
							next += intervalNanos;
						}
						try {
							Clients.send(this.template);
							this.sent.incrementAndGet();
						}
						catch (MqttSendException ex) {
							this.failed.incrementAndGet();
							this.codes.computeIfAbsent(ex.getErrorCode(), (code) -> new AtomicLong()).incrementAndGet();
						}
					}
				}, "sender-" + i);
				this.threads.add(thread);
				thread.start();
			}
			ready.await();
			start[0] = System.nanoTime();
			go.countDown();
		}

		void stop() throws InterruptedException {
			this.running = false;
			for (Thread thread : this.threads) {
				thread.join(10_000);
			}
		}

		long cpuNanos(com.sun.management.ThreadMXBean threadBean) {
			long total = 0;
			for (Thread thread : this.threads) {
				total += Math.max(0, threadBean.getThreadCpuTime(thread.getId()));
			}
			return total;
		}

		Map<String, Long> failureCodes() {
			Map<String, Long> out = new LinkedHashMap<>();
			this.codes.forEach((code, count) -> out.put(code, count.get()));
			return out;
		}

	}

	private LimiterBenchmark() {
	}

}
