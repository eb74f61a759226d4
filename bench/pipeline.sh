#!/usr/bin/env bash
# Benchmark of the run pipeline with instant fake executables (compiled from bench/fake/*.c):
#  1. framework overhead per job: 100 jobs, 4 ONION species each, sequential and with 2 workers;
#     overhead = wall time of `pdr-run run` minus JVM start-up and registration (timed separately
#     by registering the same grid into a fresh catalog), divided by the number of jobs; printed
#     as is and, second, also minus the executables' own time: the same 100 x (pdrexe + 4 onionexe)
#     run by a plain shell loop in fresh folders (what running the model by hand costs), divided
#     by the number of workers, since the workers run executables in parallel;
#  2. parallel efficiency: 20 jobs whose pdrexe sleeps 1 s, 2 workers; ideal = 10 s; makespan from
#     the first claim to the exit of the command, and the whole command minus start-up as in 1.
# Each measurement runs $RUNS times (default 3); medians are printed. Usage: bench/pipeline.sh [runs]
# Every run, and every job of the shell loop, gets a folder of its own, and nothing is deleted until
# the end: on an ext4 file system without a journal (this machine's), creating a file skips every
# inode freed in the last minute or more (ext4's recently_deleted check, perf shows it as the top
# kernel symbol), so deleting the last run's 4,000 files made the next run 50 to 80 % slower.
# For the same reason, start this benchmark on a quiet file system: six minutes or more after
# anything deleted many files there (a test run, another benchmark's clean-up at its exit). An
# inode freed stays skipped for 60 s, or 360 s while its inode table block is dirty, which the
# new files written next to it keep it; 90 s after a 40,000-file clean-up, the 1-worker figure
# was 0.029 instead of 0.020 s.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
[ -f "$root/target/pdr-run.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
home="$work/home"
java -cp "$root/target/pdr-run.jar" pdrrun.bench.InstallDemoHome "$home" >/dev/null
gcc -O2 -o "$home/pdrexe" "$root/bench/fake/pdrexe.c"
gcc -O2 -o "$home/onionexe" "$root/bench/fake/onionexe.c"
gcc -O2 -o "$home/getctrlind" "$root/bench/fake/trivial.c"
gcc -O2 -o "$home/mrt.exe" "$root/bench/fake/trivial.c"
for sp in CO C+ C O; do printf '%s\n' "$sp" > "$home/onioninpdata/ONION3.INP.$sp"; done
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
runs_made=0
fresh() {  # a new folder with its configuration for the next run; its path in $run
  runs_made=$((runs_made + 1))
  run="$work/run-$runs_made"
  mkdir -p "$run"
  cat > "$run/c.yaml" <<YAML
database: {type: sqlite, path: $run/db.sqlite}
storage: {type: local, base_dir: $run/storage}
pdr: {base_dir: $home, chem_database: chem_rates_demo.dat}
directories: {tmp_dir: $run/tmp}
model_parameters: {species: [CO, C+, C, O]}
YAML
}
now() { date +%s.%N; }
grid100=(--metal 100 --mass -10 --dens $(seq 10 19) --chi $(seq 10 19))
grid20=(--metal 100 --mass -10 --dens $(seq 10 13) --chi $(seq 10 14))
# The executables alone, as a shell loop runs them: one fresh folder per job, pdrexe, then onionexe
# for each species with its input copied in, then the folder removed. Seconds for 100 jobs.
hand_runs=0
by_hand() {
  local t0 t1 d
  hand_runs=$((hand_runs + 1))
  t0=$(now)
  for j in $(seq 1 100); do
    d="$work/hand-$hand_runs/$j"
    mkdir -p "$d/pdroutput" "$d/onionoutput" "$d/Out"
    (cd "$d" && PDR_JOB_NAME="job$j" "$home/pdrexe" >pdroutput/TEXTOUT \
      && for sp in CO C+ C O; do cp "$home/onioninpdata/ONION3.INP.$sp" ONION3.INP \
        && "$home/onionexe" pdroutput/pdrstruct_s.hdf5 >>onionoutput/TEXTOUT; done)
  done
  t1=$(now)
  echo "$t1 - $t0" | bc -l
}
for workers in 1 2; do
  overheads=()
  beyond=()
  for i in $(seq 1 "$runs"); do
    fresh
    t0=$(now); "$root/pdr-run" submit --config "$run/c.yaml" --model-name bench "${grid100[@]}" >/dev/null; t1=$(now)
    fresh
    t2=$(now)
    "$root/pdr-run" run --config "$run/c.yaml" --model-name bench "${grid100[@]}" --parallel --workers "$workers" \
      | tail -1
    t3=$(now)
    overhead="$(echo "(($t3 - $t2) - ($t1 - $t0)) / 100" | bc -l)"
    overheads+=("$overhead")
    beyond+=("$(echo "$overhead - $(by_hand) / 100 / $workers" | bc -l)")
  done
  printf 'framework overhead per job, %d worker(s): median %.4f s (runs: %s) (bar: 0.02 s)\n' "$workers" \
    "$(printf '%s\n' "${overheads[@]}" | median)" "$(printf '%.4f ' "${overheads[@]}")"
  printf '  of which beyond the executables own run (shell loop): median %.4f s (runs: %s)\n' \
    "$(printf '%s\n' "${beyond[@]}" | median)" "$(printf '%.4f ' "${beyond[@]}")"
done
ratios=(); spans=()
for i in $(seq 1 "$runs"); do
  fresh
  t0=$(now); "$root/pdr-run" submit --config "$run/c.yaml" --model-name bench "${grid20[@]}" >/dev/null; t1=$(now)
  fresh
  t2=$(now)
  BENCH_SLEEP=1 "$root/pdr-run" run --config "$run/c.yaml" --model-name bench "${grid20[@]}" --parallel --workers 2 \
    | tail -1
  t3=$(now)
  ratios+=("$(echo "(($t3 - $t2) - ($t1 - $t0)) / 10" | bc -l)")
  # Makespan: from the first claim (earliest attempt start, stored as UTC) to the command's exit.
  first=$(sqlite3 "$run/db.sqlite" "SELECT (julianday(MIN(started_at)) - 2440587.5) * 86400.0 FROM job_attempts")
  spans+=("$(echo "($t3 - $first) / 10" | bc -l)")
done
printf '20 jobs of 1 s on 2 workers: makespan (first claim to exit) median %.3f x the ideal 10 s (runs: %s) (bar: 1.05)\n' \
  "$(printf '%s\n' "${spans[@]}" | median)" "$(printf '%.3f ' "${spans[@]}")"
printf '  whole command minus start-up and registration: median %.3f x (runs: %s)\n' \
  "$(printf '%s\n' "${ratios[@]}" | median)" "$(printf '%.3f ' "${ratios[@]}")"
