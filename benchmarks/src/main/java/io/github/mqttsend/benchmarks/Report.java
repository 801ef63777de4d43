package io.github.mqttsend.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code benchmarks/RESULTS.md} from one run's JMH JSON and {@link LimiterBenchmark}'s JSON: the tables,
 * the targets, the machine, the JDK, the versions and the exact command. Called by {@code run.sh}.
 */
public final class Report {

	private static final String PKG = "io.github.mqttsend.benchmarks.";

	private final Map<String, Result> jmh = new HashMap<>();

	private final JsonNode limiter;

	private final Map<String, String> options;

	private final StringBuilder out = new StringBuilder();

	private final List<String[]> targets = new ArrayList<>();

	/**
	 * One benchmark's figures. With one fork: JMH's mean and 99.9% error. With several: the median fork's means
	 * (the fork whose mean time is the median), and {@code forkRange} the lowest and highest fork's mean time.
	 */
	record Result(double score, double error, String unit, double alloc, double allocError, double cpu,
			double resent, double @Nullable [] forkRange) {

		/** A note for a row whose sends had to be sent again. */
		String resentNote() {
			return (this.resent > 0) ? String.format(Locale.ROOT,
					" (%,.0f sends failed with JDK 17's \"connection closed locally\" and were sent again)", this.resent)
					: "";
		}

	}

	Report(Map<String, String> options) throws IOException {
		this.options = options;
		JsonMapper mapper = JsonMapper.shared();
		// one benchmark can be in several files: each round (signing, one send) holds one JVM of it
		Map<String, List<JsonNode>> runsByName = new LinkedHashMap<>();
		for (String file : options.get("jmh").split(",")) {
			for (JsonNode run : mapper.readTree(Files.readString(Path.of(file)))) {
				runsByName.computeIfAbsent(name(run), (name) -> new ArrayList<>()).add(run);
			}
		}
		runsByName.forEach((name, runs) -> this.jmh.put(name, result(runs)));
		this.limiter = mapper.readTree(Files.readString(Path.of(options.get("limiter"))));
	}

	private static String name(JsonNode run) {
		String name = run.get("benchmark").asString().substring(PKG.length());
		JsonNode params = run.get("params");
		return (params != null && params.has("factory")) ? name + "[" + params.get("factory").asString() + "]" : name;
	}

	/**
	 * One JVM: JMH's figures. Several (forks, or rounds of one JVM each): the figures of the JVM whose mean time
	 * is the median, and the range of all their mean times.
	 */
	private static Result result(List<JsonNode> runs) {
		double[] forkMeans = forkMeans(runs, null);
		JsonNode first = runs.get(0);
		JsonNode primary = first.get("primaryMetric");
		String unit = primary.get("scoreUnit").asString();
		if (forkMeans.length > 1) {
			int median = medianFork(forkMeans);
			double[] sorted = forkMeans.clone();
			Arrays.sort(sorted);
			return new Result(forkMeans[median], Double.NaN, unit, forkMean(runs, "gc.alloc.rate.norm", median),
					Double.NaN, forkMean(runs, "cpu.norm", median), forkMean(runs, "jdkResent", median, 0),
					new double[] { sorted[0], sorted[sorted.length - 1] });
		}
		JsonNode alloc = first.get("secondaryMetrics").get("gc.alloc.rate.norm");
		JsonNode cpu = first.get("secondaryMetrics").get("cpu.norm");
		JsonNode resent = first.get("secondaryMetrics").get("jdkResent");
		return new Result(primary.get("score").asDouble(), error(primary), unit,
				(alloc != null) ? alloc.get("score").asDouble() : Double.NaN,
				(alloc != null) ? error(alloc) : Double.NaN, (cpu != null) ? cpu.get("score").asDouble() : Double.NaN,
				(resent != null) ? resent.get("score").asDouble() : 0, null);
	}

