#!/usr/bin/env bash
# NovaCron lab: a real libvirt host on this machine for the integration and
# end-to-end tests (libvirtd + virtlogd, two loopback sshd "remote hosts",
# a storage pool, an isolated network, an isolated DHCP network served by
# libvirt's dnsmasq (dhcp-network.sh), two tiny QEMU guests booted from a
# busybox initramfs, and a libvirt test-driver host file with 1,000 domains).
# The guests run under KVM only where the guest kernel really boots with it
# (checked once per machine, see ensure_accel), else under TCG; they power
# off on the ACPI power button (virsh shutdown).
#
#   bash e2e/lab/lab.sh up                  create or repair; last stdout line = JSON
#   bash e2e/lab/lab.sh status              the JSON line if the lab is up, else exit 1
#   bash e2e/lab/lab.sh down [--purge]      remove it all (--purge: the kernel cache too)
#   bash e2e/lab/lab.sh restart-libvirtd    kill libvirtd by PID, start it, print new PID
#   bash e2e/lab/lab.sh up --hosts N        also N (0..3) separate hypervisors nchost1..N (hosts.sh)
#   bash e2e/lab/lab.sh down-hosts          remove only those hosts
#   bash e2e/lab/lab.sh netem HOST --rate R --delay D [--loss L%] | netem HOST clear
#   bash e2e/lab/lab.sh link HOST down|up   cut or restore a host's link
#   bash e2e/lab/lab.sh restart-host-libvirtd HOST   kill a host's libvirtd, start it, print new PID
#
# Runs as root on Debian 12 without systemd. State lives in
# ${NOVACRON_LAB_DIR:-/var/lib/novacron-lab}, shared by every clone on the machine;
# runs are serialized by a lock there. Everything but the final JSON line goes
# to stderr. Only loopback is used (apart from apt fetching Debian packages).
# NOVACRON_LAB_VERIFY=1 makes `up` run the slower ssh checks even when nothing changed.
# NOVACRON_LAB_KVM_PROBE=force boots the KVM probe guest even where the cheap
# pre-filter says no (to re-check the verdict by hand; it is cached per machine).
set -Eeuo pipefail
umask 022
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB=${NOVACRON_LAB_DIR:-/var/lib/novacron-lab}
LAB=${LAB%/}

SYSTEM_URI=qemu:///system
SSH_PORT=2222
SSH_UNKNOWN_PORT=2223
POOL=novacron-lab
NET=novacron-isolated
BRIDGE=ncbr0
GUESTS=(nc-guest-1 nc-guest-2)
RUNNING_GUEST=nc-guest-1
# a third guest, always running, with a VNC display showing its VGA text console
# (a shell on tty1 too) besides the serial one; no disk, no NIC
VNC_GUEST=nc-guest-vnc
GUEST_MEM_MIB=96
GUEST_DISK=32M
TESTHOST_DOMAINS=1000
PKGS=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils
      openssh-server openssh-client netcat-openbsd cpio busybox-static python3-libvirt
      iptables # libvirt 9.0 sets iptables rules even for an isolated network
      iproute2 # the lab hosts (hosts.sh): ip netns, veth, bridge, tc
      gdb) # a backtrace of a libvirtd crash (supervise-libvirtd.sh)
# guest kernel modules, in dependency order (from the .ko files' depends=)
# (button: the ACPI power button as an input device; evdev: its /dev/input/eventN for acpid)
GUEST_MODULES=(virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci
               virtio_blk failover net_failover virtio_net virtio_balloon button evdev)
ACCEL_PROBE_GUEST=nc-accel-probe
ACCEL_PROBE_SECS=20 # a KVM guest that has not printed its ready line by then does not boot

QEMU_CONF=/etc/libvirt/qemu.conf
MARKER='# managed by NovaCron e2e/lab/lab.sh (delete this line to keep your own settings)'
LIBVIRTD_PIDFILE=/run/libvirtd.pid
VIRTLOGD_PIDFILE=/run/virtlogd.pid
PY=/usr/bin/python3

SSH_DIR=$LAB/ssh
RUN_DIR=$LAB/run
LOG_DIR=$LAB/logs
CACHE_DIR=$LAB/cache
BOOT_DIR=$LAB/boot
XML_DIR=$LAB/xml
POOL_DIR=$LAB/pool
TESTHOST=$LAB/testhost.xml
CLIENT_KEY=$SSH_DIR/client_ed25519
HOST_KEY=$SSH_DIR/host_ed25519
UNKNOWN_HOST_KEY=$SSH_DIR/unknown_host_ed25519
KNOWN_HOSTS=$SSH_DIR/known_hosts
AUTH_KEYS=$SSH_DIR/authorized_keys
SSH_CONFIG=$SSH_DIR/ssh_config
SSH_WRAPPER=$SSH_DIR/ssh
LIBVIRTD_CONF=$LAB/libvirtd.conf
# libvirtd runs in the foreground under supervise-libvirtd.sh, which starts it
# again after a crash (as systemd's Restart=on-failure would) and logs each one.
LIBVIRTD_CMD="/usr/sbin/libvirtd -f $LIBVIRTD_CONF"
LIBVIRTD_CRASH_LOG=$LOG_DIR/libvirtd-crashes.log
KERNEL=$CACHE_DIR/vmlinuz
INITRD=$BOOT_DIR/initramfs.cpio.gz
VNC_INITRD=$BOOT_DIR/initramfs-vnc.cpio.gz # $INITRD + /vnc-init (guest-vnc-init.sh)
NET_DISABLED=$RUN_DIR/network-disabled # left by older versions of this script (no NIC mode)
ACCEL_FILE=$CACHE_DIR/accel # key line, verdict (kvm|tcg), reason
# the DHCP network (novacron-dhcp): its settings and ensure/remove/json functions
source "$HERE/dhcp-network.sh"
# several hypervisors on this machine (up --hosts N): namespaces, their daemons and verbs
source "$HERE/hosts.sh"

# ---------------------------------------------------------------- helpers

log() { printf 'lab: %s\n' "$*" >&2; }
warn() { printf 'lab: warning: %s\n' "$*" >&2; }
# The first error message of a run wins (command substitutions report too):
# a marker file says one was printed.
ERR_MARK=$(mktemp "${TMPDIR:-/tmp}/novacron-lab-err.XXXXXX")
die() {
  if [[ ! -s $ERR_MARK ]]; then
    printf 'lab: error: %s\n' "$*" >&2
    echo 1 >"$ERR_MARK"
  fi
  exit 1
}

ROLLBACK=() # commands undoing a half-made object; run in reverse order on failure
TMP_PATHS=()
rollback_push() { ROLLBACK+=("$1"); }
rollback_commit() { ROLLBACK=(); }

