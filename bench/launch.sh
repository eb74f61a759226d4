#!/usr/bin/env bash
# Benchmark: what starting one program costs, the way the runner starts models: directly, through
# pdr-launch (the helper the build compiles: parent-death signal, session, exec), and through
# setpriv --pdeathsig KILL setsid -w (the fallback). 300 starts of /bin/true each, $RUNS rounds
# (default 5) interleaved; prints the medians in ms per start.
# Usage: bench/launch.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
helper="$root/target/classes/pdrrun/native/linux-$(uname -m)/pdr-launch"
[ -x "$helper" ] || (cd "$root" && mvn -q -DskipTests package)
gcc -O2 -o "$work/spawn" "$root/bench/fake/spawn.c"
true_bin="$(type -P true)"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
: > "$work/direct"; : > "$work/helper"; : > "$work/setpriv"
for i in $(seq 1 "$runs"); do
  "$work/spawn" 300 "$true_bin" >> "$work/direct"
  "$work/spawn" 300 "$helper" SELF "$true_bin" >> "$work/helper"
  "$work/spawn" 300 "$(command -v setpriv)" --pdeathsig KILL "$(command -v setsid)" -w "$true_bin" >> "$work/setpriv"
done
printf 'start of a program, median of %d rounds of 300:\n' "$runs"
printf '  directly:                        %.2f ms\n' "$(median < "$work/direct")"
printf '  through pdr-launch:              %.2f ms\n' "$(median < "$work/helper")"
printf '  through setpriv and setsid:      %.2f ms\n' "$(median < "$work/setpriv")"