	/** Each JVM's mean of a metric's measurement iterations, over all runs in order; null: the primary metric. */
	private static double[] forkMeans(List<JsonNode> runs, @Nullable String secondary) {
		double[] all = new double[0];
		for (JsonNode run : runs) {
			JsonNode metric = (secondary != null) ? run.get("secondaryMetrics").get(secondary)
					: run.get("primaryMetric");
			double[] means = forkMeans(metric);
			int from = all.length;
			all = Arrays.copyOf(all, from + means.length);
			System.arraycopy(means, 0, all, from, means.length);
		}
		return all;
	}

	/** Each fork's mean of a metric's measurement iterations. */
	private static double[] forkMeans(@Nullable JsonNode metric) {
		JsonNode raw = (metric != null) ? metric.get("rawData") : null;
		if (raw == null || !raw.isArray()) {
			return new double[0];
		}
		double[] means = new double[raw.size()];
		for (int fork = 0; fork < raw.size(); fork++) {
			double sum = 0;
			for (JsonNode iteration : raw.get(fork)) {
				sum += iteration.asDouble();
			}
			means[fork] = sum / raw.get(fork).size();
		}
		return means;
	}

	/** The index of the fork whose mean is the median (the lower one of an even count). */
	private static int medianFork(double[] forkMeans) {
		Integer[] order = new Integer[forkMeans.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Double.compare(forkMeans[a], forkMeans[b]));
		return order[(order.length - 1) / 2];
	}

	private static double forkMean(List<JsonNode> runs, String secondary, int fork) {
		return forkMean(runs, secondary, fork, Double.NaN);
	}

	private static double forkMean(List<JsonNode> runs, String secondary, int fork, double otherwise) {
		double[] means = forkMeans(runs, secondary);
		return (fork < means.length) ? means[fork] : otherwise;
	}

	private static double error(JsonNode metric) {
		JsonNode error = metric.get("scoreError");
		return (error == null || !error.isNumber()) ? Double.NaN : error.asDouble();
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		Report report = new Report(options);
		String markdown = report.render();
		Files.writeString(Path.of(options.get("out")), markdown);
		System.out.println(markdown);
	}

	Result get(String name) {
		Result result = this.jmh.get(name);
		if (result == null) {
			throw new IllegalStateException("No JMH result for " + name + "; have " + this.jmh.keySet());
		}
		return result;
	}

	String render() throws IOException {
		StringBuilder body = this.out;
		signing();
		String signingSection = cut();
		send();
		String sendSection = cut();
		throughput();
		String throughputSection = cut();
		limits();
		String limitsSection = cut();

		line("# Benchmarks: the starter, Alibaba's SDKs and the raw-HTTP floor");
		line();
		line("Generated by `benchmarks/run.sh` on " + this.options.getOrDefault("date", now())
				+ ": every number below comes from that one run, all contenders side by side on the same machine, "
				+ "against the same in-process stub.");
		line();
		line("**Absolute numbers vary between machines (and with whatever else the machine is doing); the ratios "
				+ "are the result.** Re-run `benchmarks/run.sh` to measure yours.");
		line();
		line("## Targets");
		line();
		line("| # | target | measured | met |");
		line("|---|---|---|---|");
		for (String[] target : this.targets) {
			line("| " + String.join(" | ", target) + " |");
		}
		line();
		body.append(signingSection).append(sendSection).append(throughputSection).append(limitsSection);
		String beforeAfter = this.options.get("before-after");
		if (beforeAfter != null && Files.exists(Path.of(beforeAfter))) {
			line(Files.readString(Path.of(beforeAfter)).strip());
			line();
		}
		machine();
		return body.toString();
	}

	private String cut() {
		String section = this.out.toString();
		this.out.setLength(0);
		return section;
	}

	// ---- item 1 ----

