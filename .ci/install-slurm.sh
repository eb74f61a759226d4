#!/usr/bin/env bash
# Installs the SLURM daemons and clients and munge (Debian slurm-wlm, munge) for the one-node test
# cluster of the SLURM integration tests. Idempotent: does nothing when sbatch is already there.
set -euo pipefail
if command -v sbatch >/dev/null 2>&1 && [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/munged ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y slurm-wlm munge >/dev/null || { apt-get update >/dev/null && apt-get install -y slurm-wlm munge >/dev/null; }
command -v sbatch >/dev/null
