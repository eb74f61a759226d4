#!/usr/bin/env bash
# Benchmark: makespan of 20 jobs (4 dens x 5 chi) whose fake pdrexe (bench/fake/pdrexe.c) sleeps
# 1 s, with 1 and with 2 workers, on a server catalog. Each run: fresh database, `pdr-run submit`
# of the grid (not timed), then the timed `pdr-run run --parallel --workers N` of the same grid
# with BENCH_SLEEP=1 (it only executes). Two measures per run, each as a ratio to the ideal
# 20 s / 10 s:
#  - makespan: from the first claim (the earliest attempt start in the catalog) to the exit of the
#    command, so the last job's storing and recording and the shutdown count, JVM start-up and
#    opening the catalog do not (they do not grow with the grid);
#  - raw: the whole command's wall time, start-up included.
# Prints every run and the medians. Bar: makespan within 1.05 x ideal.
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
runs_made=0
# fresh: a new catalog and a new folder (storage, run directories, SQLite file) with its
# configuration in $run/c.yaml, grid submitted. Nothing is deleted before the end: on ext4 without a
# journal, files created within a minute or more of mass deletions are slow to create (see
# bench/pipeline.sh).
fresh() {
  runs_made=$((runs_made + 1))
  run="$work/run-$runs_made"
  mkdir -p "$run"
  if [ "$backend" != sqlite ]; then fresh_db "$backend" "$db"; fi
  { if [ "$backend" = sqlite ]; then echo "database: {type: sqlite, path: $run/db.sqlite}"; else database_yaml "$backend" "$db"; fi
    cat <<YAML
storage: {type: local, base_dir: $run/storage}
pdr: {base_dir: $work/home, chem_database: chem_rates_demo.dat}
directories: {tmp_dir: $run/tmp}
worker: {heartbeat_s: 5}
model_parameters: {species: [CO, C+, C, O]}
YAML
  } > "$run/c.yaml"
  "$root/pdr-run" submit --config "$run/c.yaml" --model-name span "${grid[@]}" >/dev/null
}
timed_run() {  # timed_run WORKERS: "raw makespan" seconds on stdout; summary line to $work/summary
  local t0 t1 first
  t0=$(now)
  BENCH_SLEEP=1 "$root/pdr-run" run --config "$run/c.yaml" --model-name span "${grid[@]}" --parallel \
    --workers "$1" | tail -1 > "$work/summary"
  t1=$(now)
  first=$(first_claim)
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "$t1 - $first" | bc -l)"
}
first_claim() {  # epoch seconds of the earliest attempt start (stored as UTC)
  case "$backend" in
    sqlite) sqlite3 "$run/db.sqlite" "SELECT (julianday(MIN(started_at)) - 2440587.5) * 86400.0 FROM job_attempts" ;;
    mariadb) my_sql "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01', MIN(started_at)) / 1e6 FROM $db.job_attempts" ;;
    postgresql) PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" -q -At \
      -c "SELECT EXTRACT(EPOCH FROM MIN(started_at)) FROM job_attempts" ;;
  esac
}
for backend in $backends; do
  for workers in $workers_list; do
    ideal=$((20 / workers))
    raws=(); spans=()
    for i in $(seq 1 "$runs"); do
      fresh; read -r raw span < <(timed_run "$workers")
      printf '%s, %d worker(s), run %d: makespan %.2f s (%.3f x %d s), raw %.2f s (%.3f x) [%s] [load %s]\n' \
        "$backend" "$workers" "$i" "$span" "$(echo "$span / $ideal" | bc -l)" "$ideal" "$raw" \
        "$(echo "$raw / $ideal" | bc -l)" "$(cat "$work/summary")" "$(load_avg)"
      raws+=("$raw"); spans+=("$span")
    done
    mr=$(printf '%s\n' "${raws[@]}" | median); ms=$(printf '%s\n' "${spans[@]}" | median)
    printf '%s, %d worker(s): median makespan %.2f s = %.3f x ideal %d s (bar 1.05); median raw %.2f s = %.3f x\n' \
      "$backend" "$workers" "$ms" "$(echo "$ms / $ideal" | bc -l)" "$ideal" "$mr" "$(echo "$mr / $ideal" | bc -l)"
  done
done