	private void signing() {
		Result oursV3 = get("SigningBenchmark.oursV3");
		Result oursV1 = get("SigningBenchmark.oursV1");
		Result teaV3 = get("SigningBenchmark.teaOpenApiV3");
		Result teaV1 = get("SigningBenchmark.teaOpenApiV1");
		Result coreV1 = get("SigningBenchmark.aliyunSdkCoreV1");
		Result coreV3 = get("SigningBenchmark.aliyunSdkCoreV3");
		// the same inputs include the signature version: each of ours against the official signers of its version
		double fastestV3 = Math.min(teaV3.score(), coreV3.score());
		double leanestV3 = Math.min(teaV3.alloc(), coreV3.alloc());
		double fastestV1 = Math.min(teaV1.score(), coreV1.score());
		double leanestV1 = Math.min(teaV1.alloc(), coreV1.alloc());
		double fastestAny = Math.min(fastestV3, fastestV1);
		double leanestAny = Math.min(leanestV3, leanestV1);

		line("## 1. Signing alone (no I/O)");
		line();
		line("From the same SendMessage inputs to a request ready for the transport: the library's request object, "
				+ "a fresh timestamp and nonce, the signature, the parsed URL. Ours is what `SendMessageClient` does "
				+ "per attempt (`sign` returns a `java.net.URI`); the SDK rows run the exact sequence of their own "
				+ "routines that tea-openapi's `doRequest`/`doRPCRequest` and aliyun-java-sdk-core's `DefaultAcsClient` "
				+ "run before the HTTP call, ending with the URL parse each does first with the string it built "
				+ "(`new URL` in tea's `Tea.doAction`, `URI.create` in sdk-core's `ApacheHttpClient`) "
				+ "(`SigningBenchmark`). One thread, `-prof gc`, " + this.options.getOrDefault("rounds", "3")
				+ " rounds of one JVM per signer, interleaved with item 2's rounds: each row is its median round, with "
				+ "the range of all rounds. The ratios compare each signer with the faster (and "
				+ "the leaner) official signer of the same signature version; the last column compares with the "
				+ "fastest official signer of either version.");
		line();
		line("| signer | ns/op | B/op | time × faster official, same version | allocation × leaner official, same version | time × fastest official, any version |");
		line("|---|---:|---:|---:|---:|---:|");
		signingRow("**ours, V3** (`Acs3HmacSha256Signer`)", oursV3, fastestV3, leanestV3, fastestAny);
		signingRow("tea-openapi 0.3.15, V3 (its default)", teaV3, fastestV3, leanestV3, fastestAny);
		signingRow("aliyun-java-sdk-core 4.7.10, V3", coreV3, fastestV3, leanestV3, fastestAny);
		signingRow("**ours, V1** (`RpcHmacSha1Signer`)", oursV1, fastestV1, leanestV1, fastestAny);
		signingRow("tea-openapi 0.3.15, V1 (`signatureAlgorithm=v2`)", teaV1, fastestV1, leanestV1, fastestAny);
		signingRow("aliyun-java-sdk-core 4.7.10, V1 (its default)", coreV1, fastestV1, leanestV1, fastestAny);
		line();
		boolean met = oursV3.score() <= 0.5 * fastestV3 && oursV3.alloc() <= 0.5 * leanestV3
				&& oursV1.score() <= 0.5 * fastestV1 && oursV1.alloc() <= 0.5 * leanestV1;
		this.targets.add(new String[] { "1",
				"signing: ours ≤ 0.5× the time and allocation of the faster official SDK (same signature version)",
				String.format(Locale.ROOT,
						"V3 %.2f× / %.2f×, V1 %.2f× / %.2f× (time / allocation); against the fastest official signer of "
								+ "either version: V3 %.2f×, V1 %.2f× the time, %.2f× / %.2f× the allocation",
						oursV3.score() / fastestV3, oursV3.alloc() / leanestV3, oursV1.score() / fastestV1,
						oursV1.alloc() / leanestV1, oursV3.score() / fastestAny, oursV1.score() / fastestAny,
						oursV3.alloc() / leanestAny, oursV1.alloc() / leanestAny),
				met(met) });
	}

	private void signingRow(String name, Result result, double fastest, double leanest, double fastestAny) {
		line(String.format(Locale.ROOT, "| %s | %s | %s | %.2f× | %.2f× | %.2f× |", name, withError(result, "%,.0f"),
				bytes(result), result.score() / fastest, result.alloc() / leanest, result.score() / fastestAny));
	}

