#!/bin/busybox sh
# /vnc-init of the lab's VNC guest (rdinit=/vnc-init; lab.sh appends this file
# to the shared initramfs, so the other guests' /init stays byte-for-byte the
# same). It adds a shell on the VGA text console (tty1, what the guest's VNC
# display shows: the cloud kernel has vgacon built in) and then runs the
# usual /init, which keeps its shell on the serial console (/dev/console =
# ttyS0, the last console= of the command line).

# the shell gives a background job /dev/null as stdin: there is none before /init mounts devtmpfs
[ -e /dev/null ] || /bin/busybox mknod -m 666 /dev/null c 1 3
(
  # wait for /init to mount /proc and /dev and install the busybox applets
  i=0
  while { [ ! -c /dev/tty1 ] || [ ! -x /bin/sh ] || [ ! -r /proc/cmdline ]; } && [ "$i" -lt 300 ]; do
    /bin/busybox sleep 0.1
    i=$((i + 1))
  done
  host=nc-guest
  for arg in $(cat /proc/cmdline); do
    case "$arg" in
      nc.host=*) host="${arg#nc.host=}" ;;
    esac
  done
  export HOME=/root PATH=/sbin:/usr/sbin:/bin:/usr/bin TERM=linux
  export PS1="$host(vga)# "
  cd /root 2>/dev/null || cd /
  while :; do
    # the session leader opening tty1 makes it its controlling terminal
    setsid sh -c 'exec </dev/tty1 >/dev/tty1 2>&1; clear; echo "NovaCron lab guest $(hostname): VGA console (tty1)"; exec sh -i'
    sleep 1
  done
) &
exec /init
