#!/usr/bin/env bash
# Benchmark: register a 100k-point grid into a fresh SQLite catalog, 5 runs; prints each run and
# the median points/s. Also times `pdr-run --help` (10 runs, median). Usage: bench/register.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
[ -f "$root/target/pdr-run.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$root/target/pdr-run.jar" pdrrun.bench.InstallDemoHome "$work/home" >/dev/null
cat > "$work/c.yaml" <<YAML
database: {type: sqlite, path: $work/db.sqlite}
storage: {type: local, base_dir: $work/storage}
pdr: {base_dir: $work/home, chem_database: chem_rates_demo.dat}
YAML
dens=$(seq 0 99 | tr '\n' ' ')
chi=$(seq -50 49 | tr '\n' ' ')
mass=$(seq -20 -11 | tr '\n' ' ')
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
rates=()
for i in $(seq 1 "$runs"); do
  rm -f "$work"/db.sqlite*
  start=$(date +%s.%N)
  out=$("$root/pdr-run" submit --config "$work/c.yaml" --model-name bench --metal 100 --dens $dens --chi $chi --mass $mass)
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  rate=$(echo "100000 / $secs" | bc -l)
  printf 'run %d: %.2f s, %.0f points/s (%s)\n' "$i" "$secs" "$rate" "$out"
  rates+=("$rate")
done
printf 'median registration rate: %.0f points/s (bar: 6600)\n' "$(printf '%s\n' "${rates[@]}" | median)"
helps=()
for i in $(seq 1 10); do
  start=$(date +%s.%N); "$root/pdr-run" --help >/dev/null; end=$(date +%s.%N)
  helps+=("$(echo "$end - $start" | bc -l)")
done
printf 'median pdr-run --help wall time: %.3f s (goal < 0.6 s)\n' "$(printf '%s\n' "${helps[@]}" | median)"