	// ---- item 2 ----

	private void send() {
		Result starter = get("SendBenchmark.starter");
		Result starterV1 = get("SendBenchmark.starterV1");
		Result tea = get("SendBenchmark.teaOpenApi");
		Result core = get("SendBenchmark.aliyunSdkCore");
		Result jdk = get("SendBenchmark.jdkHttpClientPresigned");
		Result floor = get("SendBenchmark.floor");
		Result fasterOfficial = (tea.score() <= core.score()) ? tea : core;
		String fasterName = (fasterOfficial == tea) ? "tea-openapi" : "aliyun-java-sdk-core";

		line("## 2. One send over loopback, one thread");
		line();
		line("Kept-alive connections, every client against the same in-process stub answering a fixed "
				+ "`{\"RequestId\",\"MsgId\"}` (`SendBenchmark`). Every row but the last two signs every call afresh. "
				+ "The starter is the auto-configured `MqttSendTemplate` in a Boot application, rate limiter off "
				+ "(item 4 measures it), everything else at its defaults. Allocation counts all threads (the HTTP "
				+ "clients' own I/O threads too; the stub allocates nothing per request).");
		line();
		line("Every one-send JVM runs on one core from its start (`benchmarks/one-core-java`: `taskset`)"
				+ ("no".equals(this.options.get("pinned")) ? " (not on this run: no `taskset`)" : "")
				+ ", warms up for 30 × 1 s and measures 5 × 1 s: the client and the stub take turns on that core. "
				+ "Left to the scheduler, the two run on the same core or on different ones from one run to the next, "
				+ "and on a 2-core virtual machine the same floor then measures about 15 or about 55 µs/op; a ratio "
				+ "to it would say where the threads landed, not what the clients cost. The rows the targets compare "
				+ "run in " + this.options.getOrDefault("rounds", "3") + " rounds of one JVM each (aliyun-java-sdk-core, "
				+ "floor, starter, tea-openapi, then again), because this machine has slow spells that "
				+ "last minutes and would otherwise fall on whichever rows ran then: their figures are those of the "
				+ "round with the median time, and the range is all rounds' mean times. The others run once; ± is "
				+ "JMH's error.");
		line();
		line("| client | µs/op | time × floor | CPU µs/op | CPU × floor | B/op | allocation × starter |");
		line("|---|---:|---:|---:|---:|---:|---:|");
		sendRow("**starter** `MqttSendTemplate.send` (V3, Apache HttpClient 5)", starter, floor, starter);
		sendRow("starter, V1 (HMAC-SHA1)", starterV1, floor, starter);
		sendRow("tea-openapi 0.3.15 `Client.callApi` (V3)", tea, floor, starter);
		sendRow("aliyun-java-sdk-core 4.7.10 `DefaultAcsClient` (V1)", core, floor, starter);
		sendRow("JDK `HttpClient` POST of a presigned request", jdk, floor, starter);
		sendRow("**floor**: presigned bytes on one kept-alive socket", floor, floor, starter);
		line();
		line("µs/op is JMH's average time per send, waits included. CPU µs/op is the JVM's CPU time per send, all "
				+ "threads (GC included), less the stub's (`CpuProfiler`): what a send costs whoever runs it, apart "
				+ "from how fast the machine wakes a thread blocked on a socket.");
		line();
		line("The starter's HTTP client, measured: Boot's request factories under the same `MqttSendTemplate` "
				+ "(`spring.http.clients.imperative.factory`). The starter ships Apache HttpClient 5: its row is the "
				+ "starter's above; the others run in one JVM each (± is JMH's error), as they carry no target.");
		line();
		line("| request factory under RestClient | µs/op | time × floor | CPU µs/op | B/op |");
		line("|---|---:|---:|---:|---:|");
		for (String factory : List.of("http-components", "jetty", "reactor", "jdk")) {
			Result result = factory.equals("http-components") ? starter
					: get("SendBenchmark.starterOnOtherFactory[" + factory + "]");
			line(String.format(Locale.ROOT, "| `%s`%s | %s | %.2f× | %.1f | %s |", factory,
					factory.equals("http-components") ? " (the starter's)" : "", withError(result, "%,.1f"),
					result.score() / floor.score(), result.cpu(), bytes(result)));
		}
		line();
		this.targets.add(new String[] { "2", "one send: starter ≤ 0.8× the faster official SDK",
				String.format(Locale.ROOT, "%.2f× %s (%.1f vs %.1f µs/op); CPU per send %.2f×",
						starter.score() / fasterOfficial.score(), fasterName, starter.score(), fasterOfficial.score(),
						starter.cpu() / fasterOfficial.cpu()),
				met(starter.score() <= 0.8 * fasterOfficial.score()) });
		this.targets.add(new String[] { "2", "one send: starter ≤ 2.5× the floor",
				String.format(Locale.ROOT, "%.2f× (%.1f vs %.1f µs/op); CPU per send %.2f×",
						starter.score() / floor.score(), starter.score(), floor.score(), starter.cpu() / floor.cpu()),
				met(starter.score() <= 2.5 * floor.score()) });
	}

