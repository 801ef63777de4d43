package io.github.mqttsend.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.github.mqttsend.MqttSendTemplate;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Wall and CPU time per send, single thread, for each contender (a diagnostic, not part of RESULTS.md); with
 * {@code -Ddiag.threads=true}, also each thread's CPU per send.
 */
public final class Diag {

	public static void main(String[] args) throws Exception {
		int n = Integer.parseInt(args.length > 0 ? args[0] : "20000");
		try (StubServer stub = new StubServer()) {
			String which = args.length > 1 ? args[1] : "all";
			if (which.equals("all") || which.contains("floor")) {
				Clients.RawConnection raw = new Clients.RawConnection(stub);
				run("floor", stub, n, raw::send);
			}
			if (which.equals("all") || which.contains("starter")) {
				ConfigurableApplicationContext context = Clients.starterUnlimited(stub.endpoint(), "http-components", "v3");
				MqttSendTemplate template = context.getBean(MqttSendTemplate.class);
				run("starter", stub, n, () -> Clients.send(template));
				context.close();
			}
			if (which.equals("all") || which.contains("core")) {
				var core = Clients.aliyunSdkCore();
				run("core", stub, n, () -> Clients.send(core, stub));
			}
			if (which.equals("all") || which.contains("tea")) {
				var tea = Clients.tea(stub);
				run("tea", stub, n, () -> Clients.send(tea));
			}
			if (which.equals("all") || which.contains("jdk")) {
				var jdk = Clients.jdkHttpClient();
				var request = Clients.jdkPresignedRequest(stub);
				run("jdk", stub, n, () -> Clients.send(jdk, request));
			}
		}
		System.exit(0);
	}

	static void run(String name, StubServer stub, int n, Callable<?> send) throws Exception {
		for (int i = 0; i < n; i++) {
			send.call();
		}
		var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long conns = stub.connectionsAccepted();
		long cpu0 = threads.getCurrentThreadCpuTime();
		long proc0 = os.getProcessCpuTime();
		long stub0 = stub.cpuNanos();
		long alloc0 = threads.getTotalThreadAllocatedBytes();
		Map<String, Long> before = threadCpu(threads);
		long t0 = System.nanoTime();
		for (int i = 0; i < n; i++) {
			send.call();
		}
		long wall = System.nanoTime() - t0;
		long cpu = threads.getCurrentThreadCpuTime() - cpu0;
		long proc = os.getProcessCpuTime() - proc0;
		long stubCpu = stub.cpuNanos() - stub0;
		long alloc = threads.getTotalThreadAllocatedBytes() - alloc0;
		System.out.printf("%-8s wall %7.1f us/op  thread cpu %7.1f us/op  process cpu %7.1f us/op  stub cpu %6.1f us/op  alloc %7.0f B/op  new connections %d%n",
				name, wall / 1e3 / n, cpu / 1e3 / n, proc / 1e3 / n, stubCpu / 1e3 / n, (double) alloc / n,
				stub.connectionsAccepted() - conns);
		if (Boolean.getBoolean("diag.threads")) {
			threadCpu(threads).forEach((thread, nanos) -> {
				long used = nanos - before.getOrDefault(thread, 0L);
				if (used > n * 500L) {
					System.out.printf("    %-40s %7.1f us/op%n", thread, used / 1e3 / n);
				}
			});
		}
	}

	private static Map<String, Long> threadCpu(com.sun.management.ThreadMXBean threads) {
		Map<String, Long> cpu = new TreeMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null) {
				cpu.put(info.getThreadName() + "#" + info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return cpu;
	}

}
