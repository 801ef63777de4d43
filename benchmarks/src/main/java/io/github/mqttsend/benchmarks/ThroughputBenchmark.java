package io.github.mqttsend.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 3: sends per second with 8 threads sharing one client (the floor: one socket per thread), limiter off,
 * against the same {@link StubServer}. Pools are sized for 16 connections in every client.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Threads(8)
public class ThroughputBenchmark {

	@Benchmark
	public String starter(States.StarterDefault starter) {
		return Clients.send(starter.template);
	}

	@Benchmark
	public String teaOpenApi(States.Tea tea) throws Exception {
		return Clients.send(tea.client);
	}

	@Benchmark
	public String aliyunSdkCore(States.Core core) throws Exception {
		return Clients.send(core.client, core.stub);
	}

	@Benchmark
	public byte[] jdkHttpClientPresigned(States.Jdk jdk, States.JdkFailures failures) throws Exception {
		return Clients.send(jdk.client, jdk.request, failures);
	}

	@Benchmark
	public int floor(States.Floor floor) throws Exception {
		return floor.connection.send();
	}

}
