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
 * Item 2: one SendMessage over loopback, one thread, kept-alive connections, every contender against the same
 * in-process {@link StubServer}. Run it in JVMs that start on one core ({@code benchmarks/one-core-java}, which
 * {@code run.sh} passes to JMH as {@code -jvm}): client and stub then take turns on that core, in every fork alike.
 * Allocation ({@code -prof gc}) counts all threads: the HTTP clients' own I/O threads included, the stub's none (it
 * allocates nothing per request).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 30 s: on one core the JIT compiles beside the benchmark, and after 20 s it was still at work in some JVMs,
// whose first measured iteration then took up to 1.6 times as long as the rest
@Warmup(iterations = 30, time = 1)
@Measurement(iterations = 5, time = 1)
// one JVM per run: run.sh runs the rows that the targets compare in 3 rounds, one JVM each per round, so that a
// slow spell of the machine, which can last minutes, falls on different rows in different rounds
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Threads(1)
public class SendBenchmark {

	/** MqttSendTemplate.send as the starter ships it: V3 on Apache HttpClient 5. */
	@Benchmark
	public String starter(States.StarterDefault starter) {
		return Clients.send(starter.template);
	}

	/**
	 * MqttSendTemplate.send on Boot's other request factories: how the starter's HTTP client was chosen (no
	 * target; one run).
	 */
	@Benchmark
	public String starterOnOtherFactory(States.Starter starter) {
		return Clients.send(starter.template);
	}

	/** The starter signing V1 (HMAC-SHA1), like aliyun-java-sdk-core's default. */
	@Benchmark
	public String starterV1(States.StarterV1 starter) {
		return Clients.send(starter.template);
	}

	/** tea-openapi 0.3.15 Client.callApi, V3 (its default). */
	@Benchmark
	public String teaOpenApi(States.Tea tea) throws Exception {
		return Clients.send(tea.client);
	}

	/** aliyun-java-sdk-core 4.7.10 DefaultAcsClient.getCommonResponse, V1 (its default). */
	@Benchmark
	public String aliyunSdkCore(States.Core core) throws Exception {
		return Clients.send(core.client, core.stub);
	}

	/** The JDK's HttpClient posting one presigned request: an HTTP client's cost without any signing. */
	@Benchmark
	public byte[] jdkHttpClientPresigned(States.Jdk jdk, States.JdkFailures failures) throws Exception {
		return Clients.send(jdk.client, jdk.request, failures);
	}

	/** The floor: the presigned request's bytes written on one kept-alive socket, the answer read back. */
	@Benchmark
	public int floor(States.Floor floor) throws Exception {
		return floor.connection.send();
	}

}
