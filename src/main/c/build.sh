#!/usr/bin/env bash
# Compiles pdr-launch.c into OUT/<os>-<machine>/pdr-launch (a class-path resource of the jar), with
# the SHA-256 of the binary next to it, when the build host has a C compiler (CC, else cc) and is
# Linux. Statically linked when the C library allows it: the binary then runs on any Linux of the
# same machine type, and starts 0.4 ms sooner. Without a compiler the build goes on and the jar
# starts models through setpriv and setsid instead (two execs more per program started).
# Usage: build.sh OUT
set -euo pipefail
src="$(cd "$(dirname "$0")" && pwd)/pdr-launch.c"
[ "$(uname -s)" = Linux ] || { echo "pdr-launch: not built (not Linux)"; exit 0; }
out="$1/linux-$(uname -m)"
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "pdr-launch: not built (no C compiler '$cc'); models will start through setpriv and setsid"
  exit 0
fi
if [ -f "$out/pdr-launch" ] && [ "$out/pdr-launch" -nt "$src" ] && [ -f "$out/pdr-launch.sha256" ]; then
  exit 0
fi
mkdir -p "$out"
rm -f "$out/pdr-launch" "$out/pdr-launch.sha256"
flags=(-std=c99 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -s)
if ! "$cc" "${flags[@]}" -static -o "$out/pdr-launch" "$src" 2>/dev/null \
  && ! "$cc" "${flags[@]}" -o "$out/pdr-launch" "$src"; then
  rm -f "$out/pdr-launch"
  echo "pdr-launch: not built ('$cc' failed); models will start through setpriv and setsid"
  exit 0
fi
sha256sum "$out/pdr-launch" | cut -d' ' -f1 > "$out/pdr-launch.sha256"
