#!/usr/bin/env bash
# Builds the benchmarks, runs them all in one go and writes benchmarks/RESULTS.md.
#
#   benchmarks/run.sh                  # about 20 minutes on 2 cores
#   WAIT_FOR_LOAD=1.0 benchmarks/run.sh  # first wait (up to 15 min) for the 1-minute load average to drop below 1.0
#
# Needs only a JDK 17+ (the Maven wrapper fetches Maven). Not part of `./mvnw verify`: the module is built only
# with the `benchmarks` profile.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)

# the 1, 5 and 15 min load averages: /proc/loadavg on Linux, uptime elsewhere
load_averages() {
  cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed -E 's/.*load averages?: //; s/,//g'
}
out=benchmarks/target/results
jar=benchmarks/target/benchmarks.jar

echo "== building (profile benchmarks; the starter's tests are CI's job, skipped here)"
./mvnw -B -ntp -q -Pbenchmarks -pl benchmarks -am -Dmaven.test.skip=true package \
  dependency:list -DoutputFile=target/dependencies.txt -DincludeScope=runtime
mkdir -p "$out"

if [[ -n "${WAIT_FOR_LOAD:-}" ]]; then
  for _ in $(seq 1 90); do
    load=$(load_averages | cut -d' ' -f1)
    awk -v l="$load" -v t="$WAIT_FOR_LOAD" 'BEGIN { exit !(l < t) }' && break
    echo "   load average $load, waiting for < $WAIT_FOR_LOAD"
    sleep 10
  done
fi
load_before=$(load_averages)

# The rows that the targets compare (signing, one send) run in rounds of one JVM each, so that a slow spell of the
# machine, which can last minutes, falls on different rows in different rounds (before-after.md).
jmh_cmd=(java -jar "$jar" -prof gc -prof io.github.mqttsend.benchmarks.CpuProfiler -foe true -rf json)
throughput_rows='io\.github\.mqttsend\.benchmarks\.ThroughputBenchmark\.'
signing_rows='io\.github\.mqttsend\.benchmarks\.SigningBenchmark\.'
# one send: every JVM starts on one core (see one-core-java)
send_cmd=(java -jar "$jar" -jvm benchmarks/one-core-java -prof gc -prof io.github.mqttsend.benchmarks.CpuProfiler
  -foe true -rf json)
send_rows='io\.github\.mqttsend\.benchmarks\.SendBenchmark\.(starter|teaOpenApi|aliyunSdkCore|floor)$'
other_rows='io\.github\.mqttsend\.benchmarks\.SendBenchmark\.(starterV1|starterOnOtherFactory|jdkHttpClientPresigned)$'
rounds=3
limiter_cmd=(java -Xms1g -Xmx1g -cp "$jar" io.github.mqttsend.benchmarks.LimiterBenchmark "$out/limiter.json")

echo "== item 3: JMH (throughput)"
"${jmh_cmd[@]}" "$throughput_rows" -rff "$out/jmh-throughput.json" | tee "$out/jmh-throughput.txt"
jmh_files="$out/jmh-throughput.json"

for round in $(seq 1 "$rounds"); do
  echo "== item 1: JMH (signing), round $round of $rounds"
  "${jmh_cmd[@]}" "$signing_rows" -rff "$out/jmh-signing-$round.json" | tee "$out/jmh-signing-$round.txt"
  echo "== item 2: JMH (one send), round $round of $rounds"
  "${send_cmd[@]}" "$send_rows" -rff "$out/jmh-send-$round.json" | tee "$out/jmh-send-$round.txt"
  jmh_files="$jmh_files,$out/jmh-signing-$round.json,$out/jmh-send-$round.json"
done
echo "== item 2: JMH (one send), the rows without a target"
"${send_cmd[@]}" "$other_rows" -rff "$out/jmh-send-other.json" | tee "$out/jmh-send-other.txt"
jmh_files="$jmh_files,$out/jmh-send-other.json"

echo "== items 4-5: the limiter and the CPU at the limit"
"${limiter_cmd[@]}" | tee "$out/limiter.txt"

load_after=$(load_averages)
elapsed=$(( $(date +%s) - started ))

java -cp "$jar" io.github.mqttsend.benchmarks.Report \
  --jmh "$jmh_files" \
  --rounds "$rounds" \
  --limiter "$out/limiter.json" \
  --dependencies benchmarks/target/dependencies.txt \
  --before-after benchmarks/before-after.md \
  --out benchmarks/RESULTS.md \
  --date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  --commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . 2>/dev/null || echo ', with local changes')" \
  --load-before "$load_before" \
  --load-after "$load_after" \
  --elapsed "$((elapsed / 60)) min $((elapsed % 60)) s" \
  --pinned "$(command -v taskset > /dev/null && echo yes || echo no)" \
  --command "benchmarks/run.sh" \
  --jmh-command "${jmh_cmd[*]} '$throughput_rows' -rff $out/jmh-throughput.json; ${jmh_cmd[*]} '$signing_rows' -rff $out/jmh-signing-N.json (rounds N = 1..$rounds)" \
  --send-command "${send_cmd[*]} '$send_rows' -rff $out/jmh-send-N.json  (rounds N = 1..$rounds), then the same with '$other_rows'" \
  --limiter-command "${limiter_cmd[*]}" > "$out/report.txt"

echo "== wrote benchmarks/RESULTS.md in $((elapsed / 60)) min $((elapsed % 60)) s"
sed -n '/^## Targets/,/^## 1\./p' benchmarks/RESULTS.md | head -n -1
