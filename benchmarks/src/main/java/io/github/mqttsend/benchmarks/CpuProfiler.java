package io.github.mqttsend.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation ({@code -prof io.github.mqttsend.benchmarks.CpuProfiler}): the benchmark JVM's CPU time
 * over each iteration (all threads: the client's, its HTTP library's, GC, JIT) less the CPU time of the
 * {@link StubServer}'s threads, divided by the operations. Unlike µs/op it leaves out the time threads spend
 * waiting to be woken, which on a virtual machine depends on where the scheduler happens to put them.
 */
public final class CpuProfiler implements InternalProfiler {

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private long processBefore;

	private long stubBefore;

	@Override
	public String getDescription() {
		return "process CPU time per operation, less the stub's threads";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.stubBefore = StubServer.liveCpuNanos();
		this.processBefore = OS.getProcessCpuTime();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		long process = OS.getProcessCpuTime() - this.processBefore;
		long stub = StubServer.liveCpuNanos() - this.stubBefore;
		long ops = Math.max(1, result.getMetadata().getAllOps());
		return List.of(
				new ScalarResult("cpu.norm", (process - stub) / 1e3 / ops, "us/op", AggregationPolicy.AVG),
				new ScalarResult("cpu.stub.norm", stub / 1e3 / ops, "us/op", AggregationPolicy.AVG));
	}

}
