#!/usr/bin/env bash
# Installs the rclone binary the rclone storage tests need (Debian package); idempotent.
set -euo pipefail
if command -v rclone >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq rclone >/dev/null
rclone version | head -1
