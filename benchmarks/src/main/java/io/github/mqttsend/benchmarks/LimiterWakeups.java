package io.github.mqttsend.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.mqttsend.ratelimit.Bucket4jRateLimiter;
import io.github.mqttsend.ratelimit.SendRateLimiter;

/**
 * The limiter alone, without HTTP: 16 threads take permits under {@code host-qps=300} as fast as they can, each
 * holding its permit for a 2 ms stand-in call (a timed park). Prints the permits per second and the threads' CPU
 * time per permit over 10 s, after 3 s of warm-up. What it shows is how many times each permit wakes a thread: a
 * timed park and wake-up alone costs about 20 µs of CPU on a small virtual machine. Not part of {@code run.sh};
 * {@code before-after.md} quotes it.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.mqttsend.benchmarks.LimiterWakeups</pre>
 */
public final class LimiterWakeups {

	private static final int THREADS = 16;

	private static final long CALL_NANOS = 2_000_000L;

	public static void main(String[] args) throws InterruptedException {
		SendRateLimiter limiter = new Bucket4jRateLimiter(Duration.ofSeconds(5), 300, 1000);
		ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
		AtomicLong permits = new AtomicLong();
		AtomicLong cpuNanos = new AtomicLong();
		long measureFrom = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		long end = measureFrom + Duration.ofSeconds(10).toNanos();
		Thread[] threads = new Thread[THREADS];
		for (int i = 0; i < THREADS; i++) {
			threads[i] = new Thread(() -> {
				long cpuAtStart = -1;
				while (System.nanoTime() < end) {
					limiter.acquire();
					LockSupport.parkNanos(CALL_NANOS);
					limiter.release();
					if (cpuAtStart >= 0) {
						permits.incrementAndGet();
					}
					else if (System.nanoTime() >= measureFrom) {
						cpuAtStart = threadBean.getCurrentThreadCpuTime();
					}
				}
				cpuNanos.addAndGet(threadBean.getCurrentThreadCpuTime() - cpuAtStart);
			});
			threads[i].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		System.out.printf("%d threads, host-qps=300, a 2 ms call per permit: %.1f permits/s, %.1f µs of CPU per permit%n",
				THREADS, permits.get() / 10.0, cpuNanos.get() / 1000.0 / permits.get());
	}

}