	private void sendRow(String name, Result result, Result floor, Result starter) {
		line(String.format(Locale.ROOT, "| %s | %s | %.2f× | %.1f | %.2f× | %s | %s |", name + result.resentNote(),
				withError(result, "%,.1f"), result.score() / floor.score(), result.cpu(), result.cpu() / floor.cpu(),
				bytes(result),
				(result.alloc() < 100) ? "≈ 0" : String.format(Locale.ROOT, "%.2f×", result.alloc() / starter.alloc())));
	}

	// ---- item 3 ----

	private void throughput() {
		Result floor = get("ThroughputBenchmark.floor");
		line("## 3. Throughput, 8 threads");
		line();
		line("8 threads sharing one client (the floor: one socket per thread), limiter off, the same stub "
				+ "(`ThroughputBenchmark`). Every pooled client may keep 16 connections (the starter's default is 50; "
				+ "both SDKs were raised to 16). The stub shares the machine's cores with the clients.");
		line();
		line("| client | sends/s | × floor | CPU µs/send | B/op |");
		line("|---|---:|---:|---:|---:|");
		throughputRow("**starter** `MqttSendTemplate.send`", get("ThroughputBenchmark.starter"), floor);
		throughputRow("tea-openapi 0.3.15", get("ThroughputBenchmark.teaOpenApi"), floor);
		throughputRow("aliyun-java-sdk-core 4.7.10", get("ThroughputBenchmark.aliyunSdkCore"), floor);
		throughputRow("JDK `HttpClient`, presigned", get("ThroughputBenchmark.jdkHttpClientPresigned"), floor);
		throughputRow("**floor**", floor, floor);
		line();
		Result starter = get("ThroughputBenchmark.starter");
		this.targets.add(new String[] { "3", "throughput, 8 threads (no target: reported)",
				String.format(Locale.ROOT, "starter %,.0f sends/s = %.2f× the floor", starter.score(),
						starter.score() / floor.score()),
				"—" });
	}

	private void throughputRow(String name, Result result, Result floor) {
		line(String.format(Locale.ROOT, "| %s | %s | %.2f× | %.1f | %s |", name + result.resentNote(),
				withError(result, "%,.0f"),
				result.score() / floor.score(), result.cpu(), bytes(result)));
	}

	// ---- items 4 and 5 ----

