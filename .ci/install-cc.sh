#!/usr/bin/env bash
# The build compiles the native launch helper (src/main/c) with cc; installs a C compiler and the
# static C library from Debian's packages when there is none.
set -euo pipefail
if command -v cc >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends gcc libc6-dev
