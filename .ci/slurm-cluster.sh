#!/usr/bin/env bash
# A one-node SLURM cluster on localhost for the integration tests (as root):
#   slurm-cluster.sh start DIR   writes DIR/slurm.conf, starts munged, slurmctld and slurmd and waits
#                                until sinfo shows the node idle (at most 30 s); clients then need
#                                SLURM_CONF=DIR/slurm.conf
#   slurm-cluster.sh stop DIR    stops the daemons started with DIR by their pid files
set -euo pipefail
action="${1:-}"
dir="${2:-}"
if [ -z "$action" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
export SLURM_CONF="$dir/slurm.conf"

stop_pid_file() {
  local file="$1"
  if [ -f "$file" ]; then
    local pid
    pid="$(cat "$file")"
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
  fi
}

case "$action" in
start)
  cpus="$(nproc)"
  if [ "$cpus" -gt 2 ]; then cpus=2; fi
  mkdir -p "$dir/state" "$dir/spool" "$dir/log" /run/munge
  chown munge:munge /run/munge
  cat >"$SLURM_CONF" <<CONF
ClusterName=pdrtest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  # munged may already run (another cluster directory, or the system's): one per host is enough.
  if ! pgrep -x munged >/dev/null 2>&1; then
    runuser -u munge -- /usr/sbin/munged --pid-file="$dir/munged.pid" 2>/dev/null \
      || runuser -u munge -- /usr/sbin/munged
    [ -f "$dir/munged.pid" ] || pgrep -x munged >"$dir/munged.pid"
  fi
  /usr/sbin/slurmctld
  /usr/sbin/slurmd -N localhost
  for _ in $(seq 1 60); do
    if sinfo -h -N -o '%T' 2>/dev/null | grep -qx idle; then
      echo "SLURM cluster up: SLURM_CONF=$SLURM_CONF"
      exit 0
    fi
    sleep 0.5
  done
  echo "slurm-cluster.sh: node not idle after 30 s; logs in $dir/log" >&2
  sinfo >&2 || true
  exit 1
  ;;
stop)
  stop_pid_file "$dir/slurmd.pid"
  stop_pid_file "$dir/slurmctld.pid"
  stop_pid_file "$dir/munged.pid"
  # munged daemonises after writing its pid file: also stop the one started for this directory.
  for pid in $(pgrep -f -- "munged --pid-file=$dir/munged.pid" || true); do kill "$pid" 2>/dev/null || true; done
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
