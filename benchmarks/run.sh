#!/usr/bin/env bash
# Builds the self-contained benchmark jar and runs every suite, writing JMH JSON results
# (benchmarks/target/results), the Markdown table benchmarks/RESULTS.md and the chart
# benchmarks/throughput-vs-threads.png. About 14 minutes on a 2-core machine.
#   benchmarks/run.sh            # everything
#   benchmarks/run.sh Cbor       # only suites whose name contains "Cbor" (RESULTS.md is then
#                                # rebuilt from whatever results are in benchmarks/target/results)
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
./mvnw -B -q -Pbench -pl benchmarks -am -DskipTests package
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"
# Many short iterations: on a shared VM the spread between iterations dominates, and JMH's
# 99.9% interval narrows with their number far more than with their length.
common=(-f 1 -wi 2 -w 1s -i 6 -r 1s)
started=$(date +%s)
run() { # name, threads, regexp
  if [[ -n "$filter" && "$1" != *"$filter"* ]]; then return; fi
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
table=("$out"/Adapter-*.json "$out"/Async-*.json "$out"/Manager-*.json "$out"/Tenant-*.json "$out"/Cbor-*.json)
sweep=("$out"/Adapter-*.json "$out"/Async-*.json "$out"/Sweep*.json)
java -cp "$jar" dev.cachebricks.benchmarks.ResultsTable "$out/table.md" "${table[@]}" > /dev/null
java -cp "$jar" dev.cachebricks.benchmarks.ThroughputChart benchmarks/throughput-vs-threads.png \
  "Get throughput vs threads: adapter (solid) and raw ICache (dashed), sync and async" \
  '(adapter|raw)(Async)?Get' "${sweep[@]}"
if [[ -z "$filter" || "Heap" == *"$filter"* ]]; then
  java --add-opens java.base/java.lang=ALL-UNNAMED -cp "$jar" \
    dev.cachebricks.benchmarks.HeapPerTenant 2000 | tail -1 > "$out/heap.txt"
fi
{
  echo "# Benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)."
  echo "Command: \`benchmarks/run.sh\` (JMH: ${common[*]}; one embedded member on 127.0.0.1)."
  echo "Date: $(date -u +%Y-%m-%d). Wall time: $(( $(date +%s) - started )) s after the build."
  echo
  cat "$out/table.md"
  echo
  cat "$out/heap.txt" 2>/dev/null || true
  echo
  echo "![Throughput vs threads](throughput-vs-threads.png)"
  echo
  echo "Get throughput over all threads at 1, 2, 4 and 8 JMH threads on 2 cores (sync: adapterGet"
  echo "vs rawGet, average time turned into operations per second; async: 64 gets in flight per"
  echo "thread), same JMH settings."
} > benchmarks/RESULTS.md
echo "wrote benchmarks/RESULTS.md and benchmarks/throughput-vs-threads.png"
