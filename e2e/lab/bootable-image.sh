#!/usr/bin/env bash
# A small disk image that boots by itself (no direct kernel boot), for
# machines NovaCron creates from scratch in the tests: a FAT16 file system
# with SYSLINUX in its boot sector (a "superfloppy": no partition table,
# SeaBIOS boots its first sector as it is), the lab's kernel and initramfs,
# console on ttyS0, converted to qcow2 and placed in the lab pool as a volume.
# Its guest's prompt is "nc-bootable# ". Called by lab.sh `up`:
#
#   bash e2e/lab/bootable-image.sh POOL POOL_DIR KERNEL INITRD STAMP_DIR VOLUME
#
# FAT + syslinux because both are written without mounting anything (mtools,
# `syslinux --install` on the image file): no loop devices, which containers
# often lack. Idempotent: a stamp of the inputs; the volume is rebuilt only
# when the kernel, the initramfs or this script changed, or it is missing.
set -Eeuo pipefail
umask 022
export LC_ALL=C MTOOLS_SKIP_CHECK=1

POOL=$1 POOL_DIR=$2 KERNEL=$3 INITRD=$4 STAMP_DIR=$5 VOLUME=$6
PKGS=(syslinux syslinux-common mtools dosfstools qemu-utils)
IMAGE_MIB=48 # kernel (~14 MiB) + initramfs (~1 MiB) + room

log() { printf 'lab: %s\n' "$*" >&2; }
vsh() { timeout 60 virsh -c qemu:///system "$@"; }

missing=()
for p in "${PKGS[@]}"; do
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true) == installed ]] || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]} (for the bootable lab image)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
    { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; }
fi

stamp_file=$STAMP_DIR/$VOLUME.stamp
stamp="$(stat -c '%s:%Y' "$KERNEL" "$INITRD" | tr '\n' ' ')|$(cksum <"${BASH_SOURCE[0]}")"
if [[ -f $POOL_DIR/$VOLUME && -f $stamp_file && $(<"$stamp_file") == "$stamp" ]] &&
  vsh vol-info --pool "$POOL" "$VOLUME" >/dev/null 2>&1; then
  exit 0
fi

log "building the bootable image $VOLUME (syslinux, the lab kernel and initramfs)"
t=$(mktemp -d "$STAMP_DIR/bootable.XXXXXX")
trap 'rm -rf "$t"' EXIT
truncate -s "${IMAGE_MIB}M" "$t/disk.raw"
mkfs.fat -F 16 -n NCBOOT "$t/disk.raw" >/dev/null
cat >"$t/syslinux.cfg" <<EOF
SERIAL 0 115200
DEFAULT nc
PROMPT 0
TIMEOUT 1
LABEL nc
  KERNEL /vmlinuz
  INITRD /initrd.gz
  APPEND console=ttyS0 quiet loglevel=1 nc.host=nc-bootable
EOF
mcopy -i "$t/disk.raw" "$KERNEL" ::/vmlinuz
mcopy -i "$t/disk.raw" "$INITRD" ::/initrd.gz
mcopy -i "$t/disk.raw" "$t/syslinux.cfg" ::/syslinux.cfg
syslinux --install "$t/disk.raw"
qemu-img convert -q -O qcow2 "$t/disk.raw" "$t/$VOLUME"
# a rebuilt image replaces the old one (overlays on it from an older run are gone by now: tests clean up)
vsh vol-delete --pool "$POOL" "$VOLUME" >/dev/null 2>&1 || rm -f "$POOL_DIR/$VOLUME"
mv -f "$t/$VOLUME" "$POOL_DIR/$VOLUME"
vsh pool-refresh "$POOL" >/dev/null
vsh vol-info --pool "$POOL" "$VOLUME" >/dev/null
printf '%s' "$stamp" >"$stamp_file"
