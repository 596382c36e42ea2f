#!/usr/bin/env bash
# Builds the self-contained benchmark jar and runs every suite, writing JMH JSON results
# (benchmarks/target/results), the Markdown tables of benchmarks/RESULTS.md and the charts
# benchmarks/throughput-vs-threads.png and benchmarks/redis-comparison.png. About 14 minutes for
# the JMH suites and 12 for the Redis comparison on a 2-core machine.
#   benchmarks/run.sh            # everything
#   benchmarks/run.sh Cbor       # only suites whose name contains "Cbor" (the JMH part of
#                                # RESULTS.md is then rebuilt from whatever results are in
#                                # benchmarks/target/results; the Redis part is kept)
#   benchmarks/run.sh Redis      # only cachebricks vs Redis (Jedis, Lettuce) and Caffeine, on a
#                                # loopback redis-server started here (installed if missing);
#                                # the JMH part of RESULTS.md is kept
#   CACHEBRICKS_BENCH_SMOKE=1 benchmarks/run.sh Redis
#                                # smoke: one round of 200 ms per variant (JMH: one 200 ms
#                                # iteration), to prove the command works; writes under
#                                # benchmarks/target/smoke and leaves RESULTS.md alone
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
smoke="${CACHEBRICKS_BENCH_SMOKE:-}"
./mvnw -B -q -Pbench -pl benchmarks -am -DskipTests package
jar=benchmarks/target/benchmarks.jar
if [[ -n "$smoke" ]]; then
  report=benchmarks/target/smoke
  out=$report/results
  common=(-f 1 -wi 0 -i 1 -r 200ms)
  redis_args=(--rounds 1 --millis 200 --warmup 0 --keys 1000)
else
  report=benchmarks
  out=benchmarks/target/results
  # Many short iterations: on a shared VM the spread between iterations dominates, and JMH's
  # 99.9% interval narrows with their number far more than with their length.
  common=(-f 1 -wi 2 -w 1s -i 6 -r 1s)
  redis_args=(--rounds 10 --millis 1000 --warmup 2 --keys 100000)
fi
mkdir -p "$out"
hazelcast_flags=(--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED)
started=$(date +%s)
wants() { [[ -z "$filter" || "$1" == *"$filter"* ]]; }
ran_jmh=
run() { # name, threads, regexp
  if ! wants "$1"; then return; fi
  ran_jmh=1
  echo "== $1 ($2 thread(s)) at $(( $(date +%s) - started ))s"
  java -jar "$jar" "$3" "${common[@]}" -t "$2" -rf json -rff "$out/$1-t$2.json" \
    | grep -E '^Benchmark |Benchmark\.[a-zA-Z0-9]+ ' || true
}
run Adapter 1 'AdapterBenchmark'
run Adapter 4 'AdapterBenchmark'
run Async 1 'AsyncBenchmark'
run Manager 1 'ManagerBenchmark.getExistingTenant1Thread'
run Manager 4 'ManagerBenchmark.getExistingTenant4Threads'
run Tenant 1 'TenantBenchmark'
run Cbor 1 'CborBenchmark'
# Thread sweep for the chart: get through the adapter and raw, sync and async (1 and 4 threads
# of the sync path come from the Adapter suite above).
for t in 2 8; do run SweepSync "$t" 'AdapterBenchmark.(adapterGet|rawGet)$'; done
for t in 2 4 8; do run SweepAsync "$t" 'AsyncBenchmark.(adapterAsyncGet|rawAsyncGet)$'; done
shopt -s nullglob
if wants Heap; then
  ran_jmh=1
  java --add-opens java.base/java.lang=ALL-UNNAMED -cp "$jar" \
    dev.cachebricks.benchmarks.HeapPerTenant 2000 | tail -1 > "$out/heap.txt"
fi
jmh_done=$(date +%s)

# ---- cachebricks vs Redis and Caffeine: a loopback redis-server for the run's length ----------
ran_redis=
redis_pid=
stop_redis() {
  if [[ -n "$redis_pid" ]]; then
    kill "$redis_pid" 2> /dev/null || true
    wait "$redis_pid" 2> /dev/null || true
    redis_pid=
  fi
}
trap stop_redis EXIT
start_redis() {
  if ! command -v redis-server > /dev/null; then
    echo "== installing redis-server (Debian package)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server > /dev/null
  fi
  for _ in 1 2 3 4 5; do
    redis_port=$(( 20000 + RANDOM % 20000 ))
    if (exec 3<> "/dev/tcp/127.0.0.1/$redis_port") 2> /dev/null; then continue; fi # taken
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
      --dir "$PWD/$out" > "$out/redis.log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 50); do
      if [[ "$(redis-cli -p "$redis_port" ping 2> /dev/null)" == PONG ]]; then return 0; fi
      kill -0 "$redis_pid" 2> /dev/null || break
      sleep 0.1
    done
    stop_redis
  done
  echo "redis-server did not start, see $out/redis.log" >&2
  return 1
}
if wants Redis; then
  ran_redis=1
  start_redis
  redis_version=$(redis-cli -p "$redis_port" info server | tr -d '\r' \
    | sed -n 's/^redis_version://p')
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "== Redis comparison at $(( $(date +%s) - started ))s (redis-server $redis_version on" \
    "127.0.0.1:$redis_port, load average $load_before)"
  redis_started=$(date +%s)
  redis_java=(java -Xms2g -Xmx2g "${hazelcast_flags[@]}" -cp "$jar"
    dev.cachebricks.benchmarks.RedisInterleaved "${redis_args[@]}")
  "${redis_java[@]}" --redis "127.0.0.1:$redis_port" --out "$out/redis-comparison.tsv"
  redis_took=$(( $(date +%s) - redis_started ))
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_redis
  java -cp "$jar" dev.cachebricks.benchmarks.ComparisonTable "$out/redis-table.md" \
    "$out/redis-comparison.tsv" > /dev/null
  java -cp "$jar" dev.cachebricks.benchmarks.ComparisonChart "$report/redis-comparison.png" \
    "cachebricks vs Redis and Caffeine: ops/s, $(nproc) cores (log scale)" \
    "$out/redis-comparison.tsv"
