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
 * in-process {@link StubServer}; warmed up on every core, measured on one ({@link States.OneCore}). Allocation ({@code -prof gc}) counts all threads: the HTTP clients' own I/O
 * threads included, the stub's none (it allocates nothing per request).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
// 3 JVMs: on a small virtual machine about one JVM in four runs the starter at nearly twice its usual time (the
// same with the code of before and after a change), and one fork would report whichever it drew
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Threads(1)
public class SendBenchmark {

	/** MqttSendTemplate.send on each of Boot's request factories (the starter's default is http-components). */
	@Benchmark
	public String starter(States.Starter starter, States.OneCore oneCore) {
		return Clients.send(starter.template);
	}

	/** The starter signing V1 (HMAC-SHA1), like aliyun-java-sdk-core's default. */
	@Benchmark
	public String starterV1(States.StarterV1 starter, States.OneCore oneCore) {
		return Clients.send(starter.template);
	}

	/** tea-openapi 0.3.15 Client.callApi, V3 (its default). */
	@Benchmark
	public String teaOpenApi(States.Tea tea, States.OneCore oneCore) throws Exception {
		return Clients.send(tea.client);
	}

	/** aliyun-java-sdk-core 4.7.10 DefaultAcsClient.getCommonResponse, V1 (its default). */
	@Benchmark
	public String aliyunSdkCore(States.Core core, States.OneCore oneCore) throws Exception {
		return Clients.send(core.client, core.stub);
	}

	/** The JDK's HttpClient posting one presigned request: an HTTP client's cost without any signing. */
	@Benchmark
	public byte[] jdkHttpClientPresigned(States.Jdk jdk, States.JdkFailures failures, States.OneCore oneCore)
			throws Exception {
		return Clients.send(jdk.client, jdk.request, failures);
	}

	/** The floor: the presigned request's bytes written on one kept-alive socket, the answer read back. */
	@Benchmark
	public int floor(States.Floor floor, States.OneCore oneCore) throws Exception {
		return floor.connection.send();
	}

}
