#!/usr/bin/env bash
# Benchmark: `pdr-run status` (text and --json) on a generated 100k-job SQLite catalog; 5 runs
# each, prints every run and the median wall time (goal < 2 s). Usage: bench/status.sh [runs] [jobs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
jobs="${2:-100000}"
[ -f "$root/target/pdr-run.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$root/target/pdr-run.jar" pdrrun.report.bench.GenerateCatalog "$work/db.sqlite" "$jobs"
cat > "$work/c.yaml" <<YAML
database: {type: sqlite, path: $work/db.sqlite}
storage: {type: local, base_dir: $work/storage}
pdr: {max_walltime_s: 108000}
YAML
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for mode in text json; do
  flags=(); [ "$mode" = json ] && flags=(--json)
  times=()
  for i in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    "$root/pdr-run" status --config "$work/c.yaml" --workers 40 "${flags[@]}" > "$work/out.$mode"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    printf 'status %s run %d: %.3f s (%d bytes)\n' "$mode" "$i" "$t" "$(wc -c < "$work/out.$mode")"
    times+=("$t")
  done
  printf 'median pdr-run status (%s) on %d jobs: %.3f s (goal < 2 s)\n' "$mode" "$jobs" \
    "$(printf '%s\n' "${times[@]}" | median)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
head -12 "$work/out.text"
