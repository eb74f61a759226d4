#!/usr/bin/env bash
# Benchmark: claims per second. pdrrun.bench.ClaimBench registers 2000 jobs (50 dens x 40 chi) into
# a fresh database, then 4 threads loop JobRepository.claimNext + JobResultWriter.finish(FINISHED)
# with no work in between until none is left; the rate is jobs (claim + finish) per second of wall
# time of that phase (registration and JVM start-up excluded). $RUNS runs per back end, fresh
# database each; prints each run and the medians. Bar: 500 jobs/s on MariaDB and PostgreSQL.
# Usage: bench/claims.sh [runs] [threads] ; BACKENDS="mariadb postgresql" JAR=other.jar (A/B)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/servers-lib.sh"
runs="${1:-3}"
threads="${2:-4}"
backends="${BACKENDS:-mariadb postgresql}"
unzip -l "$root/target/pdr-run.jar" pdrrun/bench/ClaimBench.class >/dev/null 2>&1 \
  || (cd "$root" && mvn -q -DskipTests package)
. "$root/jvm-options.sh"
work="$(mktemp -d)"
db="pdrbench_$$_claims"
trap 'drop_dbs; rm -rf "$work"' EXIT
java -cp "$root/target/pdr-run.jar" pdrrun.bench.InstallDemoHome "$work/home" >/dev/null
echo "load average at start: $(load_avg)"
for backend in $backends; do
  { database_yaml "$backend" "$db"; cat <<YAML
storage: {type: local, base_dir: $work/storage}
pdr: {model_name: claimbench, base_dir: $work/home, chem_database: chem_rates_demo.dat}
directories: {tmp_dir: $work/tmp}
worker: {heartbeat_s: 5}
model_parameters: {metal: [100], mass: [-10], dens: [$(seq -s ', ' 0 49)], chi: [$(seq -s ', ' 0 39)]}
YAML
  } > "$work/c.yaml"
  # The JVM runs as the launcher runs `pdr-run worker` with this configuration.
  mapfile -t jvm < <(pdr_run_jvm_options worker --config "$work/c.yaml")
  rates=()
  for i in $(seq 1 "$runs"); do
    fresh_db "$backend" "$db"
    out=$(java "${jvm[@]}" -cp "${JAR:-$root/target/pdr-run.jar}" pdrrun.bench.ClaimBench "$work/c.yaml" "$threads" 2>"$work/err") \
      || { cat "$work/err" >&2; exit 1; }
    rate=$(sed -n 's/.*: \([0-9.]*\) jobs\/s.*/\1/p' <<<"$out")
    printf '%s run %d: %s [load %s]\n' "$backend" "$i" "$out" "$(load_avg)"
    rates+=("$rate")
  done
  m=$(printf '%s\n' "${rates[@]}" | median)
  printf '%s, %d threads: median %.1f claims+finishes/s = %.2f x the bar 500 (runs: %s)\n' "$backend" "$threads" \
    "$m" "$(echo "$m / 500" | bc -l)" "$(printf '%.1f ' "${rates[@]}")"
done
