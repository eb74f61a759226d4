#!/usr/bin/env bash
# Upload throughput of a 200 MB file over loopback SFTP: SftpStorage (sshj) against OpenSSH's sftp
# client, same run, same MINA SSHD server (in its own JVM, so neither client shares its process);
# prints per-round rates, medians and the ratios (bar: ours >= 80 % of OpenSSH's); see SftpBench.
# The client JVM gets the launcher's options for `pdr-run worker` on SFTP storage (jvm-options.sh);
# BENCH_JAVA_OPTS adds to them (BENCH_JAVA_OPTS=-XX:TieredStopAtLevel=1: the client compiler alone,
# which the launcher gives run and worker on local storage).
# Usage: bench/sftp-throughput.sh [MiB] [rounds]   (defaults 200 and 5). Needs ssh-keygen and sftp.
set -euo pipefail
cd "$(dirname "$0")/.."
MIB="${1:-200}"
ROUNDS="${2:-5}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
mvn -B -q test-compile
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
    -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"
ssh-keygen -q -t ed25519 -N "" -f "$WORK/id_ed25519"
java -cp "$CP" pdrrun.storage.SftpBench server "$WORK" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do [ -f "$WORK/port" ] && break; sleep 0.2; done
[ -f "$WORK/port" ] || { cat "$WORK/server.log"; echo "server did not start" >&2; exit 1; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
. ./jvm-options.sh
mapfile -t jvm < <(PDR_STORAGE_TYPE=sftp pdr_run_jvm_options worker)
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
java "${jvm[@]}" ${BENCH_JAVA_OPTS:-} -cp "$CP" pdrrun.storage.SftpBench "$WORK" "$MIB" "$ROUNDS" "$(cat "$WORK/port")"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
