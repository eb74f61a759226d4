#!/usr/bin/env bash
# Benchmark: peak number of server connections of `pdr-run run --parallel --workers 4` on a 40-job
# grid (4 dens x 10 chi, instant fake executables compiled from bench/fake/*.c; BENCH_SLEEP=S makes
# pdrexe sleep S seconds per job) into a fresh database. A sampler (one persistent mariadb / psql
# client, not connected to the benchmark database) counts the database's connections every 50 ms
# (information_schema.PROCESSLIST db / pg_stat_activity datname) from just before the run until it
# exits. $RUNS runs per back end; prints each run's peak, the samples taken and the median peak.
# Bar: at most 6 (the original used 10). Usage: bench/peak-connections.sh [runs] ; BACKENDS=...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/servers-lib.sh"
runs="${1:-3}"
backends="${BACKENDS:-mariadb postgresql}"
export BENCH_SLEEP="${BENCH_SLEEP:-0}"
[ -f "$root/target/pdr-run.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"
db="pdrbench_$$_peak"
sampler=""
cleanup() { touch "$work/stop"; [ -z "$sampler" ] || wait "$sampler" 2>/dev/null || true; drop_dbs; rm -rf "$work"; }
trap cleanup EXIT
install_fake_home "$work/home"
grid=(--metal 100 --mass -10 --dens $(seq 10 13) --chi $(seq 10 19))
echo "load average at start: $(load_avg); pdrexe sleeps ${BENCH_SLEEP} s per job"
# sample BACKEND NAME: prints one count per line until the file $work/stop exists (one client session).
sample() {
  local q; q=$(connections_sql "$1" "$2")
  while [ ! -e "$work/stop" ]; do echo "$q"; sleep 0.05; done | case "$1" in
    mariadb) mariadb -h "$my_host" -P "$my_port" -u "$my_user" -N -B --unbuffered ;;
    postgresql) psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -q -At ;;
  esac
}
for backend in $backends; do
  { database_yaml "$backend" "$db"; cat <<YAML
storage: {type: local, base_dir: $work/storage}
pdr: {base_dir: $work/home, chem_database: chem_rates_demo.dat}
directories: {tmp_dir: $work/tmp}
worker: {heartbeat_s: 5}
model_parameters: {species: [CO, C+, C, O]}
YAML
  } > "$work/c.yaml"
  peaks=()
  for i in $(seq 1 "$runs"); do
    fresh_db "$backend" "$db"
    rm -rf "$work/storage" "$work/tmp"
    rm -f "$work/stop"
    sample "$backend" "$db" > "$work/samples" 2>/dev/null &
    sampler=$!
    sleep 0.3
    t0=$(now)
    summary=$("$root/pdr-run" run --config "$work/c.yaml" --model-name peak "${grid[@]}" --parallel --workers 4 | tail -1)
    t1=$(now)
    sleep 0.2
    touch "$work/stop"; wait "$sampler" 2>/dev/null || true; sampler=""
    peak=$(sort -n "$work/samples" | tail -1)
    hist=$(sort -n "$work/samples" | uniq -c | awk '{printf "%s%sx%s", (NR>1?" ":""), $2, $1}')
    printf '%s run %d: peak %s connections; %d samples over %.1f s of run (count x samples: %s); %s [load %s]\n' \
      "$backend" "$i" "$peak" "$(wc -l < "$work/samples")" "$(echo "$t1 - $t0" | bc -l)" "$hist" "$summary" "$(load_avg)"
    peaks+=("$peak")
  done
  m=$(printf '%s\n' "${peaks[@]}" | median)
  printf '%s: median peak %s connections (runs: %s) (bar: at most 6; original 10)\n' "$backend" "$m" "${peaks[*]}"
done
