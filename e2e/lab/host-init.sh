#!/bin/bash
# PID 1 of one NovaCron lab hypervisor ("host"), started by e2e/lab/hosts.sh as
#   ip netns exec nclab-hI unshare --mount --uts --pid --fork --mount-proc --propagation private \
#     HOSTDIR/nclab-init NAME HOSTDIR
# (a copy of this file, so its process is named nclab-init and later edits of
# the repository's file do not reach a running host). In its own network,
# mount, UTS and PID namespaces it puts the host's private directories over
# the paths libvirt compiles in, starts the host's virtlogd, libvirtd and
# sshd, then reaps orphans until it is told to stop. Killing it kills the
# host: when a PID namespace's init exits, the kernel kills everything in it.
# Everything it prints goes to HOSTDIR/init.log.
set -u
export LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin

name=$1 dir=$2
say() { printf '%s nclab-init[%s]: %s\n' "$(date +%T)" "$name" "$*"; }
fail() { say "error: $*"; exit 1; }

# The QEMU driver's paths under /etc, /run, /var/lib, /var/cache are compiled
# in, and so are the daemons' pid files: each gets this host's own directory.
# The mount namespace is private (--propagation private), so none of this is
# seen outside.
bind() { # bind SRC DST
  [[ -e $2 ]] || mkdir -p "$2"
  mount --bind "$1" "$2" || fail "mount --bind $1 $2"
}
bind "$dir/run" /run
bind "$dir/lib" /var/lib/libvirt
bind "$dir/log" /var/log/libvirt
bind "$dir/etc" /etc/libvirt
bind "$dir/cache" /var/cache/libvirt
# a file: migration resolves the target's hostname through it
mount --bind "$dir/hosts" /etc/hosts || fail "mount --bind $dir/hosts /etc/hosts"
hostname "$name" || fail "hostname $name"

# /run is empty now: the daemons' runtime dirs (the console's lock files go to /run/lock)
mkdir -p /run/libvirt /run/sshd /run/lock
chmod 755 /run/sshd

/usr/sbin/virtlogd -d </dev/null || fail "virtlogd -d"
# -l: listen_tcp in libvirtd.conf is ignored without it
/usr/sbin/libvirtd -d -l -f /etc/libvirt/libvirtd.conf </dev/null || fail "libvirtd -d -l"
/usr/sbin/sshd -f "$dir/ssh/sshd_config" -E /var/log/libvirt/sshd.log </dev/null || fail "sshd"
say "daemons started"

# SIGTERM (from the root namespace: PID 1 only gets signals it handles) stops the
# daemons politely, then this process exits and the kernel kills what is left.
stop() {
  local f p st alive i pids=()
  for f in /run/libvirtd.pid /run/sshd.pid /run/virtlogd.pid; do
    p=""
    [[ -r $f ]] && read -r p <"$f"
    [[ $p =~ ^[0-9]+$ ]] && kill -TERM "$p" 2>/dev/null && pids+=("$p")
  done
  for ((i = 0; i < 30; i++)); do # up to 3 s; exited ones are zombies until reaped
    alive=0
    for p in "${pids[@]}"; do
      st=""
      { read -r st <"/proc/$p/stat"; } 2>/dev/null
      st=${st##*) }
      [[ -n $st && ${st%% *} != Z ]] && alive=1
    done
    ((alive)) || break
    sleep 0.1
  done
  say "stopping"
  exit 0
}
trap stop TERM INT

# daemons double-fork, so they become this process's children: a short sleep
# in the background and `wait` keep the SIGCHLD handler reaping them
while :; do
  sleep 5 &
  wait
done