	private void limits() {
		JsonNode host = this.limiter.get("host300");
		JsonNode account = this.limiter.get("account1000");
		JsonNode cpu = this.limiter.get("cpuAt300");
		JsonNode slept = this.limiter.get("cpuAt300PacedBySleep");
		int seconds = this.limiter.get("seconds").asInt();
		line("## 4. Limiter accuracy");
		line();
		line(String.format(Locale.ROOT,
				"The auto-configured starter with its limiter on, %d threads sending as fast as they can for %d s; "
						+ "the stub stamps every arrival (`LimiterBenchmark`). Achieved = calls the stub received in "
						+ "the %d s after the first one; the window column is the most calls it received in any one "
						+ "second (a window starting at every arrival, the tail after the %d s included).",
				this.limiter.get("threads").asInt(), seconds, seconds, seconds));
		line();
		line("| limit | properties | pacing (`sustainedRate`) | calls/s achieved | of the limit | most calls in any 1 s window | failed sends |");
		line("|---|---|---:|---:|---:|---:|---:|");
		limiterRow("host 300/s", "`host-qps=300`, `account-qps=1000`", host);
		limiterRow("account 1,000/s", "`account-qps=1000`, `host-qps=100000`", account);
		line();
		line("The limiter (`Bucket4jRateLimiter`) paces calls with a Bucket4j bucket refilled at 1% under each limit "
				+ "(the pacing column), and admits a call only while fewer calls than the limit are in flight or "
				+ "finished less than a second ago (`CallWindow`). A call reaches the stub after it was admitted and "
				+ "before its answer came back, so the stub can never count more than the limit in any second, "
				+ "however late calls arrive. The window costs rate only when answers take longer than 1% of a second "
				+ "(the rate is then `limit / (1 + latency)`). Before it, a bucket alone had to be set 2% under the "
				+ "limit, because a stalled thread could deliver a bunch of calls late (301–303 in one second at "
				+ "load average 9), and achieved 97.1% and 97.6%.");
		line();
		boolean accurate = host.get("achievedFraction").asDouble() >= 0.98
				&& account.get("achievedFraction").asDouble() >= 0.98;
		boolean never = host.get("maxInAnyOneSecondWindow").asInt() <= 300
				&& account.get("maxInAnyOneSecondWindow").asInt() <= 1000;
		this.targets.add(new String[] { "4", "limiter: ≥ 98% of the limit achieved",
				String.format(Locale.ROOT, "%.1f%% of 300, %.1f%% of 1,000",
						100 * host.get("achievedFraction").asDouble(), 100 * account.get("achievedFraction").asDouble()),
				met(accurate) });
		this.targets.add(new String[] { "4", "limiter: never above the limit in any one-second window",
				String.format(Locale.ROOT, "at most %d (limit 300), %d (limit 1,000)",
						host.get("maxInAnyOneSecondWindow").asInt(), account.get("maxInAnyOneSecondWindow").asInt()),
				met(never) });

		line("## 5. Cost of the starter at the limit");
		line();
		line(String.format(Locale.ROOT,
				"The same set-up at `host-qps=300`, measured for %.0f s after 2 s of settling: the JVM's CPU time "
						+ "(`OperatingSystemMXBean.getProcessCpuTime`, so GC, JIT and the HTTP client's threads "
						+ "included) less the stub's threads (`ThreadMXBean`), and the %d sending threads' own CPU time. "
						+ "The second row is the baseline: the limiter off and each thread sleeping until its turn, so "
						+ "that the same 300 sends/s arrive evenly without the limiter.",
				cpu.get("wallSeconds").asDouble(), this.limiter.get("threads").asInt()));
		line();
		line("| paced by | sends/s | CPU ms per 1,000 sends (process less stub) | of one core | the same less the idle JVM | sending threads only, ms per 1,000 | GC ms in the window | allocated per send |");
		line("|---|---:|---:|---:|---:|---:|---:|---:|");
		cpuRow("**the limiter** (`host-qps=300`)", cpu);
		if (slept != null) {
			cpuRow("sleeping threads, limiter off", slept);
		}
		line();
		line(String.format(Locale.ROOT,
				"Sizing: sending at the host limit takes about %.0f millicores (the process less the stub, JVM "
						+ "background included).",
				1000 * cpu.get("starterCoreFraction").asDouble()));
		if (slept != null) {
			line(String.format(Locale.ROOT,
					"The difference between the rows, %+.0f µs per send in this run, is the limiter's own cost; the "
							+ "rest is the send itself starting after a wait, against %s µs of CPU in item 2's tight "
							+ "loop. How much the rows move between runs, and the limiter's wake-ups measured alone, are "
							+ "under \"The limiter's wake-ups\" below.",
					cpu.get("starterCpuMsPer1000").asDouble() - slept.get("starterCpuMsPer1000").asDouble(),
					String.format(Locale.ROOT, "%.1f", get("SendBenchmark.starter").cpu())));
		}
		line();
		this.targets.add(new String[] { "5", "CPU per 1,000 sends at 300 calls/s (reported)",
				String.format(Locale.ROOT, "%.1f ms (%.1f%% of one core)", cpu.get("starterCpuMsPer1000").asDouble(),
						100 * cpu.get("starterCoreFraction").asDouble()),
				"—" });
	}

