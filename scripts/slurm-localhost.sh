#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the Slurm sweep backend's end-to-end test and
# for trying `axsim sweep --backend slurm` without a real cluster. It needs no systemd, no
# cgroups and no accounting database, and touches nothing under /etc: the config, a private
# munge key and socket, the daemons' state and logs all live in one folder, and the daemons
# listen on ports 16817/16818, so a real installation on the same machine is left alone.
#
#   scripts/slurm-localhost.sh start [DIR]   # as root; DIR defaults to /tmp/axsim-slurm
#   export SLURM_CONF=DIR/slurm.conf         # sbatch, squeue, scancel now talk to it
#   scripts/slurm-localhost.sh stop [DIR]
#
# Exit codes of start: 0 when sinfo shows the node idle, 77 when root or the Debian packages
# (slurm-wlm, munge) are missing, 1 when a daemon did not come up (its log is printed).
set -euo pipefail

action=${1:-}
dir=${2:-/tmp/axsim-slurm}
node=localhost
wait_s=60  # for munged's socket and for the node to turn idle

say() { echo "slurm-localhost: $*" >&2; }

# Stops what a previous start in DIR left running: the PIDs are the ones its daemons wrote.
stop_daemons() {
  local pid_file pid
  for pid_file in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -s "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
  done
}

fail_with_log() {  # fail_with_log <message> <log file>
  say "$1"
  [ -f "$2" ] && tail -n 20 "$2" >&2
  stop_daemons
  exit 1
}

write_config() {
  # One node with every core of this machine, one default partition. select/cons_tres with
  # CR_CPU runs one array task per core; linuxproc tracks processes without cgroups.
  cat >"$dir/slurm.conf" <<EOF
ClusterName=axsim-localhost
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
SwitchType=switch/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
MinJobAge=60
NodeName=$node NodeHostname=$(hostname -s) NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

start() {
  if [ "$(id -u)" -ne 0 ]; then say "needs root (slurmd starts jobs as their user)"; exit 77; fi
  local tool
  for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo scancel; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
      say "'$tool' not found: apt-get install slurm-wlm munge"
      exit 77
    fi
  done
  export PATH="$PATH:/usr/sbin"

  stop_daemons
  rm -rf "$dir"
  # munged insists that everyone may traverse its socket's folder and no one else may read
  # its key's folder.
  mkdir -p "$dir"
  chmod 755 "$dir"
  mkdir -m 755 "$dir/munge" "$dir/log" "$dir/state" "$dir/spool"
  mkdir -m 700 "$dir/munge-key"
  mungekey --create --keyfile="$dir/munge-key/munge.key"
  munged --key-file="$dir/munge-key/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
    --seed-file="$dir/munge/munged.seed" ||
    fail_with_log "munged did not start" "$dir/log/munged.log"

  write_config
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF" || fail_with_log "slurmctld did not start" "$dir/log/slurmctld.log"
  slurmd -f "$SLURM_CONF" -N "$node" || fail_with_log "slurmd did not start" "$dir/log/slurmd.log"

  local state=""
  for _ in $(seq $((wait_s * 2))); do
    state=$(timeout 10 sinfo -h -n "$node" -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 0.5
  done
  if [ "$state" != idle ]; then
    say "node '$node' not idle after ${wait_s} s (state: '${state:-none}')"
    tail -n 20 "$dir/log/slurmctld.log" >&2 || true
    fail_with_log "slurmd log:" "$dir/log/slurmd.log"
  fi
  say "up: node $node idle with $(nproc) CPUs; export SLURM_CONF=$SLURM_CONF"
}

case "$action" in
  start) start ;;
  stop) stop_daemons; say "stopped (state and logs left in $dir)" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