on_exit() {
  local rc=$? i
  if ((rc != 0)) && ((${#ROLLBACK[@]} > 0)); then
    for ((i = ${#ROLLBACK[@]} - 1; i >= 0; i--)); do
      eval "${ROLLBACK[i]}" >/dev/null 2>&1 || true
    done
  fi
  if ((${#TMP_PATHS[@]} > 0)); then rm -rf -- "${TMP_PATHS[@]}" 2>/dev/null || true; fi
  rm -f "$ERR_MARK"
  exit "$rc"
}
on_err() {
  local rc=$? line=$1 cmd=$2
  # only the main shell reports: a subshell's stderr may be redirected (2>/dev/null),
  # and its failure shows up again as the failing command in the main shell
  ((BASH_SUBSHELL == 0)) || return 0
  [[ -s $ERR_MARK ]] && return 0
  printf 'lab: error: command failed (exit %s, lab.sh line %s): %s\n' "$rc" "$line" "$cmd" >&2
  echo 1 >"$ERR_MARK"
}
trap on_exit EXIT
trap 'on_err "$LINENO" "$BASH_COMMAND"' ERR

mktmp() { # mktmp VAR [DIR]: a temp dir removed at exit
  local d
  d=$(mktemp -d "${2:-${TMPDIR:-/tmp}}/novacron-lab.XXXXXX")
  TMP_PATHS+=("$d")
  printf -v "$1" '%s' "$d"
}

vsh() { timeout 60 virsh -c "$SYSTEM_URI" "$@"; }

# write_if_changed FILE MODE: content on stdin; returns 0 if the file changed.
# Builtins only on the unchanged path (`up` on a live lab must be quick).
write_if_changed() {
  local file=$1 mode=$2 new="" old=""
  IFS= read -r -d '' new || true
  if [[ -f $file ]]; then
    IFS= read -r -d '' old <"$file" || true
    [[ $new == "$old" ]] && return 1
  fi
  printf '%s' "$new" >"$file.tmp.$$"
  chmod "$mode" "$file.tmp.$$"
  mv -f "$file.tmp.$$" "$file"
  return 0
}

read_pid() { # read_pid FILE -> pid or nothing
  local p=""
  [[ -r $1 ]] && { read -r p <"$1" || true; } 2>/dev/null
  [[ $p =~ ^[0-9]+$ ]] && printf '%s' "$p"
  return 0
}

read_line() { # read_line FILE -> its first line or nothing
  local l=""
  [[ -r $1 ]] && { read -r l <"$1" || true; } 2>/dev/null
  printf '%s' "$l"
}

# pid_is PID NAME: the process exists, is not a zombie, and is NAME.
pid_is() {
  local pid=$1 name=$2 comm="" stat=""
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  { read -r comm <"/proc/$pid/comm" && read -r stat <"/proc/$pid/stat"; } 2>/dev/null || return 1
  [[ $comm == "$name" ]] || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != [ZX] ]]
}

# kill_pid PID NAME [SECONDS]: SIGTERM, wait, then SIGKILL.
kill_pid() {
  local pid=$1 name=$2 secs=${3:-20} i
  pid_is "$pid" "$name" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    pid_is "$pid" "$name" || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) ignored SIGTERM for ${secs}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_is "$pid" "$name" || return 0
    sleep 0.1
  done
  die "$name (pid $pid) does not exit"
}

need_root() { [[ $EUID -eq 0 ]] || die "must run as root (it manages libvirtd, sshd and apt packages)"; }

check_lab_dir() {
  [[ $LAB =~ ^/[A-Za-z0-9._/-]+$ ]] ||
    die "NOVACRON_LAB_DIR must be an absolute path of [A-Za-z0-9._/-] (it goes into URIs and XML): '$LAB'"
  [[ $LAB != / && $LAB != /. ]] || die "NOVACRON_LAB_DIR must not be /"
}

lock_lab() { # fd 9; every daemon start closes it (9>&-) so no daemon inherits the lock
  [[ -d $LAB ]] || mkdir -p "$LAB"
  exec 9>"$LAB/.lock"
  flock -w 900 9 || die "another lab.sh has held $LAB/.lock for 15 minutes; giving up"
}

tail_log() { # tail_log FILE [N]: its last lines to stderr, indented
  [[ -s $1 ]] && tail -n "${2:-15}" "$1" | sed 's/^/    | /' >&2
  return 0
}

port_owner() { # port_owner PORT -> pid of the TCP listener on that port, if ss can tell
  { ss -Hltnp "sport = :$1" 2>/dev/null || true; } | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n1
}

port_in_use() { # port_in_use PORT: something listens on 127.0.0.1:PORT
  nc -z -w 2 127.0.0.1 "$1" >/dev/null 2>&1
}

# ---------------------------------------------------------------- packages, users, config

APT_UPDATED=0
apt_update_once() {
  ((APT_UPDATED)) && return 0
  log "apt-get update"
  apt-get update -qq >>"$LOG_DIR/apt.log" 2>&1 9>&- ||
    { tail_log "$LOG_DIR/apt.log"; die "apt-get update failed (see $LOG_DIR/apt.log)"; }
  APT_UPDATED=1
}

ensure_packages() {
  local missing=() p st
  declare -A have=()
  while read -r p st; do have[$p]=$st; done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PKGS[@]}" 2>/dev/null || true)
  for p in "${PKGS[@]}"; do
    [[ ${have[$p]:-} == installed ]] || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  apt_update_once
  # keep package scripts from starting system services (an sshd on port 22, say)
  local policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    made_policy=1
    rollback_push "rm -f $policy"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >>"$LOG_DIR/apt.log" 2>&1 9>&- || rc=$?
  ((made_policy)) && rm -f "$policy"
  rollback_commit
  if ((rc != 0)); then
    tail_log "$LOG_DIR/apt.log"
    die "apt-get install ${missing[*]} failed (see $LOG_DIR/apt.log)"
  fi
}

ensure_users() {
  if getent passwd libvirt-qemu >/dev/null && [[ $(getent group kvm libvirt-qemu | wc -l) == 2 ]]; then return 0; fi
  getent group kvm >/dev/null || groupadd -r kvm
  getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
  getent passwd libvirt-qemu >/dev/null ||
    useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
}

QEMU_CONF_CHANGED=0
ensure_qemu_conf() {
  [[ -d /etc/libvirt ]] || mkdir -p /etc/libvirt
  local first=""
  [[ -f $QEMU_CONF ]] && first=$(read_line "$QEMU_CONF")
  if [[ -f $QEMU_CONF && $first != "$MARKER" ]]; then
    warn "$QEMU_CONF exists and is not ours; leaving it as is (guests need user/group \"root\", dynamic_ownership = 0, security_driver = \"none\")"
    return 0
  fi
  if write_if_changed "$QEMU_CONF" 644 <<EOF
$MARKER
# QEMU runs as root with no security driver: this lab machine has no
# libvirt-daemon-system package, no AppArmor profiles and no KVM.
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
EOF
  then
    QEMU_CONF_CHANGED=1
    log "wrote $QEMU_CONF"
  fi
}

ensure_dirs() {
  local d missing=()
  for d in /var/log/libvirt/qemu /var/lib/libvirt/images /run/libvirt /run/sshd \
    "$SSH_DIR" "$RUN_DIR" "$LOG_DIR" "$CACHE_DIR" "$BOOT_DIR" "$XML_DIR"; do
    [[ -d $d ]] || missing+=("$d")
  done
  ((${#missing[@]} == 0)) && return 0
  mkdir -p "${missing[@]}"
  chmod 700 "$SSH_DIR"
  chmod 755 /run/sshd
}

# ---------------------------------------------------------------- daemons

ensure_virtlogd() {
  local pid i
  pid=$(read_pid "$VIRTLOGD_PIDFILE")
  if pid_is "$pid" virtlogd; then
    [[ $(read_pid "$RUN_DIR/virtlogd.pid") == "$pid" ]] || echo "$pid" >"$RUN_DIR/virtlogd.pid"
    return 0
  fi
  log "starting virtlogd"
  REPAIRED=1
  /usr/sbin/virtlogd -d </dev/null >>"$LOG_DIR/virtlogd.log" 2>&1 9>&- ||
    { tail_log "$LOG_DIR/virtlogd.log"; die "virtlogd -d failed (see $LOG_DIR/virtlogd.log)"; }
  for ((i = 0; i < 100; i++)); do
    pid=$(read_pid "$VIRTLOGD_PIDFILE")
    pid_is "$pid" virtlogd && { echo "$pid" >"$RUN_DIR/virtlogd.pid"; return 0; }
    sleep 0.1
  done
  die "virtlogd did not come up (no live pid in $VIRTLOGD_PIDFILE)"
}

libvirtd_answers() { timeout 10 virsh -c "$SYSTEM_URI" version >/dev/null 2>&1; }

wait_libvirtd_socket() { # wait_libvirtd_socket PID SECONDS
  local pid=$1 secs=$2 start=$SECONDS
  while ((SECONDS - start < secs)); do
    if [[ -S /var/run/libvirt/libvirt-sock ]] && libvirtd_answers; then return 0; fi
    pid_is "$pid" libvirtd ||
      { tail_log "$LOG_DIR/libvirtd.log"; die "libvirtd (pid $pid) exited while starting (see $LOG_DIR/libvirtd.log)"; }
    sleep 0.2
  done
  tail_log "$LOG_DIR/libvirtd.log"
  die "libvirtd (pid $pid) did not answer on /var/run/libvirt/libvirt-sock within ${secs}s"
}

LIBVIRTD_CONF_CHANGED=0
write_libvirtd_conf() {
  write_if_changed "$LIBVIRTD_CONF" 644 <<EOF && LIBVIRTD_CONF_CHANGED=1 || true
# libvirtd.conf of the NovaCron lab (libvirtd -f). Otherwise the defaults:
# unix sockets only; root has full access on /var/run/libvirt/libvirt-sock.
listen_tls = 0
listen_tcp = 0
log_outputs = "3:file:$LOG_DIR/libvirtd.log"
max_clients = 200
max_anonymous_clients = 100
max_workers = 40
max_client_requests = 64
EOF
}

start_libvirtd() { # prints the new pid
  local pid="" i
  setsid bash "$HERE/supervise-libvirtd.sh" "$LIBVIRTD_CONF" "$LOG_DIR" "$RUN_DIR" "$LIBVIRTD_CRASH_LOG" \
    </dev/null >>"$LOG_DIR/libvirtd.log" 2>&1 8>&- 9>&- &
  for ((i = 0; i < 100; i++)); do
    pid=$(read_pid "$LIBVIRTD_PIDFILE")
    pid_is "$pid" libvirtd && break
    sleep 0.1
  done
  pid_is "$pid" libvirtd ||
    { tail_log "$LOG_DIR/libvirtd.log"; die "libvirtd did not come up (no live pid in $LIBVIRTD_PIDFILE)"; }
  wait_libvirtd_socket "$pid" 90
  echo "$pid" >"$RUN_DIR/libvirtd.pid"
  printf '%s\n' "$pid"
}

restart_libvirtd() { # prints the new pid
  local pid
  pid=$(read_pid "$LIBVIRTD_PIDFILE")
  [[ -n $pid ]] || pid=$(read_pid "$RUN_DIR/libvirtd.pid")
  pid_is "$pid" libvirtd && kill_pid "$pid" libvirtd 30
  start_libvirtd
}

ensure_libvirtd() {
  local pid
  write_libvirtd_conf
  pid=$(read_pid "$LIBVIRTD_PIDFILE")
  if pid_is "$pid" libvirtd; then
    [[ $(read_pid "$RUN_DIR/libvirtd.pid") == "$pid" ]] || echo "$pid" >"$RUN_DIR/libvirtd.pid"
    if ((QEMU_CONF_CHANGED || LIBVIRTD_CONF_CHANGED)); then
      log "qemu.conf or libvirtd.conf changed: restarting libvirtd"
      restart_libvirtd >/dev/null
      REPAIRED=1
    fi
    probe && return 0
    wait_libvirtd_socket "$pid" 60 # busy or still starting
  else
    local other others=""
    for other in $(pgrep -x --ns $$ --nslist pid libvirtd 2>/dev/null || true); do # not the lab hosts' own
      pid_is "$other" libvirtd && others+=" $other" # zombies (nobody reaps here) do not count
    done
    [[ -z $others ]] || die "a libvirtd runs but $LIBVIRTD_PIDFILE does not name it (pid$others); stop it first"
    log "starting libvirtd"
    REPAIRED=1
    start_libvirtd >/dev/null
  fi
  probe || die "libvirtd answers 'version' but not the lab's queries"
}

# ---------------------------------------------------------------- one-shot libvirt probe
# One virsh call with many commands (virsh goes on after a failing one):
# fills PROBE[...] with net.Active, net.Autostart, pool.State, pool.Autostart,
# target, vol:NAME.exists, dom:NAME (state), dom:NAME.exists, xml:NAME.type
# (of the inactive definition), xml:NAME.acpi, xml:NAME.uuid. Fails if libvirtd
# does not answer.
declare -A PROBE=()
probe() {
  PROBE=()
  local cmds="echo @net@; net-info $NET; echo @pool@; pool-info $POOL; echo @target@; pool-dumpxml $POOL" g out k v
  cmds+="; echo @dom:$VNC_GUEST@; domstate $VNC_GUEST; echo @xml:$VNC_GUEST@; dumpxml --inactive $VNC_GUEST"
  for g in "${GUESTS[@]}"; do
    cmds+="; echo @vol:$g@; vol-info --pool $POOL $g.qcow2; echo @dom:$g@; domstate $g; echo @xml:$g@; dumpxml --inactive $g"
  done
  cmds+="; echo @end@"
  out=$(timeout 30 virsh -q -c "$SYSTEM_URI" "$cmds" 2>/dev/null) || true
  [[ $out == *@end@* ]] || return 1
  PROBE[ok]=1
  while read -r k v; do PROBE[$k]=$v; done < <(awk '
    BEGIN { RS = "@" }
    NR % 2 == 0 { key = $0; next }
    NR > 1 {
      n = split($0, L, "\n"); found = 0; printed = 0
      for (i = 1; i <= n; i++) {
        line = L[i]
        if (line == "") continue
        found = 1
        if (key ~ /^dom:/) { if (!printed) print key, line; printed = 1; continue }
        if (key ~ /^xml:/) {
          if (match(line, /^<domain type=.[a-z]+./)) print key ".type", substr(line, RSTART + 14, RLENGTH - 15)
          if (line ~ /<acpi\/>/) print key ".acpi", 1
          if (match(line, /<uuid>[^<]*<\/uuid>/)) print key ".uuid", substr(line, RSTART + 6, RLENGTH - 13)
          continue
        }
        if (key == "target") {
          if (match(line, /<path>[^<]*<\/path>/)) print key, substr(line, RSTART + 6, RLENGTH - 13)
          continue
        }
        if (match(line, /^[A-Za-z ]+: */)) {
          f = substr(line, 1, index(line, ":") - 1); gsub(/ /, "_", f)
          print key "." f, substr(line, RLENGTH + 1)
        }
      }
      print key ".exists", (found ? 1 : 0)
    }' <<<"$out")
  return 0
}

# ---------------------------------------------------------------- ssh

gen_key() { # gen_key PATH COMMENT: ed25519 pair + PATH.fp (SHA256 fingerprint)
  if [[ ! -s $1 || ! -s $1.pub ]]; then
    local t
    mktmp t "$SSH_DIR"
    ssh-keygen -q -t ed25519 -N '' -C "$2" -f "$t/key" >/dev/null
    chmod 600 "$t/key"
    mv -f "$t/key.pub" "$1.pub"
    mv -f "$t/key" "$1"
    rm -f "$1.fp"
  fi
  [[ -s $1.fp ]] || ssh-keygen -l -E sha256 -f "$1.pub" | awk '{print $2}' >"$1.fp"
}

fingerprint() { # fingerprint KEY -> SHA256:... of KEY.pub (cached in KEY.fp by gen_key)
  if [[ -s $1.fp ]]; then read_line "$1.fp"; else ssh-keygen -l -E sha256 -f "$1.pub" | awk '{print $2}'; fi
}

sshd_config_text() { # sshd_config_text PORT HOSTKEY PIDFILE
  cat <<EOF
# sshd of the NovaCron lab (generated by e2e/lab/lab.sh): loopback only, key only.
Port $1
ListenAddress 127.0.0.1
AddressFamily inet
HostKey $2
PidFile $3
AuthorizedKeysFile $AUTH_KEYS
AuthorizedPrincipalsFile none
PermitRootLogin prohibit-password
AllowUsers root
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
PermitEmptyPasswords no
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowAgentForwarding no
AllowTcpForwarding local
AllowStreamLocalForwarding local
PermitOpen 127.0.0.1:*
PermitListen none
PermitTunnel no
MaxStartups 100:30:200
MaxSessions 100
LoginGraceTime 30
LogLevel VERBOSE
Subsystem sftp internal-sftp
EOF
}

ensure_ssh_files() {
  gen_key "$CLIENT_KEY" novacron-lab-client
  gen_key "$HOST_KEY" novacron-lab-host-2222
  gen_key "$UNKNOWN_HOST_KEY" novacron-lab-host-2223
  local kt kb
  write_if_changed "$AUTH_KEYS" 600 <"$CLIENT_KEY.pub" || true
  # trusts exactly the 2222 host key; the 2223 one is deliberately absent
  read -r kt kb _ <"$HOST_KEY.pub"
  printf '[127.0.0.1]:%s %s %s\n' "$SSH_PORT" "$kt" "$kb" | write_if_changed "$KNOWN_HOSTS" 644 || true
  write_if_changed "$SSH_CONFIG" 644 <<EOF || true
# ssh client config of the NovaCron lab: strict host keys from the lab's own
# known_hosts, the lab's client key, nothing from ~/.ssh.
Host *
  User root
  IdentityFile $CLIENT_KEY
  IdentitiesOnly yes
  UserKnownHostsFile $KNOWN_HOSTS
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  UpdateHostKeys no
  BatchMode yes
  ConnectTimeout 10
EOF
  # virsh's ssh transport ignores known_hosts=; ...&command=THIS makes it use the lab's
  write_if_changed "$SSH_WRAPPER" 755 <<EOF || true
#!/bin/sh
exec /usr/bin/ssh -F $SSH_CONFIG "\$@"
EOF
}

SSHD_STARTED=0
ensure_sshd() { # ensure_sshd NAME PORT HOSTKEY
  local name=$1 port=$2 hostkey=$3
  local conf=$SSH_DIR/$name.conf pidfile=$RUN_DIR/$name.pid logf=$LOG_DIR/$name.log
  local changed=0 pid owner i
  if sshd_config_text "$port" "$hostkey" "$pidfile" | write_if_changed "$conf" 644; then changed=1; fi
  if ((changed)); then
    /usr/sbin/sshd -t -f "$conf" 2>>"$logf" || { tail_log "$logf"; die "sshd config $conf is invalid (see $logf)"; }
  fi
  pid=$(read_pid "$pidfile")
  if pid_is "$pid" sshd; then
    if ((changed)); then
      log "$name: config changed, reloading (SIGHUP)"
      kill -HUP "$pid"
      SSHD_STARTED=1
      sleep 0.5
    fi
    return 0
  fi
  REPAIRED=1
  owner=$(port_owner "$port")
  if [[ -n $owner ]] || port_in_use "$port"; then
    if [[ -n $owner ]] && pid_is "$owner" sshd && tr '\0' ' ' <"/proc/$owner/cmdline" | grep -qF -- "$conf"; then
      log "$name: its pid file was lost; stopping the old one (pid $owner)"
      kill_pid "$owner" sshd 10
    else
      local desc="another process"
      [[ -z $owner ]] || desc="pid $owner ($(tr '\0' ' ' <"/proc/$owner/cmdline" 2>/dev/null | cut -c1-100))"
      die "127.0.0.1:$port is taken by $desc; stop it, the lab needs that port"
    fi
  fi
  ((changed)) || /usr/sbin/sshd -t -f "$conf" 2>>"$logf" || { tail_log "$logf"; die "sshd config $conf is invalid (see $logf)"; }
  log "starting $name on 127.0.0.1:$port"
  rm -f "$pidfile"
  /usr/sbin/sshd -f "$conf" -E "$logf" </dev/null >>"$logf" 2>&1 9>&- ||
    { tail_log "$logf"; die "sshd ($name) failed to start (see $logf)"; }
  for ((i = 0; i < 100; i++)); do
    pid=$(read_pid "$pidfile")
    if pid_is "$pid" sshd && port_in_use "$port"; then
      SSHD_STARTED=1
      return 0
    fi
    sleep 0.1
  done
  tail_log "$logf"
  die "sshd ($name) did not come up on 127.0.0.1:$port (see $logf)"
}

lab_ssh() { # lab_ssh PORT CMD...: strict host key checking against the lab's known_hosts
  local port=$1
  shift
  timeout 30 /usr/bin/ssh -F "$SSH_CONFIG" -p "$port" root@127.0.0.1 "$@"
}

verify_ssh() {
  local out err=$RUN_DIR/ssh-check.err
  lab_ssh "$SSH_PORT" true </dev/null 2>"$err" ||
    { tail_log "$err"; die "ssh with the lab key to 127.0.0.1:$SSH_PORT failed"; }
  if lab_ssh "$SSH_UNKNOWN_PORT" true </dev/null 2>"$err"; then
    die "127.0.0.1:$SSH_UNKNOWN_PORT accepted a strict connection: its host key must not be in $KNOWN_HOSTS"
  fi
  grep -q 'Host key verification failed' "$err" ||
    { tail_log "$err"; die "127.0.0.1:$SSH_UNKNOWN_PORT failed for another reason than an unknown host key"; }
  # the same client key is authorized there: accepting the host key once, login works
  out=$(timeout 30 /usr/bin/ssh -F "$SSH_CONFIG" -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no \
    -o LogLevel=ERROR -p "$SSH_UNKNOWN_PORT" root@127.0.0.1 echo ok </dev/null 2>"$err") || true
  [[ $out == ok ]] || { tail_log "$err"; die "login to 127.0.0.1:$SSH_UNKNOWN_PORT with the lab key failed"; }
  rm -f "$err"
}

ssh_virsh_uri() { # ssh_virsh_uri DRIVER PATH -> DRIVER+ssh URI usable by virsh with the lab's ssh config
  printf '%s+ssh://root@127.0.0.1:%s%s?keyfile=%s&command=%s' "$1" "$SSH_PORT" "$2" "$CLIENT_KEY" "$SSH_WRAPPER"
}

verify_remote() {
  local err=$RUN_DIR/virsh-ssh.err n
  timeout 60 virsh -c "$(ssh_virsh_uri qemu /system)" list --all >/dev/null 2>"$err" ||
    { tail_log "$err"; die "virsh over qemu+ssh://root@127.0.0.1:$SSH_PORT/system failed"; }
  n=$(timeout 60 virsh -c "$(ssh_virsh_uri test "$TESTHOST")" list --all --name 2>"$err" | grep -c . || true)
  [[ $n == "$TESTHOST_DOMAINS" ]] ||
    { tail_log "$err"; die "the test host over test+ssh lists $n domains, expected $TESTHOST_DOMAINS"; }
  rm -f "$err"
}

# ---------------------------------------------------------------- kernel and initramfs

kernel_package() { # the exact linux-image-<abi>-cloud-amd64 that apt offers now
  local p
  p=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
    sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-cloud-amd64\)$/\1/p' | head -n1)
  if [[ -z $p ]]; then
    p=$(apt-cache search --names-only '^linux-image-[0-9.]+-[0-9]+-cloud-amd64$' 2>/dev/null |
      awk '{print $1}' | sort -V | tail -n1)
  fi
  printf '%s' "$p"
}

# fetch_kernel_deb DIR PKG[=VERSION]: apt-get download into DIR; prints the .deb path
fetch_kernel_deb() {
  local dir=$1 spec=$2 deb
  (cd "$dir" && apt-get download -qq "$spec" >>"$LOG_DIR/apt.log" 2>&1 9>&-) || return 1
  deb=$(ls "$dir"/*.deb 2>/dev/null | head -n1)
  [[ -n $deb ]] || return 1
  printf '%s' "$deb"
}

# extract_kernel DEB DIR: /boot/vmlinuz-* and the GUEST_MODULES' .ko files into DIR
extract_kernel() {
  local deb=$1 dir=$2 m pats=('./boot/vmlinuz-*')
  for m in "${GUEST_MODULES[@]}"; do pats+=("*/$m.ko"); done
  mkdir -p "$dir"
  # tar fails on a pattern with no match (a module built into this kernel): checked below
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" --wildcards --no-anchored "${pats[@]}" 2>/dev/null || true
  ls "$dir"/boot/vmlinuz-* >/dev/null 2>&1 || die "could not extract the kernel from $deb"
}

# install_modules DIR: the GUEST_MODULES found under DIR into $CACHE_DIR/modules (+ .wanted)
install_modules() {
  local dir=$1 m f
  rm -rf "$CACHE_DIR/modules"
  mkdir -p "$CACHE_DIR/modules"
  for m in "${GUEST_MODULES[@]}"; do
    f=$(find "$dir/lib/modules" -name "$m.ko" 2>/dev/null | head -n1)
    if [[ -n $f ]]; then cp "$f" "$CACHE_DIR/modules/"; else warn "the guest kernel has no $m.ko (built in?)"; fi
  done
  printf '%s\n' "${GUEST_MODULES[*]}" >"$CACHE_DIR/modules/.wanted"
}

ensure_kernel() {
  local wanted="${GUEST_MODULES[*]}" pkg t deb vmlinuz cached
  if [[ -s $KERNEL && -s $CACHE_DIR/kernel-version ]]; then
    [[ $(read_line "$CACHE_DIR/modules/.wanted") == "$wanted" ]] && return 0
    # the module set changed: the same kernel package again, for its modules (vermagic must match)
    cached=$(read_line "$CACHE_DIR/kernel-version") # "PACKAGE VERSION"
    mktmp t "$CACHE_DIR"
    log "fetching the guest modules ($wanted) from ${cached% *} ${cached#* }"
    if deb=$(fetch_kernel_deb "$t" "${cached% *}=${cached#* }"); then
      extract_kernel "$deb" "$t/x"
      install_modules "$t/x"
      rm -rf "$t"
      return 0
    fi
    warn "${cached% *} ${cached#* } cannot be downloaded any more; fetching the current kernel"
    rm -rf "$t"
  fi
  pkg=$(kernel_package)
  if [[ -z $pkg ]]; then
    apt_update_once
    pkg=$(kernel_package)
  fi
  [[ -n $pkg ]] || die "apt offers no linux-image-*-cloud-amd64 package"
  mktmp t "$CACHE_DIR"
  chmod 755 "$t"
  log "downloading $pkg (the guests' kernel)"
  if ! deb=$(fetch_kernel_deb "$t" "$pkg"); then
    apt_update_once # the package lists were stale
    pkg=$(kernel_package)
    deb=$(fetch_kernel_deb "$t" "$pkg") ||
      { tail_log "$LOG_DIR/apt.log"; die "apt-get download $pkg failed (see $LOG_DIR/apt.log)"; }
  fi
  extract_kernel "$deb" "$t/x"
  vmlinuz=$(ls "$t"/x/boot/vmlinuz-* 2>/dev/null | head -n1)
  [[ -n $vmlinuz ]] || die "$deb holds no /boot/vmlinuz-*"
  install_modules "$t/x"
  cp "$vmlinuz" "$KERNEL.tmp"
  mv -f "$KERNEL.tmp" "$KERNEL"
  printf '%s %s\n' "$pkg" "$(dpkg-deb -f "$deb" Version)" >"$CACHE_DIR/kernel-version"
  rm -rf "$t"
}

ensure_initramfs() {
  # rebuilt when /init, busybox, the kernel or the module set change (cheap stamp: no hashing of big files)
  local stamp m init=""
  IFS= read -r -d '' init <"$HERE/guest-init.sh" || true
  stamp="$(read_line "$CACHE_DIR/kernel-version")|$(stat -c '%s:%Y' /bin/busybox "$KERNEL" | tr '\n' ' ')|"
  for m in "${GUEST_MODULES[@]}"; do [[ -f $CACHE_DIR/modules/$m.ko ]] && stamp+="$m,"; done
  stamp+="|${#init}|$(printf '%s' "$init" | cksum)"
  [[ -s $INITRD && $(read_line "$INITRD.stamp") == "$stamp" ]] && return 0
  log "building the guest initramfs"
  local t r
  mktmp t "$BOOT_DIR"
  r=$t/root
  mkdir -p "$r"/{bin,dev,proc,sys,lib/modules,etc,root,tmp}
  install -m 755 /bin/busybox "$r/bin/busybox"
  install -m 755 "$HERE/guest-init.sh" "$r/init"
  mknod -m 600 "$r/dev/console" c 5 1 2>/dev/null || true
  : >"$r/lib/modules/order"
  for m in "${GUEST_MODULES[@]}"; do
    if [[ -f $CACHE_DIR/modules/$m.ko ]]; then
      cp "$CACHE_DIR/modules/$m.ko" "$r/lib/modules/"
      echo "$m" >>"$r/lib/modules/order"
    fi
  done
  (cd "$r" && find . -print0 | sort -z | cpio --null -o -H newc -R 0:0 --quiet) | gzip -6 >"$t/initrd.gz"
  mv -f "$t/initrd.gz" "$INITRD"
  echo "$stamp" >"$INITRD.stamp"
  rm -rf "$t"
}

# ---------------------------------------------------------------- accelerator

# /dev/kvm and the daemon's domain capabilities are not enough: on some
# machines (paravirtual kvm_pvm, no vmx/svm) a type='kvm' guest shows
# "running" while its kernel loops in the decompressor. So: a cheap
# pre-filter, then one real boot of the tiny guest under KVM, watching for
# its ready line. The verdict is cached, keyed by what could change it.
ACCEL="" # kvm | tcg, set by ensure_accel (or read from $ACCEL_FILE)

accel_key() { # one line: host kernel, machine, CPU, its virtualization flags, kvm modules, the guest
  local line model="" flags="" virt=none mods="" m dev=no
  while IFS= read -r line; do
    case $line in
      "model name"*) [[ -n $model ]] || model=${line#*: } ;;
      flags*) [[ -n $flags ]] || flags=" ${line#*: } " ;;
    esac
    [[ -n $model && -n $flags ]] && break
  done </proc/cpuinfo
  if [[ $flags == *" vmx "* ]]; then virt=vmx; elif [[ $flags == *" svm "* ]]; then virt=svm; fi
  for m in kvm kvm_intel kvm_amd kvm_pvm; do [[ -d /sys/module/$m ]] && mods+="$m,"; done
  [[ -c /dev/kvm ]] && dev=yes
  # the initramfs too: a probe that failed on a broken one must not stick
  printf 'host=%s machine=%s cpu=%s virt=%s modules=%s dev=%s guest=%s initrd=%s probe=%s' \
    "$(read_line /proc/sys/kernel/osrelease)" "$(read_line /etc/machine-id)" "${model// /_}" "$virt" \
    "${mods:-none}" "$dev" "$(read_line "$CACHE_DIR/kernel-version" | tr ' ' '_')" \
    "$(read_line "$INITRD.stamp" | cksum | cut -d' ' -f1)" "${NOVACRON_LAB_KVM_PROBE:-auto}"
}

read_accel() { # ACCEL from the cached verdict, whatever its key (for status)
  local k="" v=""
  [[ -r $ACCEL_FILE ]] && { { read -r k && read -r v; } <"$ACCEL_FILE" || true; } 2>/dev/null
  [[ $v == kvm || $v == tcg ]] && ACCEL=$v
  return 0
}

dom_type() { if [[ $ACCEL == kvm ]]; then printf kvm; else printf qemu; fi; }

# kvm_boots: boots the tiny guest once as <domain type='kvm'> (transient, no disk, no NIC)
# and waits ACCEL_PROBE_SECS for its ready line. Sets ACCEL_REASON.
ACCEL_REASON=""
kvm_boots() {
  local name=$ACCEL_PROBE_GUEST xml=$XML_DIR/$ACCEL_PROBE_GUEST.xml clog=$LOG_DIR/$ACCEL_PROBE_GUEST.console.log
  local err t0=$SECONDS ok=1
  vsh destroy "$name" >/dev/null 2>&1 || true # left by an interrupted run
  rm -f "$clog"
  cat >"$xml" <<EOF
<domain type='kvm'>
  <name>$name</name>
  <description>NovaCron lab: does the guest kernel boot under KVM here? (transient, e2e/lab/lab.sh)</description>
  <memory unit='MiB'>$GUEST_MEM_MIB</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>$KERNEL</kernel>
    <initrd>$INITRD</initrd>
    <cmdline>console=ttyS0 quiet loglevel=1 nc.host=$name</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>destroy</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'>
      <log file='$clog' append='off'/>
      <target port='0'/>
    </serial>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
  log "checking whether the guest boots under KVM (up to ${ACCEL_PROBE_SECS}s)"
  if ! err=$(vsh create "$xml" 2>&1 >/dev/null); then
    ACCEL_REASON="a type='kvm' guest does not start: $(printf '%s' "$err" | tr '\n' ' ' | cut -c1-200)"
    return 1
  fi
  rollback_push "virsh -c $SYSTEM_URI destroy $name"
  while ((SECONDS - t0 < ACCEL_PROBE_SECS)); do
    grep -q "NOVACRON-GUEST-READY $name" "$clog" 2>/dev/null && { ok=0; break; }
    [[ $(domstate "$name") == running ]] || break
    sleep 0.5
  done
  if ((ok == 0)); then
    ACCEL_REASON="the guest booted under KVM in $((SECONDS - t0))s"
  else
    ACCEL_REASON="a type='kvm' guest ran but printed no ready line within ${ACCEL_PROBE_SECS}s"
  fi
  vsh destroy "$name" >/dev/null 2>&1 || true
  rollback_commit
  return "$ok"
}

ensure_accel() {
  local key k="" v="" verdict
  key=$(accel_key)
  if [[ -r $ACCEL_FILE ]]; then
    { read -r k && read -r v; } <"$ACCEL_FILE" || true
    if [[ $k == "$key" && ($v == kvm || $v == tcg) ]]; then
      ACCEL=$v
      return 0
    fi
  fi
  REPAIRED=1
  if [[ ${NOVACRON_LAB_KVM_PROBE:-} != force ]] &&
    ! { [[ $key == *" virt=vmx "* || $key == *" virt=svm "* ]] && [[ -d /sys/module/kvm_intel || -d /sys/module/kvm_amd ]]; }; then
    verdict=tcg ACCEL_REASON="no vmx/svm in /proc/cpuinfo or no kvm_intel/kvm_amd module"
  elif kvm_boots; then
    verdict=kvm
  else
    verdict=tcg
  fi
  printf '%s\n%s\n%s\n' "$key" "$verdict" "$ACCEL_REASON" >"$ACCEL_FILE.tmp"
  mv -f "$ACCEL_FILE.tmp" "$ACCEL_FILE"
  ACCEL=$verdict
  log "accelerator: $verdict ($ACCEL_REASON)"
}

# ---------------------------------------------------------------- network, pool, guests

state_field() { # state_field FIELD < virsh *-info output
  awk -F': *' -v f="$1" '$1 == f {print $2; exit}'
}

ensure_network() {
  [[ ! -f $NET_DISABLED ]] || rm -f "$NET_DISABLED"
  if [[ ${PROBE[net.Active]:-} == yes && ${PROBE[net.Autostart]:-} == yes ]]; then return 0; fi
  REPAIRED=1
  local info err
  if [[ ${PROBE[net.exists]:-0} != 1 ]]; then
    write_if_changed "$XML_DIR/$NET.xml" 644 <<EOF || true
<network>
  <name>$NET</name>
  <!-- isolated: no <forward>, no <ip>, so no dnsmasq and no NAT -->
  <bridge name='$BRIDGE' stp='off' delay='0'/>
</network>
EOF
    log "defining network $NET (bridge $BRIDGE)"
    vsh net-define "$XML_DIR/$NET.xml" >/dev/null
    rollback_push "virsh -c $SYSTEM_URI net-undefine $NET"
  fi
  info=$(vsh net-info "$NET")
  if [[ $(state_field Active <<<"$info") != yes ]]; then
    if ! err=$(vsh net-start "$NET" 2>&1 >/dev/null); then
      err=$(printf '%s' "$err" | tr '\n' ' ' | sed 's/  */ /g; s/ *$//')
      # the tests rely on the network (and the guests on their NIC): no lab without it
      die "network $NET does not start: $err (libvirt 9.0 needs iptables even for an isolated network)"
    fi
  fi
  [[ $(state_field Autostart <<<"$info") == yes ]] || vsh net-autostart "$NET" >/dev/null
  rollback_commit
}

ensure_pool() {
  if [[ ${PROBE[pool.exists]:-0} == 1 && ${PROBE[target]:-} != "$POOL_DIR" ]]; then
    die "pool $POOL exists with target ${PROBE[target]:-?}, not $POOL_DIR; run 'down' with the NOVACRON_LAB_DIR that made it"
  fi
  if [[ ${PROBE[pool.State]:-} == running && ${PROBE[pool.Autostart]:-} == yes && -d $POOL_DIR ]]; then return 0; fi
  REPAIRED=1
  local info
  if [[ ${PROBE[pool.exists]:-0} != 1 ]]; then
    write_if_changed "$XML_DIR/$POOL.xml" 644 <<EOF || true
<pool type='dir'>
  <name>$POOL</name>
  <target>
    <path>$POOL_DIR</path>
    <permissions><mode>0755</mode><owner>0</owner><group>0</group></permissions>
  </target>
</pool>
EOF
    log "defining pool $POOL at $POOL_DIR"
    vsh pool-define "$XML_DIR/$POOL.xml" >/dev/null
    rollback_push "virsh -c $SYSTEM_URI pool-undefine $POOL"
    vsh pool-build "$POOL" >/dev/null
  fi
  mkdir -p "$POOL_DIR"
  info=$(vsh pool-info "$POOL")
  if [[ $(state_field State <<<"$info") != running ]]; then
    log "starting pool $POOL"
    vsh pool-start "$POOL" >/dev/null
  fi
  [[ $(state_field Autostart <<<"$info") == yes ]] || vsh pool-autostart "$POOL" >/dev/null
  rollback_commit
}

ensure_volume() { # ensure_volume GUEST
  [[ ${PROBE[vol:$1.exists]:-0} == 1 ]] && return 0
  REPAIRED=1
  vsh pool-refresh "$POOL" >/dev/null
  vsh vol-info --pool "$POOL" "$1.qcow2" >/dev/null 2>&1 && return 0
  log "creating volume $1.qcow2 ($GUEST_DISK qcow2)"
  vsh vol-create-as "$POOL" "$1.qcow2" "$GUEST_DISK" --format qcow2 >/dev/null
}

guest_xml() { # guest_xml NAME INDEX: type='kvm' or 'qemu' (TCG) as ensure_accel decided
  local name=$1 idx=$2
  cat <<EOF
<domain type='$(dom_type)'>
  <name>$name</name>
  <title>NovaCron lab guest $idx</title>
  <description>Tiny busybox guest of the NovaCron lab (e2e/lab/lab.sh); a shell on the serial console, prompt "$name# "; powers off on the ACPI power button.</description>
  <memory unit='MiB'>$GUEST_MEM_MIB</memory>
  <currentMemory unit='MiB'>$GUEST_MEM_MIB</currentMemory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>$KERNEL</kernel>
    <initrd>$INITRD</initrd>
    <cmdline>console=ttyS0 quiet loglevel=1 nc.host=$name</cmdline>
  </os>
  <features><acpi/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$POOL_DIR/$name.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:6e:63:0$idx'/>
      <source network='$NET'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'>
      <log file='$LOG_DIR/$name.console.log' append='off'/>
      <target port='0'/>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>
    <memballoon model='virtio'/>
  </devices>
</domain>
EOF
}

domstate() { # domstate NAME -> "running", "shut off", ... or nothing
  local s
  s=$(vsh domstate "$1" 2>/dev/null) || true
  printf '%s' "${s%%$'\n'*}"
}

console_pty() { vsh dumpxml "$1" | sed -n "s:.*<source path='\(/dev/pts/[0-9]*\)'.*:\1:p" | head -n1; }

wait_guest_shell() { # wait_guest_shell NAME: the kernel booted and the console shell answers
  local name=$1 start=$SECONDS clog=$LOG_DIR/$1.console.log pty
  while ((SECONDS - start < 180)); do
    grep -q "NOVACRON-GUEST-READY $name" "$clog" 2>/dev/null && break
    [[ $(domstate "$name") == running ]] || die "$name stopped while booting (see /var/log/libvirt/qemu/$name.log)"
    sleep 0.5
  done
  grep -q "NOVACRON-GUEST-READY $name" "$clog" 2>/dev/null ||
    { tail_log "$clog"; die "$name did not boot within 180s (console log $clog)"; }
  pty=$(console_pty "$name")
  [[ -n $pty ]] || die "$name has no serial pty"
  "$PY" "$HERE/console-check.py" "$pty" 90 || die "$name booted but its console shell does not answer on $pty"
}

# boot_record NAME [INITRD]: what the guest boots from (initramfs stamp and its XML);
# saved when the lab starts it, so a running guest left on older files shows.
boot_record() {
  local x=""
  IFS= read -r -d '' x <"$XML_DIR/$1.xml" || true
  printf 'initrd %s\n%s' "$(read_line "${2:-$INITRD}.stamp")" "$x"
}

# define_guest NAME: virsh define $XML_DIR/NAME.xml; redefining an existing guest
# must keep its UUID (the XML file has none)
define_guest() {
  local name=$1 uuid
  uuid=${PROBE[xml:$name.uuid]:-}
  [[ -z $uuid ]] || uuid="<uuid>$uuid</uuid>"
  sed "s|^  <name>$name</name>\$|&$uuid|" "$XML_DIR/$name.xml" >"$XML_DIR/$name.define.xml"
  if ! vsh define "$XML_DIR/$name.define.xml" >/dev/null; then
    rm -f "$XML_DIR/$name.xml" # so the next run tries again
    die "virsh define $XML_DIR/$name.define.xml failed"
  fi
  rm -f "$XML_DIR/$name.define.xml"
}

boot_record_current() { # boot_record_current NAME: the running guest booted from today's files
  local want have=""
  want=$(boot_record "$1")
  [[ -r $RUN_DIR/$1.boot ]] || return 1
  IFS= read -r -d '' have <"$RUN_DIR/$1.boot" || true
  [[ $want == "$have" ]]
}

ensure_guests() {
  local i name st started=() redefine type
  type=$(dom_type)
  for i in "${!GUESTS[@]}"; do
    name=${GUESTS[i]}
    ensure_volume "$name"
    redefine=0
    # a changed definition (accelerator, devices, ...), a missing guest, or one not of the
    # chosen type or without ACPI: (re)define it; a running guest keeps its live config
    if guest_xml "$name" $((i + 1)) | write_if_changed "$XML_DIR/$name.xml" 644; then redefine=1; fi
    if [[ ${PROBE[dom:$name.exists]:-0} != 1 ]]; then
      redefine=1
      [[ $name == "$RUNNING_GUEST" ]] && PROBE[dom:$name]="shut off"
    elif [[ ${PROBE[xml:$name.type]:-} != "$type" || ${PROBE[xml:$name.acpi]:-0} != 1 ]]; then
      redefine=1
    fi
    if ((redefine)); then
      REPAIRED=1
      log "defining guest $name (type '$type')"
      define_guest "$name"
    fi
  done
  name=$RUNNING_GUEST
  st=${PROBE[dom:$name]:-}
  [[ $st == running ]] && boot_record_current "$name" && return 0
  REPAIRED=1
  st=$(domstate "$name")
  if [[ $st == running || $st == paused ]] && ! boot_record_current "$name"; then
    log "$name runs an older definition or initramfs: restarting it"
    vsh destroy "$name" >/dev/null 2>&1 || true
    st=$(domstate "$name")
  fi
  case $st in
    running) ;;
    paused)
      log "resuming paused $name"
      vsh resume "$name" >/dev/null ;;
    "shut off")
      log "starting $name"
      vsh start "$name" >/dev/null
      started+=("$name") ;;
    *)
      log "$name is '$st': destroying and starting it again"
      vsh destroy "$name" >/dev/null 2>&1 || true
      vsh start "$name" >/dev/null
      started+=("$name") ;;
  esac
  [[ $(domstate "$name") == running ]] || die "$name is not running after start"
  for name in "${started[@]}"; do
    printf '%s' "$(boot_record "$name")" >"$RUN_DIR/$name.boot" # as boot_record_current reads it
    wait_guest_shell "$name"
  done
}

# ---------------------------------------------------------------- the VNC guest

ensure_vnc_initramfs() { # $INITRD with /vnc-init appended (Linux unpacks concatenated cpio archives in order)
  local stamp init="" t
  IFS= read -r -d '' init <"$HERE/guest-vnc-init.sh" || true
  stamp="$(read_line "$INITRD.stamp")|${#init}|$(printf '%s' "$init" | cksum)"
  [[ -s $VNC_INITRD && $(read_line "$VNC_INITRD.stamp") == "$stamp" ]] && return 0
  log "building the VNC guest's initramfs"
  mktmp t "$BOOT_DIR"
  mkdir -p "$t/root"
  install -m 755 "$HERE/guest-vnc-init.sh" "$t/root/vnc-init"
  (cd "$t/root" && printf 'vnc-init\0' | cpio --null -o -H newc -R 0:0 --quiet) | gzip -6 >"$t/extra.gz"
  cat "$INITRD" "$t/extra.gz" >"$t/initrd.gz"
  mv -f "$t/initrd.gz" "$VNC_INITRD"
  echo "$stamp" >"$VNC_INITRD.stamp"
  rm -rf "$t"
}

vnc_guest_xml() {
  cat <<EOF
<domain type='$(dom_type)'>
  <name>$VNC_GUEST</name>
  <title>NovaCron lab VNC guest</title>
  <description>Tiny busybox guest of the NovaCron lab (e2e/lab/lab.sh) with a VNC display: a shell on the serial console (prompt "$VNC_GUEST# ") and one on the VGA text console (prompt "$VNC_GUEST(vga)# ").</description>
  <memory unit='MiB'>$GUEST_MEM_MIB</memory>
  <currentMemory unit='MiB'>$GUEST_MEM_MIB</currentMemory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>$KERNEL</kernel>
    <initrd>$VNC_INITRD</initrd>
    <cmdline>console=tty0 console=ttyS0 quiet loglevel=1 nc.host=$VNC_GUEST rdinit=/vnc-init</cmdline>
  </os>
  <features><acpi/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'>
      <log file='$LOG_DIR/$VNC_GUEST.console.log' append='off'/>
      <target port='0'/>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>
    <input type='keyboard' bus='ps2'/>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'>
      <listen type='address' address='127.0.0.1'/>
    </graphics>
    <video>
      <model type='vga' vram='16384' heads='1' primary='yes'/>
    </video>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
}

ensure_vnc_guest() { # defined, running on today's files, its serial shell answering
  local name=$VNC_GUEST st redefine=0 have="" want
  ensure_vnc_initramfs
  if vnc_guest_xml | write_if_changed "$XML_DIR/$name.xml" 644; then redefine=1; fi
  [[ ${PROBE[dom:$name.exists]:-0} == 1 && ${PROBE[xml:$name.type]:-} == "$(dom_type)" ]] || redefine=1
  if ((redefine)); then
    REPAIRED=1
    log "defining guest $name (type '$(dom_type)', VNC display)"
    define_guest "$name"
  fi
  want=$(boot_record "$name" "$VNC_INITRD")
  [[ -r $RUN_DIR/$name.boot ]] && { IFS= read -r -d '' have <"$RUN_DIR/$name.boot" || true; }
  st=${PROBE[dom:$name]:-}
  [[ $st == running && $want == "$have" ]] && return 0
  REPAIRED=1
  st=$(domstate "$name")
  if [[ $st == running || $st == paused ]] && [[ $want != "$have" ]]; then
    log "$name runs an older definition or initramfs: restarting it"
    vsh destroy "$name" >/dev/null 2>&1 || true
    st=$(domstate "$name")
  fi
  case $st in
    running) ;;
    paused) vsh resume "$name" >/dev/null ;;
    *)
      [[ $st == "shut off" ]] || vsh destroy "$name" >/dev/null 2>&1 || true
      log "starting $name"
      vsh start "$name" >/dev/null
      printf '%s' "$want" >"$RUN_DIR/$name.boot"
      wait_guest_shell "$name" ;;
  esac
  [[ $(domstate "$name") == running ]] || die "$name is not running after start"
  printf '%s' "$want" >"$RUN_DIR/$name.boot"
}

# ---------------------------------------------------------------- test driver host

ensure_testhost() {
  [[ -s $TESTHOST && -s $TESTHOST.running ]] && return 0
  local n
  log "generating $TESTHOST ($TESTHOST_DOMAINS domains)"
  "$PY" "$HERE/gen-testhost.py" "$TESTHOST.new" "$TESTHOST_DOMAINS"
  mv -f "$TESTHOST.new" "$TESTHOST"
  n=$(timeout 60 virsh -c "test+unix://$TESTHOST" list --all --name | grep -c . || true)
  if [[ $n != "$TESTHOST_DOMAINS" ]]; then
    rm -f "$TESTHOST"
    die "the test host lists $n domains, expected $TESTHOST_DOMAINS"
  fi
  timeout 60 virsh -c "test+unix://$TESTHOST" list --state-running --name | grep -c . >"$TESTHOST.running" || true
}

# ---------------------------------------------------------------- JSON

json_num() { if [[ $1 =~ ^[0-9]+$ ]]; then printf '%s' "$1"; else printf 'null'; fi; }
json_str() { # the strings here are paths, URIs, names, keys: escape \ and " anyway
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

lab_json() {
  local kt kb hostkey ukey guests="" g
  read -r kt kb _ <"$HOST_KEY.pub"
  hostkey="$kt $kb"
  read -r kt kb _ <"$UNKNOWN_HOST_KEY.pub"
  ukey="$kt $kb"
  for g in "${GUESTS[@]}"; do guests+="${guests:+,}$(json_str "$g")"; done
  printf '{"system":%s' "$(json_str "$SYSTEM_URI")"
  printf ',"ssh":%s' "$(json_str "qemu+ssh://root@127.0.0.1:$SSH_PORT/system")"
  printf ',"sshUnknownHost":%s' "$(json_str "qemu+ssh://root@127.0.0.1:$SSH_UNKNOWN_PORT/system")"
  printf ',"sshHost":"127.0.0.1","sshPort":%s,"sshUnknownPort":%s,"sshUser":"root"' "$SSH_PORT" "$SSH_UNKNOWN_PORT"
  printf ',"keyfile":%s' "$(json_str "$CLIENT_KEY")"
  printf ',"knownHosts":%s' "$(json_str "$KNOWN_HOSTS")"
  printf ',"sshConfig":%s' "$(json_str "$SSH_CONFIG")"
  printf ',"hostKeyFingerprint":%s' "$(json_str "$(fingerprint "$HOST_KEY")")"
  printf ',"hostKey":%s' "$(json_str "$hostkey")"
  printf ',"unknownHostKeyFingerprint":%s' "$(json_str "$(fingerprint "$UNKNOWN_HOST_KEY")")"
  printf ',"unknownHostKey":%s' "$(json_str "$ukey")"
  printf ',"virshSsh":%s' "$(json_str "$(ssh_virsh_uri qemu /system)")"
  printf ',"virshLibssh":%s' "$(json_str "qemu+libssh://root@127.0.0.1:$SSH_PORT/system?keyfile=$CLIENT_KEY&known_hosts=$KNOWN_HOSTS&sshauth=privkey")"
  printf ',"testHost":%s' "$(json_str "test+unix://$TESTHOST")"
  printf ',"testHostSsh":%s' "$(json_str "test+ssh://root@127.0.0.1:$SSH_PORT$TESTHOST")"
  printf ',"testHostFile":%s' "$(json_str "$TESTHOST")"
  printf ',"testHostDomains":%s,"testHostRunning":%s' "$TESTHOST_DOMAINS" "$(json_num "$(read_line "$TESTHOST.running")")"
  printf ',"guests":[%s],"runningGuest":%s' "$guests" "$(json_str "$RUNNING_GUEST")"
  printf ',"vncGuest":%s' "$(json_str "$VNC_GUEST")"
  printf ',"pool":%s,"poolPath":%s' "$(json_str "$POOL")" "$(json_str "$POOL_DIR")"
  printf ',"bootableVolume":%s' "$(json_str nc-bootable.qcow2)"
  printf ',"network":%s,"bridge":%s' "$(json_str "$NET")" "$(json_str "$BRIDGE")"
  dhcp_network_json
  printf ',"accel":%s' "$(json_str "$ACCEL")"
  printf ',"labDir":%s,"logDir":%s' "$(json_str "$LAB")" "$(json_str "$LOG_DIR")"
  printf ',"kernel":%s' "$(json_str "$(read_line "$CACHE_DIR/kernel-version")")"
  printf ',"pids":{"libvirtd":%s,"virtlogd":%s,"sshd":%s,"sshdUnknown":%s}' \
    "$(json_num "$(read_pid "$LIBVIRTD_PIDFILE")")" "$(json_num "$(read_pid "$VIRTLOGD_PIDFILE")")" \
    "$(json_num "$(read_pid "$RUN_DIR/sshd.pid")")" "$(json_num "$(read_pid "$RUN_DIR/sshd-unknown.pid")")"
  printf ',"libvirtdPidFile":%s' "$(json_str "$LIBVIRTD_PIDFILE")"
  printf ',"libvirtdCrashLog":%s' "$(json_str "$LIBVIRTD_CRASH_LOG")"
  printf ',"libvirtdCommand":%s' "$(json_str "$LIBVIRTD_CMD")"
  printf ',"restartLibvirtd":%s' "$(json_str "bash $HERE/lab.sh restart-libvirtd")"
  hosts_json
  printf '}\n'
}

# ---------------------------------------------------------------- verbs

# why_not_up: prints the first reason the lab is not up, or nothing. Uses PROBE
# (call probe first); cheap: no process but the one virsh of probe.
why_not_up() {
  local g
  [[ -s $TESTHOST && -s $CLIENT_KEY && -s $HOST_KEY.pub && -s $UNKNOWN_HOST_KEY.pub && -s $KERNEL ]] ||
    { echo "lab files missing in $LAB"; return; }
  pid_is "$(read_pid "$VIRTLOGD_PIDFILE")" virtlogd || { echo "virtlogd is not running"; return; }
  pid_is "$(read_pid "$LIBVIRTD_PIDFILE")" libvirtd || { echo "libvirtd is not running"; return; }
  pid_is "$(read_pid "$RUN_DIR/sshd.pid")" sshd || { echo "sshd on 127.0.0.1:$SSH_PORT is not running"; return; }
  pid_is "$(read_pid "$RUN_DIR/sshd-unknown.pid")" sshd || { echo "sshd on 127.0.0.1:$SSH_UNKNOWN_PORT is not running"; return; }
  [[ ${PROBE[ok]:-} == 1 ]] || { echo "libvirtd does not answer"; return; }
  [[ -n $ACCEL ]] || { echo "no accelerator verdict in $ACCEL_FILE"; return; }
  [[ ${PROBE[dom:$RUNNING_GUEST]:-} == running ]] || { echo "$RUNNING_GUEST is not running"; return; }
  # only defined: a test that stops it must not make every suite that reads `status` skip (`up` restarts it)
  [[ ${PROBE[dom:$VNC_GUEST.exists]:-0} == 1 ]] || { echo "guest $VNC_GUEST is not defined"; return; }
  for g in "${GUESTS[@]}"; do
    [[ ${PROBE[dom:$g.exists]:-0} == 1 ]] || { echo "guest $g is not defined"; return; }
    [[ ${PROBE[xml:$g.type]:-} == "$(dom_type)" ]] ||
      { echo "guest $g is defined as type '${PROBE[xml:$g.type]:-?}', not '$(dom_type)' ($ACCEL)"; return; }
    [[ ${PROBE[xml:$g.acpi]:-0} == 1 ]] || { echo "guest $g is defined without <acpi/>"; return; }
  done
  [[ ${PROBE[pool.State]:-} == running ]] || { echo "pool $POOL is not active"; return; }
  [[ ${PROBE[net.Active]:-} == yes ]] || { echo "network $NET is not active"; return; }
  dhcp_network_not_up
}

# Objects a test run left behind when it was killed half-way (tests name theirs apitest-* and
# e2e-*; each run cleans up after itself otherwise): removed, so the next run starts clean.
remove_leftovers() {
  local d p v m
  for d in $(vsh list --all --name 2>/dev/null | grep -E '^(apitest-|e2e-)' || true); do
    warn "removing domain $d, left behind by an interrupted test run"
    vsh destroy "$d" >/dev/null 2>&1 || true
    vsh undefine --managed-save --snapshots-metadata --nvram "$d" >/dev/null 2>&1 || vsh undefine "$d" >/dev/null 2>&1 || true
  done
  for p in $(vsh pool-list --all --name 2>/dev/null | grep -E '^(apitest-|e2e-)' || true); do
    warn "removing pool $p, left behind by an interrupted test run"
    for v in $(vsh vol-list "$p" 2>/dev/null | awk 'NR > 2 && NF { print $1 }' || true); do
      vsh vol-delete --pool "$p" "$v" >/dev/null 2>&1 || true
    done
    vsh pool-destroy "$p" >/dev/null 2>&1 || true
    vsh pool-undefine "$p" >/dev/null 2>&1 || true
  done
  for v in $(vsh vol-list "$POOL" 2>/dev/null | awk 'NR > 2 && NF { print $1 }' | grep -E '^(apitest-|e2e-)' || true); do
    warn "removing volume $v from $POOL, left behind by an interrupted test run"
    vsh vol-delete --pool "$POOL" "$v" >/dev/null 2>&1 || true
  done
  for d in $(vsh net-list --all --name 2>/dev/null | grep -E '^(apitest-|e2e-)' || true); do
    warn "removing network $d, left behind by an interrupted test run"
    vsh net-destroy "$d" >/dev/null 2>&1 || true
    vsh net-undefine "$d" >/dev/null 2>&1 || true
  done
  # the capacity test's small tmpfs pools
  if command -v findmnt >/dev/null; then
    for m in $(findmnt -rn -o TARGET 2>/dev/null | grep -E '^/tmp/novacron-cap-' || true); do
      umount "$m" 2>/dev/null && rmdir "$m" 2>/dev/null || true
    done
  fi
  return 0
}

cmd_up() {
  local want_hosts=""
  while (($#)); do
    case $1 in
      --hosts) want_hosts=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
      --hosts=*) want_hosts=${1#--hosts=}; shift ;;
      *) die "up: unknown argument '$1' (up [--hosts N])" ;;
    esac
  done
  [[ -z $want_hosts || $want_hosts =~ ^[0-9]$ && $want_hosts -le $HOSTS_MAX ]] || die "up --hosts takes 0..$HOSTS_MAX, not '$want_hosts'"
  need_root
  check_lab_dir
  lock_lab
  local t0=$SECONDS fresh=0 reason
  REPAIRED=0
  [[ -s $TESTHOST ]] || fresh=1
  ensure_dirs
  ensure_packages
  ensure_users
  ensure_qemu_conf
  ensure_virtlogd
  ensure_libvirtd # and probe
  ensure_ssh_files
  ensure_sshd sshd "$SSH_PORT" "$HOST_KEY"
  ensure_sshd sshd-unknown "$SSH_UNKNOWN_PORT" "$UNKNOWN_HOST_KEY"
  ensure_kernel
  ensure_initramfs
  ensure_accel # after the initramfs: the KVM check boots it
  ensure_network
  ensure_dhcp_network
  ensure_pool
  bash "$HERE/bootable-image.sh" "$POOL" "$POOL_DIR" "$KERNEL" "$INITRD" "$BOOT_DIR" nc-bootable.qcow2 # a disk that boots by itself
  remove_leftovers
  ensure_guests
  ensure_vnc_guest
  ensure_testhost
  # the slower end-to-end checks: on a fresh lab, after an sshd (re)start, or when asked
  if ((fresh || SSHD_STARTED)) || [[ ${NOVACRON_LAB_VERIFY:-} == 1 ]]; then
    verify_ssh
    verify_remote
  fi
  if ((REPAIRED)); then probe || true; fi
  reason=$(why_not_up)
  [[ -z $reason ]] || die "lab not up after repair: $reason"
  log "up in $((SECONDS - t0))s ($LAB)"
  [[ -z $want_hosts ]] || ensure_hosts "$want_hosts" # plain `up` leaves the hosts as they are
  lab_json
}

cmd_status() {
  check_lab_dir
  local reason
  probe || true
  read_accel
  reason=$(why_not_up)
  [[ -n $reason ]] || reason=$(hosts_not_up)
  if [[ -n $reason ]]; then
    printf 'lab: down: %s\n' "$reason" >&2
    exit 1
  fi
  lab_json
}

cmd_restart_libvirtd() {
  need_root
  check_lab_dir
  lock_lab
  ensure_dirs
  write_libvirtd_conf
  local old new
  old=$(read_pid "$LIBVIRTD_PIDFILE")
  new=$(restart_libvirtd)
  log "libvirtd restarted (pid ${old:-none} -> $new)"
  printf '%s\n' "$new"
}

cmd_down() {
  need_root
  check_lab_dir
  local purge=0 name pid g v others have_objects=0 f
  [[ ${1:-} == --purge ]] && purge=1
  if hosts_present; then # first, and under their own lock (fd 8, closed again before any daemon starts)
    lock_hosts
    remove_hosts
    unlock_hosts
  fi
  if [[ ! -d $LAB ]] && ! pid_is "$(read_pid "$LIBVIRTD_PIDFILE")" libvirtd; then
    log "already down"
    return 0
  fi
  lock_lab
  for name in sshd sshd-unknown; do
    pid=$(read_pid "$RUN_DIR/$name.pid")
    if pid_is "$pid" sshd; then
      log "stopping $name (pid $pid)"
      kill_pid "$pid" sshd 10
    fi
  done
  # the libvirt objects need a libvirtd: start one if they exist but it is gone
  for g in "${GUESTS[@]}" "$VNC_GUEST"; do [[ -f /etc/libvirt/qemu/$g.xml ]] && have_objects=1; done
  [[ -f /etc/libvirt/storage/$POOL.xml || -f /etc/libvirt/qemu/networks/$NET.xml ]] && have_objects=1
  [[ -f /etc/libvirt/qemu/networks/$DHCP_NET.xml ]] && have_objects=1
  if ((have_objects)) && ! pid_is "$(read_pid "$LIBVIRTD_PIDFILE")" libvirtd; then
    ensure_dirs
    ensure_virtlogd
    write_libvirtd_conf
    log "starting libvirtd to remove the lab's objects"
    start_libvirtd >/dev/null
  fi
  if pid_is "$(read_pid "$LIBVIRTD_PIDFILE")" libvirtd; then
    vsh destroy "$ACCEL_PROBE_GUEST" >/dev/null 2>&1 || true # transient: gone once destroyed
    for g in "${GUESTS[@]}" "$VNC_GUEST"; do
      if vsh dominfo "$g" >/dev/null 2>&1; then
        log "removing guest $g"
        vsh destroy "$g" >/dev/null 2>&1 || true
        vsh undefine "$g" --managed-save --snapshots-metadata --checkpoints-metadata >/dev/null 2>&1 ||
          vsh undefine "$g" >/dev/null
      fi
      rm -f /var/log/libvirt/qemu/"$g".log*
    done
    if vsh pool-info "$POOL" >/dev/null 2>&1; then
      log "removing pool $POOL"
      if [[ $(vsh pool-info "$POOL" | state_field State) != running ]]; then
        vsh pool-start "$POOL" >/dev/null 2>&1 || true
      fi
      for v in $(vsh -q vol-list "$POOL" 2>/dev/null | awk '{print $1}'); do
        vsh vol-delete --pool "$POOL" "$v" >/dev/null 2>&1 || true
      done
      vsh pool-destroy "$POOL" >/dev/null 2>&1 || true
      vsh pool-delete "$POOL" >/dev/null 2>&1 || true
      vsh pool-undefine "$POOL" >/dev/null
    fi
    if vsh net-info "$NET" >/dev/null 2>&1; then
      log "removing network $NET"
      vsh net-destroy "$NET" >/dev/null 2>&1 || true
      vsh net-undefine "$NET" >/dev/null
    fi
    remove_dhcp_network
    others=$(vsh list --name 2>/dev/null | grep . | tr '\n' ' ' || true)
    [[ -z $others ]] || warn "other guests are running and stay running without libvirtd: $others"
  fi
  pid=$(read_pid "$LIBVIRTD_PIDFILE")
  if pid_is "$pid" libvirtd; then
    log "stopping libvirtd (pid $pid)"
    kill_pid "$pid" libvirtd 30
  fi
  pid=$(read_pid "$VIRTLOGD_PIDFILE")
  if pid_is "$pid" virtlogd; then
    log "stopping virtlogd (pid $pid)"
    kill_pid "$pid" virtlogd 10
  fi
  # files: everything but the lock and the kernel cache (kept unless --purge)
  for f in "$LAB"/* "$LAB"/.[!.]*; do
    [[ -e $f ]] || continue
    [[ $f == "$LAB/.lock" || $f == "$LAB/.hosts.lock" ]] && continue
    [[ $f == "$CACHE_DIR" ]] && ((purge == 0)) && continue
    rm -rf -- "$f"
  done
  if ((purge)); then
    rm -f "$LAB/.lock"
    rmdir "$LAB" 2>/dev/null || true
  fi
  log "down"
}

usage() {
  cat >&2 <<EOF
usage: bash e2e/lab/lab.sh up [--hosts N] | status | down [--purge] | restart-libvirtd
       bash e2e/lab/lab.sh down-hosts | netem HOST --rate R --delay D [--loss L%] | netem HOST clear
       bash e2e/lab/lab.sh link HOST down|up | restart-host-libvirtd HOST     (HOST: nchost1..nchost$HOSTS_MAX)
  lab dir: \${NOVACRON_LAB_DIR:-/var/lib/novacron-lab} (now $LAB)
EOF
}

main() {
  local verb=${1:-}
  [[ $# -gt 0 ]] && shift
  case $verb in
    up) cmd_up "$@" ;;
    status) cmd_status ;;
    down) cmd_down "$@" ;;
    restart-libvirtd) cmd_restart_libvirtd ;;
    down-hosts) cmd_down_hosts ;;
    netem) cmd_netem "$@" ;;
    link) cmd_link "$@" ;;
    restart-host-libvirtd) cmd_restart_host_libvirtd "$@" ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
  esac
}

# one line, so a bash running this file never reads past it (safe against edits mid-run)
main "$@"; exit $?
