#!/bin/busybox sh
# /init of the lab guests' initramfs (packed by lab.sh; runs inside the guest).
# busybox-static only: install the applets, mount the kernel file systems,
# take the host name from the kernel command line (nc.host=NAME), load the
# virtio, ACPI button and evdev modules shipped next to us, ask for a DHCP
# lease on every NIC, power off on the ACPI power button, then keep a shell on
# the serial console.
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
# DHCP on every ethN, in the background, sending our host name: on the lab's
# DHCP network (novacron-dhcp) libvirt's dnsmasq answers and records the lease;
# elsewhere (the isolated network) udhcpc just keeps asking, harmlessly. The
# script applies the address it gets, so the guest can be reached too.
mkdir -p /etc/udhcpc
printf '%s\n' '#!/bin/sh' \
  'case "$1" in' \
  '  bound|renew) ip addr flush dev "$interface"; ip addr add "$ip/${mask:-24}" dev "$interface" ;;' \
  '  deconfig) ip addr flush dev "$interface" ;;' \
  'esac' >/etc/udhcpc/script
chmod 755 /etc/udhcpc/script
for dev in /sys/class/net/eth*; do
  [ -e "$dev" ] || continue
  # a few discovers, then a pause: little broadcast noise where nobody answers
  udhcpc -i "${dev##*/}" -b -s /etc/udhcpc/script -x "hostname:$host" -t 3 -T 2 -A 30 >"/tmp/udhcpc.${dev##*/}.log" 2>&1
done

# ACPI power button (virsh shutdown): button.ko reports KEY_POWER on an input
# device, evdev gives it a /dev/input/eventN, busybox acpid runs
# /etc/acpi/power. PID 1 is this shell, which ignores the signal a plain
# `poweroff` sends to init: the handler syncs and powers off directly (-f).
mkdir -p /etc/acpi
printf '%s\n' '#!/bin/sh' 'echo "NOVACRON-GUEST-POWEROFF $(hostname)" >/dev/console' 'sync' 'exec poweroff -f' >/etc/acpi/power
chmod 755 /etc/acpi/power
echo 'PWRF power' >/etc/acpid.conf
# acpid opens the event devices there are when it starts: wait for the power
# button's (its input device may register after the modules are in).
pwr="" i=0
while [ -z "$pwr" ] && [ "$i" -lt 50 ]; do
  for e in /sys/class/input/event*; do
    [ "$(cat "$e/device/name" 2>/dev/null)" = "Power Button" ] && [ -c "/dev/input/${e##*/}" ] && pwr=${e##*/}
  done
  [ -n "$pwr" ] || { sleep 0.1; i=$((i + 1)); }
done
[ -n "$pwr" ] || echo "NOVACRON-GUEST-WARNING no ACPI power button input device: shutdown requests are ignored" >/dev/console
acpid -c /etc/acpi -a /etc/acpid.conf -l /tmp/acpid.log -p /run/acpid.pid

export HOME=/root PATH=/sbin:/usr/sbin:/bin:/usr/bin TERM=vt100
export PS1="$host# "
cd /root
echo "NOVACRON-GUEST-READY $host"
while :; do
  setsid cttyhack sh
  sleep 1
done
