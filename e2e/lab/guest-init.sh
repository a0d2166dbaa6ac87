#!/bin/busybox sh
# /init of the lab guests' initramfs (packed by lab.sh; runs inside the guest).
# busybox-static only: install the applets, mount the kernel file systems,
# take the host name from the kernel command line (nc.host=NAME), load the
# virtio modules shipped next to us, then keep a shell on the serial console.
/bin/busybox mkdir -p /proc /sys /dev /etc /tmp /run /root /sbin /usr/bin /usr/sbin
/bin/busybox --install -s

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts 2>/dev/null
# keep the console readable: no kernel messages after boot
echo 1 >/proc/sys/kernel/printk 2>/dev/null

host=nc-guest
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    nc.host=*) host="${arg#nc.host=}" ;;
  esac
done
hostname "$host"
echo "$host" >/etc/hostname 2>/dev/null

# Modules in dependency order (a missing one is skipped).
if [ -f /lib/modules/order ]; then
  for m in $(cat /lib/modules/order); do
    [ -f "/lib/modules/$m.ko" ] && insmod "/lib/modules/$m.ko" 2>/dev/null
  done
fi
ip link set lo up 2>/dev/null
for dev in /sys/class/net/*; do
  n="${dev##*/}"
  [ "$n" = lo ] || ip link set "$n" up 2>/dev/null
done

export HOME=/root PATH=/sbin:/usr/sbin:/bin:/usr/bin TERM=vt100
export PS1="$host# "
cd /root
echo "NOVACRON-GUEST-READY $host"
while :; do
  setsid cttyhack sh
  sleep 1
done
