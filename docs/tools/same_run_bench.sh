#!/bin/bash
# The same-run comparison of docs/performance.md ("Same-run figures against transformers"):
# transformers (1 and 2 threads), then Tarjama's `bench` in fp32, int8 and bf16 (1 thread, 2 threads,
# 2 slices), then `bench --service` in fp32 and int8, one after the other, each line of the log with
# the time and the load average. Run it from the repository root on an otherwise idle machine:
#
#   ./mvnw -q -B package -DskipTests
#   PYTHON=/path/to/venv/bin/python docs/tools/same_run_bench.sh /tmp/same-run
#
# PYTHON must import torch and transformers (see docs/performance.md for the environment used);
# without it the transformers part is skipped. Outputs: DIR/*.txt (tables) and DIR/*.json.
set -u
out=${1:-same-run}
mkdir -p "$out"
jar=target/tarjama.jar
bench="java -Xmx1g -jar $jar bench --no-article --runs 3 --warmup 1"
log() { echo "=== $(date +%T) $* (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/run.log"; }
if [ -n "${PYTHON:-}" ]; then
  for t in 1 2; do
    log "transformers, $t thread(s)"
    "$PYTHON" docs/tools/hf_generate_bench.py --threads "$t" --runs 3 --warmup 1 --out "$out/hf-t$t.json" > "$out/hf-t$t.txt" 2>&1
  done
else
  log "PYTHON not set: transformers skipped"
fi
for p in fp32 int8 bf16; do
  log "$p, 1 thread";  $bench --precision "$p" --out "$out/$p-t1.json" > "$out/$p-t1.txt" 2> "$out/$p-t1.err"
  log "$p, 2 threads"; $bench --precision "$p" --threads 2 --out "$out/$p-t2.json" > "$out/$p-t2.txt" 2> "$out/$p-t2.err"
done
for p in fp32 int8; do
  log "$p, 2 slices";  $bench --precision "$p" --slices 2 --out "$out/$p-s2.json" > "$out/$p-s2.txt" 2> "$out/$p-s2.err"
done
for p in fp32 int8; do
  log "service, $p"
  java -Xmx1g -jar "$jar" bench --service --clients 1,4,16 --duration 40 --warmup 5 --precision "$p" \
      --out "$out/service-$p.json" > "$out/service-$p.txt" 2> "$out/service-$p.err"
done
log done
