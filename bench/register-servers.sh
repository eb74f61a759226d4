#!/usr/bin/env bash
# Benchmark: `pdr-run submit` of a 10k-point (100 dens x 100 chi x 1 mass) and a 100k-point grid
# (x 10 mass) into a fresh MariaDB / PostgreSQL database, $RUNS runs each (fresh database every
# run); wall time of the whole command, nothing subtracted (JVM start-up included). Prints each run
# and the median points/s. Bar: 3200 points/s (50 x the original's 64/s) on both back ends.
# Usage: bench/register-servers.sh [runs] ; BACKENDS="mariadb postgresql" SIZES="10000 100000"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/servers-lib.sh"
runs="${1:-3}"
backends="${BACKENDS:-mariadb postgresql}"
sizes="${SIZES:-10000 100000}"
[ -f "$root/target/pdr-run.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"
db="pdrbench_$$_reg"
trap 'drop_dbs; rm -rf "$work"' EXIT
java -cp "$root/target/pdr-run.jar" pdrrun.bench.InstallDemoHome "$work/home" >/dev/null
dens=$(seq 0 99 | tr '\n' ' ')
chi=$(seq -50 49 | tr '\n' ' ')
echo "load average at start: $(load_avg)"
for backend in $backends; do
  { database_yaml "$backend" "$db"; cat <<YAML
storage: {type: local, base_dir: $work/storage}
pdr: {base_dir: $work/home, chem_database: chem_rates_demo.dat}
directories: {tmp_dir: $work/tmp}
worker: {heartbeat_s: 5}
YAML
  } > "$work/c.yaml"
  for size in $sizes; do
    case "$size" in
      10000) mass="-20" ;;
      100000) mass=$(seq -20 -11 | tr '\n' ' ') ;;
      *) echo "size must be 10000 or 100000" >&2; exit 2 ;;
    esac
    rates=()
    for i in $(seq 1 "$runs"); do
      fresh_db "$backend" "$db"
      t0=$(now)
      out=$("$root/pdr-run" submit --config "$work/c.yaml" --model-name bench --metal 100 --dens $dens --chi $chi --mass $mass)
      t1=$(now)
      secs=$(echo "$t1 - $t0" | bc -l)
      rate=$(echo "$size / $secs" | bc -l)
      printf '%s %d points, run %d: %.2f s, %.0f points/s (%s) [load %s]\n' "$backend" "$size" "$i" "$secs" "$rate" \
        "${out%% (*}" "$(load_avg)"
      rates+=("$rate")
    done
    m=$(printf '%s\n' "${rates[@]}" | median)
    printf '%s %d points: median %.0f points/s = %.2f x the bar 3200 (runs: %s)\n' "$backend" "$size" "$m" \
      "$(echo "$m / 3200" | bc -l)" "$(printf '%.0f ' "${rates[@]}")"
  done
done
