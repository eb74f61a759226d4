#!/usr/bin/env bash
# Benchmark: makespan of 20 jobs (4 dens x 5 chi) whose fake pdrexe (bench/fake/pdrexe.c) sleeps
# 1 s, with 1 and with 2 workers, on a server catalog. Each run: fresh database, `pdr-run submit`
# of the grid (not timed), then the timed `pdr-run run --parallel --workers N` of the same grid
# with BENCH_SLEEP=1 (it only executes). Start-up correction: the same (fresh database, submit,
# timed run) with BENCH_SLEEP=0; corrected = raw - that baseline (which removes JVM start-up and the
# per-job framework overhead of 20 instant jobs). Prints raw and corrected seconds and their ratio
# to the ideal 20 s / 10 s per run and medians. Bar: 1.05 x ideal.
# Usage: bench/makespan.sh [runs] ; BACKENDS="mariadb postgresql" (also: sqlite) WORKERS="1 2"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/servers-lib.sh"
runs="${1:-3}"
backends="${BACKENDS:-mariadb postgresql}"
workers_list="${WORKERS:-1 2}"
[ -f "$root/target/pdr-run.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"
db="pdrbench_$$_span"
trap 'drop_dbs; rm -rf "$work"' EXIT
install_fake_home "$work/home"
grid=(--metal 100 --mass -10 --dens $(seq 10 13) --chi $(seq 10 14))
echo "load average at start: $(load_avg)"
fresh() {  # fresh catalog and storage, grid submitted
  if [ "$backend" = sqlite ]; then rm -f "$work"/db.sqlite*; else fresh_db "$backend" "$db"; fi
  rm -rf "$work/storage" "$work/tmp"
  "$root/pdr-run" submit --config "$work/c.yaml" --model-name span "${grid[@]}" >/dev/null
}
timed_run() {  # timed_run SLEEP WORKERS: seconds of the run, on stdout; summary line to $work/summary
  local t0 t1
  t0=$(now)
  BENCH_SLEEP="$1" "$root/pdr-run" run --config "$work/c.yaml" --model-name span "${grid[@]}" --parallel \
    --workers "$2" | tail -1 > "$work/summary"
  t1=$(now)
  echo "$t1 - $t0" | bc -l
}
for backend in $backends; do
  { if [ "$backend" = sqlite ]; then echo "database: {type: sqlite, path: $work/db.sqlite}"; else database_yaml "$backend" "$db"; fi
    cat <<YAML
storage: {type: local, base_dir: $work/storage}
pdr: {base_dir: $work/home, chem_database: chem_rates_demo.dat}
directories: {tmp_dir: $work/tmp}
worker: {heartbeat_s: 5}
model_parameters: {species: [CO, C+, C, O]}
YAML
  } > "$work/c.yaml"
  for workers in $workers_list; do
    ideal=$((20 / workers))
    raws=(); bases=(); cors=()
    for i in $(seq 1 "$runs"); do
      fresh; raw=$(timed_run 1 "$workers"); s1=$(cat "$work/summary")
      fresh; base=$(timed_run 0 "$workers"); s0=$(cat "$work/summary")
      cor=$(echo "$raw - $base" | bc -l)
      printf '%s, %d worker(s), run %d: raw %.2f s (%.3f x %d s), baseline %.2f s, corrected %.2f s (%.3f x) [%s | %s] [load %s]\n' \
        "$backend" "$workers" "$i" "$raw" "$(echo "$raw / $ideal" | bc -l)" "$ideal" "$base" "$cor" \
        "$(echo "$cor / $ideal" | bc -l)" "$s1" "$s0" "$(load_avg)"
      raws+=("$raw"); bases+=("$base"); cors+=("$cor")
    done
    mr=$(printf '%s\n' "${raws[@]}" | median); mb=$(printf '%s\n' "${bases[@]}" | median)
    mc=$(printf '%s\n' "${cors[@]}" | median)
    printf '%s, %d worker(s): median raw %.2f s = %.3f x ideal %d s; median baseline %.2f s; median corrected %.2f s = %.3f x ideal (bar 1.05)\n' \
      "$backend" "$workers" "$mr" "$(echo "$mr / $ideal" | bc -l)" "$ideal" "$mb" "$mc" "$(echo "$mc / $ideal" | bc -l)"
  done
done
