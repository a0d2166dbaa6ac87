#!/usr/bin/env bash
# supervise-libvirtd.sh CONF LOG_DIR RUN_DIR CRASH_LOG
#
# Runs the lab's libvirtd in the foreground and starts it again when it
# crashes, the way libvirtd.service's Restart=on-failure does on a real host.
# lab.sh starts this detached (setsid) in place of `libvirtd -d`.
#
# Why: libvirt 9.0 (Debian 12) has twice segfaulted in this lab when a client
# connection was cut mid-call, and without systemd nothing brought it back,
# so one daemon crash failed every later test. A crash is never hidden: each
# one is a line in CRASH_LOG (time, PID, signal, and a backtrace file when gdb
# and a core are at hand), which `npm test` prints.
#
# Only a crash restarts it. A deliberate stop (SIGTERM from `lab.sh down` or
# `restart-libvirtd`, SIGKILL from a test that kills the daemon by its PID)
# or an ordinary exit ends this script too; `lab.sh up` starts the next one.
set -u
conf=$1 logdir=$2 rundir=$3 crashes=$4
cores=$logdir/cores
mkdir -p "$cores"
# A core lands in the crashing process's working directory when the kernel's
# core_pattern is a plain name (the default, "core"); elsewhere it goes where
# that pattern says and the backtrace is skipped.
ulimit -c unlimited 2>/dev/null || true
cd "$cores" || exit 1

start() {
  /usr/sbin/libvirtd -f "$conf" </dev/null >>"$logdir/libvirtd.log" 2>&1 &
  pid=$!
  echo "$pid" >"$rundir/libvirtd.pid"
}

restarts=() # times of recent restarts: at most 5 a minute, as systemd's StartLimitBurst
start
while :; do
  wait "$pid"
  status=$?
  ((status > 128)) || exit 0 # exited by itself (libvirtd's own SIGTERM handler exits 0)
  sig=$((status - 128))
  case $sig in
  4 | 5 | 6 | 7 | 8 | 11 | 31) ;; # SIGILL SIGTRAP SIGABRT SIGBUS SIGFPE SIGSEGV SIGSYS: a crash
  *) exit 0 ;;                    # killed on purpose
  esac
  line="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ) libvirtd pid $pid died of SIG$(kill -l "$sig")"
  now=$SECONDS recent=()
  for t in "${restarts[@]}"; do ((now - t < 60)) && recent+=("$t"); done
  restarts=("${recent[@]}" "$now")
  if ((${#restarts[@]} > 5)); then
    printf '%s; not restarted (5 crashes within a minute)\n' "$line" >>"$crashes"
    exit 1
  fi
  crashed=$pid
  core=$(find "$cores" -mindepth 1 -maxdepth 1 -type f -name 'core*' -newer "$rundir/libvirtd.pid" -print -quit 2>/dev/null)
  sleep 0.5 # let the dead daemon's socket and pidfile locks go
  start
  bt=""
  if [[ -n $core ]] && command -v gdb >/dev/null; then
    bt=$logdir/libvirtd-crash-$crashed.bt
    timeout 120 gdb -batch -nx -ex 'info sharedlibrary' -ex 'thread apply all bt' /usr/sbin/libvirtd "$core" >"$bt" 2>&1 || true
  fi
  [[ -n $core ]] && rm -f "$core"
  printf '%s; restarted as pid %s%s\n' "$line" "$pid" "${bt:+; backtrace in $bt}" >>"$crashes"
done