fi

# ---- RESULTS.md: the JMH part, then the Redis part; a run rewrites the parts it ran ----------
marker='<!-- redis-comparison -->'
results_md=$report/RESULTS.md
part() { # 1: the JMH part of the existing RESULTS.md, 2: the Redis part
  [[ -f "$results_md" ]] || return 0
  awk -v m="$marker" -v want="$1" '$0 == m { p = 2 } (p ? p : 1) == want' "$results_md"
}
jmh_part() {
  table=("$out"/Adapter-*.json "$out"/Async-*.json "$out"/Manager-*.json "$out"/Tenant-*.json
    "$out"/Cbor-*.json)
  sweep=("$out"/Adapter-*.json "$out"/Async-*.json "$out"/Sweep*.json)
  java -cp "$jar" dev.cachebricks.benchmarks.ResultsTable "$out/table.md" "${table[@]}" \
    > /dev/null
  if (( ${#sweep[@]} > 0 )); then # none after, say, "run.sh Cbor" on a fresh tree
    java -cp "$jar" dev.cachebricks.benchmarks.ThroughputChart \
      "$report/throughput-vs-threads.png" \
      "Get throughput vs threads: adapter (solid) and raw ICache (dashed), sync and async" \
      '(adapter|raw)(Async)?Get' "${sweep[@]}" > /dev/null
  fi
  echo "# Benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB," \
    "$(java -version 2>&1 | head -1)."
  echo "Command: \`benchmarks/run.sh\` (JMH: ${common[*]}; one embedded member on 127.0.0.1)."
  echo "Date: $(date -u +%Y-%m-%d). Wall time: $(( jmh_done - started )) s after the build."
  echo
  cat "$out/table.md"
  echo
  cat "$out/heap.txt" 2> /dev/null || true
  echo
  echo "![Throughput vs threads](throughput-vs-threads.png)"
  echo
  echo "Get throughput over all threads at 1, 2, 4 and 8 JMH threads on 2 cores (sync: adapterGet"
  echo "vs rawGet, average time turned into operations per second; async: 64 gets in flight per"
  echo "thread), same JMH settings."
  echo
}
redis_part() {
  echo "$marker"
  echo "## cachebricks vs Redis and Caffeine"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB," \
    "$(java -version 2>&1 | head -1); Redis $redis_version (Debian package) on 127.0.0.1,"
  echo "no persistence. Load average (1, 5, 15 min) before: $load_before, after: $load_after."
  echo "Command: \`${smoke:+CACHEBRICKS_BENCH_SMOKE=1 }benchmarks/run.sh Redis\`, which runs"
  echo "\`${redis_java[*]} --redis 127.0.0.1:PORT\`."
  echo "Date: $(date -u +%Y-%m-%d). Wall time: $redis_took s."
  echo
  cat "$out/redis-table.md"
  echo
  echo "![cachebricks vs Redis and Caffeine](redis-comparison.png)"
  echo
  echo "All variants run in one JVM, interleaved round by round (the first variant rotates);"
  echo "figures are medians over rounds, ratios the median of per-round ratios. Caffeine: a"
  echo "local \`Cache<String, byte[]>\` with per-entry expiry (the in-process reference, no copy,"
  echo "no network). cachebricks embedded: \`Cache\` on a member in this JVM. cachebricks client"
  echo "and Hazelcast client IMap: a client in this JVM, the member in a second JVM on loopback."
  echo "Jedis: \`RedisClient\` with a pool of 32 connections; Lettuce: one shared connection."
  echo "getOrSet writes a new key per call (Redis: \`SET key value NX GET EX 60\`). Async get:"
  echo "\`Cache.async()\` and Lettuce's async API with 64 calls in flight per thread, Jedis"
  echo "pipelines of 64. p50/p99: sampled latency of single synchronous calls."
}
if [[ -n "$ran_jmh" || -n "$ran_redis" ]]; then
  {
    if [[ -n "$ran_jmh" ]]; then jmh_part; else part 1; fi
    if [[ -n "$ran_redis" ]]; then redis_part; else part 2; fi
  } > "$out/RESULTS.md.tmp"
  mv "$out/RESULTS.md.tmp" "$results_md"
  echo "wrote $results_md and the charts beside it"
fi
