#!/usr/bin/env bash
# Builds the self-contained benchmark jar and runs every suite, writing JMH JSON results and the
# Markdown table benchmarks/RESULTS.md. About 10 minutes on a 2-core machine.
#   benchmarks/run.sh            # everything
#   benchmarks/run.sh Cbor       # only suites whose name matches
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
./mvnw -B -q -Pbench -pl benchmarks -am -DskipTests package
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"
common=(-f 1 -wi 2 -w 2s -i 3 -r 2s)
run() { # name, threads, regexp
  if [[ -n "$filter" && "$1" != *"$filter"* ]]; then return; fi
  echo "== $1 ($2 thread(s))"
  java -jar "$jar" "$3" "${common[@]}" -t "$2" -rf json -rff "$out/$1-t$2.json" | grep -E '^Benchmark |Benchmark\.[a-zA-Z0-9]+ '
}
run Adapter 1 'AdapterBenchmark'
run Adapter 4 'AdapterBenchmark'
run Async 1 'AsyncBenchmark'
run Manager 1 'ManagerBenchmark.getExistingTenant1Thread'
run Manager 4 'ManagerBenchmark.getExistingTenant4Threads'
run Tenant 1 'TenantBenchmark'
run Cbor 1 'CborBenchmark'
java -cp "$jar" dev.cachebricks.benchmarks.ResultsTable "$out/table.md" "$out"/*.json > /dev/null
heap=$(java --add-opens java.base/java.lang=ALL-UNNAMED -cp "$jar" dev.cachebricks.benchmarks.HeapPerTenant 2000 | tail -1)
{
  echo "# Benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)."
  echo "Command: \`benchmarks/run.sh\` (JMH: ${common[*]}; one embedded member on 127.0.0.1)."
  echo "Date: $(date -u +%Y-%m-%d)."
  echo
  cat "$out/table.md"
  echo
  echo "$heap"
} > benchmarks/RESULTS.md
echo "wrote benchmarks/RESULTS.md"