	private void cpuRow(String pacedBy, JsonNode cpu) {
		line(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f%% | %.1f ms (idle JVM: %.1f%% of a core) | %.1f | %d | %,.0f B |",
				pacedBy, cpu.get("sendsPerSecond").asDouble(), cpu.get("starterCpuMsPer1000").asDouble(),
				100 * cpu.get("starterCoreFraction").asDouble(), cpu.get("starterCpuMsPer1000LessIdle").asDouble(),
				100 * cpu.get("idleCoreFraction").asDouble(), cpu.get("senderThreadsCpuMsPer1000").asDouble(),
				cpu.get("gcMs").asLong(), cpu.get("allocatedBytesPerSend").asDouble()));
	}

	private void limiterRow(String name, String properties, JsonNode result) {
		long design = result.has("designRate") ? result.get("designRate").asLong() : -1;
		line(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.2f%% | %d | %d |", name, properties,
				(design > 0) ? String.format(Locale.ROOT, "%d/s (%.1f%%)", design, 100.0 * design / result.get("limit").asLong()) : "?",
				result.get("achievedPerSecond").asDouble(), 100 * result.get("achievedFraction").asDouble(),
				result.get("maxInAnyOneSecondWindow").asInt(), result.get("failures").asLong()));
	}

	// ---- the machine, the versions, the command ----

	private void machine() throws IOException {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		line("## Machine, JDK, versions and command");
		line();
		line("| | |");
		line("|---|---|");
		line("| CPU | " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available |");
		line(String.format(Locale.ROOT, "| memory | %.1f GiB |", os.getTotalMemorySize() / 1024.0 / 1024 / 1024));
		line("| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
				+ System.getProperty("os.arch") + ") |");
		line("| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.vendor") + "), `-Xms1g -Xmx1g` in the JMH forks; G1, but Serial for one "
				+ "send (what a JVM started on one core picks) |");
		line("| load average (1, 5, 15 min) | before the run: " + this.options.getOrDefault("load-before", "?")
				+ "; after: " + this.options.getOrDefault("load-after", "?") + " |");
		line("| run time | " + this.options.getOrDefault("elapsed", "?") + " (build included) |");
		Map<String, String> versions = dependencyVersions();
		line("| mqtt-send | " + versions.getOrDefault("io.github.mqttsend:mqtt-send-spring-boot-autoconfigure", "?")
				+ " (commit " + this.options.getOrDefault("commit", "?") + ") |");
		line("| Spring Boot / Framework | " + versions.getOrDefault("org.springframework.boot:spring-boot", "?") + " / "
				+ versions.getOrDefault("org.springframework:spring-core", "?") + " |");
		line("| Jackson (databind) | " + versions.getOrDefault("tools.jackson.core:jackson-databind", "?") + " |");
		line("| Apache HttpClient 5 (core) | " + versions.getOrDefault("org.apache.httpcomponents.client5:httpclient5", "?")
				+ " (" + versions.getOrDefault("org.apache.httpcomponents.core5:httpcore5", "?") + ") |");
		line("| Bucket4j | " + versions.getOrDefault("com.bucket4j:bucket4j_jdk17-core", "?") + " |");
		line("| tea-openapi (tea, OkHttp) | " + versions.getOrDefault("com.aliyun:tea-openapi", "?") + " ("
				+ versions.getOrDefault("com.aliyun:tea", "?") + ", "
				+ versions.getOrDefault("com.squareup.okhttp3:okhttp", "?") + ") |");
		line("| aliyun-java-sdk-core (Apache HttpClient 4) | " + versions.getOrDefault("com.aliyun:aliyun-java-sdk-core", "?")
				+ " (" + versions.getOrDefault("org.apache.httpcomponents:httpclient", "?") + ") |");
		line("| Jetty client / Reactor Netty | " + versions.getOrDefault("org.eclipse.jetty:jetty-client", "?") + " / "
				+ versions.getOrDefault("io.projectreactor.netty:reactor-netty-http", "?") + " |");
		line("| JMH | " + versions.getOrDefault("org.openjdk.jmh:jmh-core", "?")
				+ ": one fork per run, each one-send JVM started on one core, the signing rows and the one-send rows "
				+ "with targets in "
				+ this.options.getOrDefault("rounds", "3") + " rounds; warm-up 10 × 1 s (signing), 30 × 1 s (one send), "
				+ "5 × 1 s (throughput); measurement 5 × 1 s; `-prof gc` and `CpuProfiler`; ± is JMH's 99.9% "
				+ "confidence interval; with rounds, the median round's means and the range of the rounds' mean times |");
		line();
		line("Command (from the repository root):");
		line();
		line("```");
		line(this.options.getOrDefault("command", "benchmarks/run.sh"));
		line("```");
		line();
		line("What it runs:");
		line();
		line("```");
		line(this.options.getOrDefault("jmh-command", "?"));
		line(this.options.getOrDefault("send-command", "?"));
		line(this.options.getOrDefault("limiter-command", "?"));
		line("```");
		line();
	}

	private static String cpuModel() throws IOException {
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.exists(cpuinfo)) {
			for (String line : Files.readAllLines(cpuinfo)) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).strip();
				}
			}
		}
		return System.getProperty("os.arch");
	}

	/** {@code groupId:artifactId} to version, from {@code mvn dependency:list} output (run.sh writes it). */
	private Map<String, String> dependencyVersions() throws IOException {
		Map<String, String> versions = new HashMap<>();
		String file = this.options.get("dependencies");
		if (file == null || !Files.exists(Path.of(file))) {
			return versions;
		}
		java.util.regex.Pattern pattern = java.util.regex.Pattern
			.compile("^\\s*([\\w.\\-]+):([\\w.\\-]+):jar:(?:[\\w.\\-]+:)?([\\w.\\-]+):(compile|runtime)");
		for (String line : Files.readAllLines(Path.of(file))) {
			java.util.regex.Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				versions.put(matcher.group(1) + ":" + matcher.group(2), matcher.group(3));
			}
		}
		try (var in = Report.class.getClassLoader()
			.getResourceAsStream("META-INF/maven/io.github.mqttsend/mqtt-send-spring-boot-autoconfigure/pom.properties")) {
			if (in != null) {
				java.util.Properties properties = new java.util.Properties();
				properties.load(in);
				versions.put("io.github.mqttsend:mqtt-send-spring-boot-autoconfigure", properties.getProperty("version"));
			}
		}
		return versions;
	}

	// ---- formatting ----

	private static String withError(Result result, String format) {
		String score = String.format(Locale.ROOT, format, result.score());
		if (result.forkRange() != null) {
			return score + " (JVMs " + String.format(Locale.ROOT, format, result.forkRange()[0]) + "–"
					+ String.format(Locale.ROOT, format, result.forkRange()[1]) + ")";
		}
		if (Double.isNaN(result.error())) {
			return score;
		}
		return score + " ± " + String.format(Locale.ROOT, format, result.error());
	}

	private static String bytes(Result result) {
		if (Double.isNaN(result.alloc())) {
			return "?";
		}
		return (result.alloc() < 100) ? String.format(Locale.ROOT, "%.1f", result.alloc())
				: String.format(Locale.ROOT, "%,.0f", result.alloc());
	}

	private static String met(boolean met) {
		return met ? "**met**" : "**missed**";
	}

	private static String now() {
		return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

	private void line() {
		this.out.append('\n');
	}

}
