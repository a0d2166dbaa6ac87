# shellcheck shell=bash
# Sourced by lab.sh: up to HOSTS_MAX independent hypervisors ("hosts") on this
# machine, next to the single-host lab, for migration and multi-host tests.
#
# Host I (nchostI) is a network namespace nclab-hI joined to the root namespace
# by a veth pair (root side nchI, a port of the bridge nclabbr0 = 10.250.0.1/24;
# inside eth0 = 10.250.0.1I/24), and inside it its own mount, UTS and PID
# namespaces whose PID 1 is host-init.sh. That INIT puts the host's private
# directories ($LAB/hosts/nchostI/{run,lib,log,etc,cache} and a hosts file)
# over /run, /var/lib/libvirt, /var/log/libvirt, /etc/libvirt,
# /var/cache/libvirt and /etc/hosts, then starts the host's virtlogd, libvirtd
# (tcp on its address, auth none, its own host_uuid) and sshd (its address,
# port 22, the lab's client key). Nothing routes 10.250.0.0/24 anywhere else:
# no NAT, no default route in the namespaces.
# On each host, through its own libvirtd: a dir pool "default", an isolated
# network "nclab" and one running tiny guest nchI-guest (no disk).
#
# Verbs (see lab.sh usage): up --hosts N, down-hosts, netem, link,
# restart-host-libvirtd; lab_json gets "hosts" from hosts_json.
# Host-only verbs take $LAB/.hosts.lock (fd 8), so they do not wait for a
# long main `up`; `up --hosts` and `down` take it after the main lock (fd 9).

HOSTS_MAX=3
HOSTS_DIR=$LAB/hosts
HOSTS_BRIDGE=nclabbr0
HOSTS_NET=10.250.0
HOSTS_GW=$HOSTS_NET.1
HOSTS_KNOWN=$HOSTS_DIR/known_hosts
HOSTS_COUNT_FILE=$HOSTS_DIR/count
HOSTS_WIRE=$HOSTS_DIR/nclab-wire # the userspace delay line (no sch_netem in the kernel)
HOST_POOL=default
HOST_POOL_PATH=/var/lib/libvirt/images
HOST_NET=nclab
HOST_NET_BRIDGE=nclab0 # inside each host's namespace

# ---------------------------------------------------------------- names

host_name() { printf 'nchost%s' "$1"; }
host_addr() { printf '%s.1%s' "$HOSTS_NET" "$1"; }
host_ns() { printf 'nclab-h%s' "$1"; }
host_veth() { printf 'nch%s' "$1"; }
host_dir() { printf '%s/nchost%s' "$HOSTS_DIR" "$1"; }
host_guest() { printf 'nch%s-guest' "$1"; }
host_uri() { printf 'qemu:///system?socket=%s/nchost%s/run/libvirt/libvirt-sock' "$HOSTS_DIR" "$1"; }
host_tcp() { printf 'qemu+tcp://%s/system' "$(host_addr "$1")"; }
hvsh() { # hvsh I ARGS...: virsh on host I through its unix socket
  local i=$1
  shift
  timeout 60 virsh -c "$(host_uri "$i")" "$@"
}

hosts_count() { # the N of the last `up --hosts N` (0 if none)
  local n
  n=$(read_line "$HOSTS_COUNT_FILE")
  [[ $n =~ ^[0-9]+$ ]] && ((n <= HOSTS_MAX)) || n=0
  printf '%s' "$n"
}

host_index() { # host_index HOST -> I (HOST: nchostI, I or 10.250.0.1I)
  local h=$1 i=""
  case $h in
    nchost[0-9]) i=${h#nchost} ;;
    [0-9]) i=$h ;;
    "$HOSTS_NET".1[0-9]) i=${h#"$HOSTS_NET".1} ;;
  esac
  if ! [[ $i =~ ^[1-9]$ ]] || ((i > HOSTS_MAX)); then die "unknown host '$h' (nchost1..nchost$HOSTS_MAX)"; fi
  printf '%s' "$i"
}

lock_hosts() { # fd 8; every daemon start below closes it (8>&- 9>&-)
  [[ -d $LAB ]] || mkdir -p "$LAB"
  exec 8>"$LAB/.hosts.lock"
  flock -w 900 8 || die "another lab.sh has held $LAB/.hosts.lock for 15 minutes; giving up"
}
unlock_hosts() { exec 8>&-; }

# ---------------------------------------------------------------- processes of a host

host_init_pid() { # the root-namespace pid of host I's INIT, if it runs
  local p
  p=$(read_pid "$(host_dir "$1")/init.pid")
  pid_is "$p" nclab-init && printf '%s' "$p"
  return 0
}

# HC[comm]=root pid of INIT's children (the daemons double-fork, so INIT adopts them)
declare -A HC=()
host_children() {
  local init=$1 p c
  HC=()
  [[ -n $init ]] || return 0
  while read -r p c; do
    [[ -n $c && -z ${HC[$c]:-} ]] && pid_is "$p" "$c" && HC[$c]=$p
  done < <(pgrep -l -P "$init" 2>/dev/null || true)
  return 0
}

host_libvirtd_pid() { # root-namespace pid of host I's libvirtd, or nothing
  host_children "$(host_init_pid "$1")"
  printf '%s' "${HC[libvirtd]:-}"
}

host_exec() { # host_exec I CMD...: run CMD in every namespace of host I (daemons: -d)
  local i=$1 init
  shift
  init=$(host_init_pid "$i")
  [[ -n $init ]] || die "$(host_name "$i") is not running"
  nsenter -t "$init" -a "$@" </dev/null >>"$(host_dir "$i")/init.log" 2>&1 8>&- 9>&-
}

host_libvirtd_answers() { timeout 10 virsh -c "$(host_uri "$1")" version >/dev/null 2>&1; }

host_wait_libvirtd() { # host_wait_libvirtd I SECONDS
  local i=$1 secs=$2 start=$SECONDS dir
  dir=$(host_dir "$i")
  while ((SECONDS - start < secs)); do
    if [[ -S $dir/run/libvirt/libvirt-sock ]] && host_libvirtd_answers "$i"; then return 0; fi
    if [[ -z $(host_libvirtd_pid "$i") ]]; then
      tail_log "$dir/log/libvirtd.log"
      tail_log "$dir/init.log" 5
      die "$(host_name "$i"): libvirtd is not running (see $dir/log/libvirtd.log)"
    fi
    sleep 0.2
  done
  tail_log "$dir/log/libvirtd.log"
  die "$(host_name "$i"): libvirtd did not answer within ${secs}s"
}

host_start_libvirtd() { # host_start_libvirtd I: inside the host, waits until it answers
  host_exec "$1" /usr/sbin/libvirtd -d -l -f /etc/libvirt/libvirtd.conf ||
    die "$(host_name "$1"): libvirtd -d failed (see $(host_dir "$1")/init.log)"
  host_wait_libvirtd "$1" 90
}

# ---------------------------------------------------------------- files of a host

host_libvirtd_conf() { # host_libvirtd_conf I
  cat <<EOF
# libvirtd.conf of NovaCron lab host $(host_name "$1") (e2e/lab/hosts.sh); inside the
# host it is /etc/libvirt/libvirtd.conf. libvirtd runs with -l (listen_tcp needs it).
listen_tls = 0
listen_tcp = 1
listen_addr = "$(host_addr "$1")"
auth_tcp = "none"
# distinct per host, or migration between them is "to the same host"
host_uuid = "6e636c61-6268-4f73-8000-00000000000$1"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
max_clients = 200
max_anonymous_clients = 100
max_workers = 40
max_client_requests = 64
EOF
}

host_qemu_conf() { # as the main lab's (ensure_qemu_conf)
  cat <<EOF
# qemu.conf of a NovaCron lab host (e2e/lab/hosts.sh): as the main lab's.
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
EOF
}

host_etc_hosts() { # every possible lab host: migration resolves the target's hostname
  local i
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
  printf '%s\tnclab-root\n' "$HOSTS_GW"
  for ((i = 1; i <= HOSTS_MAX; i++)); do printf '%s\t%s\n' "$(host_addr "$i")" "$(host_name "$i")"; done
}

host_sshd_config() { # the main lab's sshd config, on the host's address, port 22
  local dir
  dir=$(host_dir "$1")
  sshd_config_text 22 "$dir/ssh/host_ed25519" /run/sshd.pid |
    sed -e "1s|.*|# sshd of NovaCron lab host $(host_name "$1") (generated by e2e/lab/hosts.sh): its address only, key only.|" \
      -e "s|^ListenAddress 127.0.0.1\$|ListenAddress $(host_addr "$1")|"
}

host_guest_xml() { # host_guest_xml I: like the lab's guests, no disk, a NIC on the host's nclab network
  local name
  name=$(host_guest "$1")
  cat <<EOF
<domain type='$(dom_type)'>
  <name>$name</name>
  <title>NovaCron lab host $(host_name "$1")'s guest</title>
  <description>Tiny busybox guest of NovaCron lab host $(host_name "$1") (e2e/lab/hosts.sh); a shell on the serial console, prompt "$name# ".</description>
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
    <interface type='network'>
      <mac address='52:54:00:6e:68:0$1'/>
      <source network='$HOST_NET'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'>
      <log file='/var/log/libvirt/qemu/$name.console.log' append='off'/>
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

hosts_known_hosts() { # one known_hosts for every host: by address and by name
  local i n kt kb
  n=$(hosts_count)
  for ((i = 1; i <= n; i++)); do
    [[ -s $(host_dir "$i")/ssh/host_ed25519.pub ]] || continue
    read -r kt kb _ <"$(host_dir "$i")/ssh/host_ed25519.pub"
    printf '%s %s %s\n%s %s %s\n' "$(host_addr "$i")" "$kt" "$kb" "$(host_name "$i")" "$kt" "$kb"
  done | write_if_changed "$HOSTS_KNOWN" 644 || true
}

# ---------------------------------------------------------------- the bridge

ensure_hosts_bridge() {
  local other
  if [[ ! -e /sys/class/net/$HOSTS_BRIDGE ]]; then
    other=$(ip -4 -o route show "$HOSTS_NET.0/24" 2>/dev/null || true)
    [[ -z $other ]] || die "$HOSTS_NET.0/24 is already routed here ($other); the lab hosts need it"
    log "creating bridge $HOSTS_BRIDGE ($HOSTS_GW/24; no forwarding anywhere)"
    # a fixed MAC: a bridge takes its lowest port's otherwise, which changes with the ports
    ip link add "$HOSTS_BRIDGE" address 02:6e:63:6c:00:00 type bridge stp_state 0 forward_delay 0
  fi
  [[ $(ip -4 -o addr show dev "$HOSTS_BRIDGE") == *" $HOSTS_GW/24 "* ]] ||
    ip addr add "$HOSTS_GW/24" dev "$HOSTS_BRIDGE"
  [[ $(read_line "/sys/class/net/$HOSTS_BRIDGE/operstate") != down ]] || ip link set "$HOSTS_BRIDGE" up
  return 0
}

l3_off() { # l3_off DEV: a port carries frames only (no IPv6 link-local, no ARP answers)
  [[ -w /proc/sys/net/ipv6/conf/$1/disable_ipv6 ]] && echo 1 >"/proc/sys/net/ipv6/conf/$1/disable_ipv6"
  return 0
}

# ---------------------------------------------------------------- building a host

# host_build I: a fresh host I (what is left of an old one is removed first, but its
# ssh host key stays: known_hosts keeps trusting it). Returns once INIT runs.
host_build() {
  local i=$1 name ns veth addr dir init="" p k
  name=$(host_name "$i") ns=$(host_ns "$i") veth=$(host_veth "$i") addr=$(host_addr "$i") dir=$(host_dir "$i")
  remove_host "$i" keep-key
  log "$name: building ($addr, namespace $ns)"
  mkdir -p "$dir"/{run,lib/images,log/qemu,etc,cache,ssh}
  chmod 700 "$dir/ssh"
  gen_key "$dir/ssh/host_ed25519" "novacron-lab-$name"
  host_libvirtd_conf "$i" >"$dir/etc/libvirtd.conf"
  host_qemu_conf >"$dir/etc/qemu.conf"
  host_etc_hosts >"$dir/hosts"
  host_sshd_config "$i" >"$dir/ssh/sshd_config"
  /usr/sbin/sshd -t -f "$dir/ssh/sshd_config" 2>>"$dir/init.log" ||
    { tail_log "$dir/init.log"; die "$name: sshd config $dir/ssh/sshd_config is invalid"; }
  # a copy, so the process is called nclab-init and edits of the repository do not reach it
  install -m 755 "$HERE/host-init.sh" "$dir/nclab-init"

  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  l3_off "$veth"
  ip link set "$veth" master "$HOSTS_BRIDGE" up
  ip -n "$ns" link set lo up
  # a fixed MAC: a rebuilt host does not leave a stale ARP entry behind
  ip -n "$ns" link set eth0 address "02:6e:63:6c:00:0$i"
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up

  # setsid + a subshell: not lab.sh's job, not in its process group
  (setsid ip netns exec "$ns" unshare --mount --uts --pid --fork --mount-proc --propagation private \
    "$dir/nclab-init" "$name" "$dir" </dev/null >>"$dir/init.log" 2>&1 8>&- 9>&- &)
  for ((k = 0; k < 100; k++)); do
    for p in $(ip netns pids "$ns" 2>/dev/null); do
      pid_is "$p" nclab-init && { init=$p; break 2; }
    done
    sleep 0.05
  done
  [[ -n $init ]] || { tail_log "$dir/init.log"; die "$name: its INIT did not start (see $dir/init.log)"; }
  echo "$init" >"$dir/init.pid"
}

host_wait_init() { # host_wait_init I: INIT has started the daemons
  local i=$1 dir k
  dir=$(host_dir "$i")
  for ((k = 0; k < 100; k++)); do
    grep -q 'daemons started' "$dir/init.log" 2>/dev/null && return 0
    [[ -n $(host_init_pid "$i") ]] || break
    sleep 0.1
  done
  tail_log "$dir/init.log"
  die "$(host_name "$i"): INIT did not start its daemons (see $dir/init.log)"
}

# host_link_ok I: the root side is a bridge port (or on the wire) and eth0 inside is up
host_link_state() { # prints why not, or nothing
  local i=$1 veth flags
  veth=$(host_veth "$i")
  [[ -e /sys/class/net/$veth ]] || { echo "its veth $veth is gone"; return; }
  if [[ ! -e $(host_dir "$i")/shaping.wire ]]; then
    [[ -e /sys/class/net/$veth/brport ]] || { echo "$veth is not a port of $HOSTS_BRIDGE"; return; }
  fi
  flags=$(ip -n "$(host_ns "$i")" -o link show dev eth0 2>/dev/null || true)
  [[ -n $flags ]] || { echo "it has no eth0"; return; }
  flags=${flags#*<}
  flags=${flags%%>*}
  [[ ,$flags, == *,UP,* ]] || echo "its eth0 is down (lab.sh link $(host_name "$i") up)"
}

# ---------------------------------------------------------------- probing a host

# HP[...] from one virsh call on host I: pool, pool.auto, net, net.auto, dom (state
# of its guest), list (every domain). Fails if its libvirtd does not answer.
declare -A HP=()
host_probe() {
  local i=$1 out line sec=""
  HP=()
  # virsh's echo ends without a newline: a marker @NAME@ runs into what follows it
  out=$(timeout 30 virsh -q -c "$(host_uri "$i")" "echo @pool@; pool-info $HOST_POOL; echo @net@; net-info $HOST_NET; \
echo @dom@; domstate $(host_guest "$i"); echo @list@; list --all --name; echo @end@" 2>/dev/null) || true
  [[ $out == *@end@* ]] || return 1
  while IFS= read -r line; do
    while [[ $line =~ ^@([a-z]+)@(.*)$ ]]; do
      sec=${BASH_REMATCH[1]} line=${BASH_REMATCH[2]}
    done
    [[ -n $line ]] || continue
    case $sec:$line in
      pool:State:*) HP[pool]=${line##* } ;;
      pool:Autostart:*) HP[pool.auto]=${line##* } ;;
      net:Active:*) HP[net]=${line##* } ;;
      net:Autostart:*) HP[net.auto]=${line##* } ;;
      dom:*) [[ -n ${HP[dom]:-} ]] || HP[dom]=$line ;;
      list:*) HP[list]+="$line " ;;
    esac
  done <<<"$out"
  return 0
}

# hosts_not_up [--guests]: the first reason a requested host is not up, or nothing.
# The guests count only with --guests (`up`): a test may have migrated or stopped one.
hosts_not_up() {
  local guests=${1:-} n i name init why p
  n=$(hosts_count)
  for ((i = 1; i <= n; i++)); do
    name=$(host_name "$i")
    init=$(host_init_pid "$i")
    [[ -n $init ]] || { echo "host $name is not running"; return; }
    [[ -e /run/netns/$(host_ns "$i") ]] || { echo "host $name has no network namespace"; return; }
    why=$(host_link_state "$i")
    [[ -z $why ]] || { echo "host $name: $why"; return; }
    if [[ -e $(host_dir "$i")/shaping.wire ]] && ! pid_is "$(read_pid "$(host_dir "$i")/wire.pid")" nclab-wire; then
      echo "host $name: its link is shaped but the delay process is gone"
      return
    fi
    host_children "$init"
    for p in virtlogd libvirtd sshd; do
      [[ -n ${HC[$p]:-} ]] || { echo "host $name: $p is not running"; return; }
    done
    host_probe "$i" || { echo "host $name: libvirtd does not answer"; return; }
    [[ ${HP[pool]:-} == running ]] || { echo "host $name: pool $HOST_POOL is not active"; return; }
    [[ ${HP[net]:-} == yes ]] || { echo "host $name: network $HOST_NET is not active"; return; }
    if [[ $guests == --guests && ${HP[dom]:-} != running ]]; then
      echo "host $name: $(host_guest "$i") is not running"
      return
    fi
  done
}

# ---------------------------------------------------------------- up --hosts N

# host_daemons I: virtlogd, libvirtd and sshd run inside (started again if one
# died), libvirtd answers. Sets HOST_SSHD_STARTED[I] when sshd was (re)started.
declare -A HOST_SSHD_STARTED=()
host_daemons() {
  local i=$1 init dir k
  dir=$(host_dir "$i")
  init=$(host_init_pid "$i")
  host_children "$init"
  if [[ -z ${HC[virtlogd]:-} ]]; then
    log "$(host_name "$i"): starting virtlogd"
    host_exec "$i" /usr/sbin/virtlogd -d || die "$(host_name "$i"): virtlogd -d failed"
  fi
  if [[ -z ${HC[libvirtd]:-} ]]; then
    log "$(host_name "$i"): starting libvirtd"
    host_start_libvirtd "$i"
  else
    host_wait_libvirtd "$i" 90
  fi
  if [[ -z ${HC[sshd]:-} ]]; then
    log "$(host_name "$i"): starting sshd"
    host_exec "$i" /usr/sbin/sshd -f "$dir/ssh/sshd_config" -E /var/log/libvirt/sshd.log ||
      die "$(host_name "$i"): sshd failed (see $dir/log/sshd.log)"
    HOST_SSHD_STARTED[$i]=1
  fi
  for ((k = 0; k < 50; k++)); do
    [[ -s $dir/run/sshd.pid ]] && return 0
    sleep 0.1
  done
  die "$(host_name "$i"): sshd did not come up (see $dir/log/sshd.log)"
}

# host_objects I: pool, network and the guest (defined on today's XML; brought home
# if a test left it on another host; started). Sets HOST_BOOTED[I] when it was started.
declare -A HOST_BOOTED=()
host_objects() {
  local i=$1 dir g j d x want st redefine=0
  dir=$(host_dir "$i")
  g=$(host_guest "$i")
  host_probe "$i" || die "$(host_name "$i"): libvirtd does not answer"
  if [[ ${HP[pool]:-} != running || ${HP[pool.auto]:-} != yes ]]; then
    if [[ -z ${HP[pool]:-} ]]; then
      cat >"$dir/pool.xml" <<EOF
<pool type='dir'>
  <name>$HOST_POOL</name>
  <target><path>$HOST_POOL_PATH</path></target>
</pool>
EOF
      hvsh "$i" pool-define "$dir/pool.xml" >/dev/null
      hvsh "$i" pool-build "$HOST_POOL" >/dev/null
    fi
    [[ ${HP[pool]:-} == running ]] || hvsh "$i" pool-start "$HOST_POOL" >/dev/null
    hvsh "$i" pool-autostart "$HOST_POOL" >/dev/null
  fi
  if [[ ${HP[net]:-} != yes || ${HP[net.auto]:-} != yes ]]; then
    if [[ -z ${HP[net]:-} ]]; then
      cat >"$dir/network.xml" <<EOF
<network>
  <name>$HOST_NET</name>
  <!-- isolated: no <forward>, no <ip>, so no dnsmasq and no NAT -->
  <bridge name='$HOST_NET_BRIDGE' stp='off' delay='0'/>
</network>
EOF
      hvsh "$i" net-define "$dir/network.xml" >/dev/null
    fi
    [[ ${HP[net]:-} == yes ]] || hvsh "$i" net-start "$HOST_NET" >/dev/null ||
      die "$(host_name "$i"): network $HOST_NET does not start"
    hvsh "$i" net-autostart "$HOST_NET" >/dev/null
  fi
  # leftovers: domains of interrupted tests, guests of hosts that are gone
  for d in ${HP[list]:-}; do
    case $d in
      apitest-* | e2e-*) ;;
      nch[0-9]-guest) j=${d#nch} j=${j%-guest}; ((j != i && j > $(hosts_count))) || continue ;;
      *) continue ;;
    esac
    warn "$(host_name "$i"): removing domain $d, left behind"
    hvsh "$i" destroy "$d" >/dev/null 2>&1 || true
    hvsh "$i" undefine --nvram "$d" >/dev/null 2>&1 || hvsh "$i" undefine "$d" >/dev/null 2>&1 || true
  done
  # the guest: away on another host (a migration test) -> migrate it home
  if [[ -z ${HP[dom]:-} ]]; then
    for ((j = 1; j <= $(hosts_count); j++)); do
      ((j != i)) || continue
      st=$(hvsh "$j" domstate "$g" 2>/dev/null | head -n1) || true
      [[ -n $st ]] || continue
      if [[ $st == running ]] &&
        hvsh "$j" migrate --live --persistent --undefinesource "$g" "$(host_tcp "$i")" >/dev/null 2>>"$dir/init.log"; then
        log "$(host_name "$i"): $g was on $(host_name "$j"); migrated it home"
      else
        warn "$(host_name "$i"): $g was on $(host_name "$j") ($st); removing it there"
        hvsh "$j" destroy "$g" >/dev/null 2>&1 || true
        hvsh "$j" undefine --nvram "$g" >/dev/null 2>&1 || hvsh "$j" undefine "$g" >/dev/null 2>&1 || true
      fi
      break
    done
    HP[dom]=$(hvsh "$i" domstate "$g" 2>/dev/null | head -n1) || true
  fi
  if host_guest_xml "$i" | write_if_changed "$dir/guest.xml" 644; then redefine=1; fi
  [[ -n ${HP[dom]:-} ]] || redefine=1
  if ((redefine)); then
    log "$(host_name "$i"): defining $g (type '$(dom_type)')"
    hvsh "$i" define "$dir/guest.xml" >/dev/null
  fi
  # a running guest started from another definition (the script changed): boot it again
  st=${HP[dom]:-}
  x="" want=""
  [[ -r $dir/guest.boot ]] && { IFS= read -r -d '' x <"$dir/guest.boot" || true; }
  IFS= read -r -d '' want <"$dir/guest.xml" || true
  if [[ $st == running || $st == paused ]] && [[ $x != "$want" ]]; then
    log "$(host_name "$i"): $g runs an older definition: restarting it"
    hvsh "$i" destroy "$g" >/dev/null 2>&1 || true
    st="shut off"
  fi
  case $st in
    running) return 0 ;;
    paused) hvsh "$i" resume "$g" >/dev/null; return 0 ;;
    "shut off" | "") ;;
    *) hvsh "$i" destroy "$g" >/dev/null 2>&1 || true ;;
  esac
  log "$(host_name "$i"): starting $g"
  rm -f "$dir/log/qemu/$g.console.log"
  hvsh "$i" start "$g" >/dev/null
  cp "$dir/guest.xml" "$dir/guest.boot"
  HOST_BOOTED[$i]=1
}

host_wait_guest() { # host_wait_guest I: booted, and its console shell answers
  local i=$1 g clog pty start=$SECONDS
  g=$(host_guest "$i")
  clog=$(host_dir "$i")/log/qemu/$g.console.log
  while ((SECONDS - start < 180)); do
    grep -q "NOVACRON-GUEST-READY $g" "$clog" 2>/dev/null && break
    [[ $(hvsh "$i" domstate "$g" 2>/dev/null | head -n1) == running ]] ||
      die "$(host_name "$i"): $g stopped while booting (see $(host_dir "$i")/log/qemu/$g.log)"
    sleep 0.5
  done
  grep -q "NOVACRON-GUEST-READY $g" "$clog" 2>/dev/null ||
    { tail_log "$clog"; die "$(host_name "$i"): $g did not boot within 180s (console log $clog)"; }
  # the host shares the root namespace's /dev/pts, so its pty path works from here
  pty=$(hvsh "$i" dumpxml "$g" | sed -n "s:.*<source path='\(/dev/pts/[0-9]*\)'.*:\1:p" | head -n1)
  [[ -n $pty ]] || die "$(host_name "$i"): $g has no serial pty"
  "$PY" "$HERE/console-check.py" "$pty" 90 || die "$(host_name "$i"): $g booted but its console shell does not answer on $pty"
}

host_verify_ssh() { # ssh with the lab's key and strict host keys, and it lands inside the host
  local i=$1 out err
  err=$(host_dir "$i")/ssh-check.err
  out=$(timeout 30 /usr/bin/ssh -i "$CLIENT_KEY" -o IdentitiesOnly=yes -o UserKnownHostsFile="$HOSTS_KNOWN" \
    -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=10 \
    "root@$(host_addr "$i")" hostname </dev/null 2>"$err") || true
  [[ $out == "$(host_name "$i")" ]] ||
    { tail_log "$err"; die "$(host_name "$i"): ssh root@$(host_addr "$i") with the lab key failed (got '$out')"; }
  rm -f "$err"
}

ensure_hosts() { # ensure_hosts N: hosts 1..N up, any others removed
  local n=$1 i t0=$SECONDS init why rebuilt=() reason
  lock_hosts
  if ((n == 0)); then
    remove_hosts
    unlock_hosts
    return 0
  fi
  mkdir -p "$HOSTS_DIR"
  for ((i = n + 1; i <= HOSTS_MAX; i++)); do
    [[ -e $(host_dir "$i") || -e /run/netns/$(host_ns "$i") || -e /sys/class/net/$(host_veth "$i") ]] && remove_host "$i"
  done
  printf '%s\n' "$n" | write_if_changed "$HOSTS_COUNT_FILE" 644 || true
  ensure_hosts_bridge
  # 1: namespaces and INITs (a dead host is rebuilt from scratch); the link as `up` left it
  for ((i = 1; i <= n; i++)); do
    init=$(host_init_pid "$i")
    why=""
    if [[ -z $init ]]; then
      why="not running"
    elif [[ ! -e /run/netns/$(host_ns "$i") || ! -e /sys/class/net/$(host_veth "$i") ]]; then
      why="its namespace or veth is gone"
    fi
    if [[ -n $why ]]; then
      [[ ! -e $(host_dir "$i") ]] || log "$(host_name "$i") is $why: rebuilding it"
      host_build "$i"
      rebuilt+=("$i")
      continue
    fi
    if [[ -e $(host_dir "$i")/shaping ]]; then
      warn "$(host_name "$i"): its link was left shaped ($(read_line "$(host_dir "$i")/shaping")); clearing it"
      host_unshape "$i"
    fi
    why=$(host_link_state "$i")
    if [[ -n $why ]]; then
      warn "$(host_name "$i"): $why; restoring its link"
      [[ -e /sys/class/net/$(host_veth "$i")/brport ]] || ip link set "$(host_veth "$i")" master "$HOSTS_BRIDGE"
      ip link set "$(host_veth "$i")" up
      ip -n "$(host_ns "$i")" link set eth0 up
    fi
  done
  hosts_known_hosts
  # 2: daemons (the fresh hosts' libvirtd probes QEMU for ~2 s, all at once)
  for i in "${rebuilt[@]}"; do host_wait_init "$i"; done
  for ((i = 1; i <= n; i++)); do host_daemons "$i"; done
  # 3: pool, network, guest; 4: the guests that were started boot in parallel
  HOST_BOOTED=()
  for ((i = 1; i <= n; i++)); do host_objects "$i"; done
  for i in "${!HOST_BOOTED[@]}"; do host_wait_guest "$i"; done
  # 5: ssh into the hosts whose sshd is new (or when asked)
  for ((i = 1; i <= n; i++)); do
    if [[ -n ${HOST_SSHD_STARTED[$i]:-} || ${NOVACRON_LAB_VERIFY:-} == 1 ]] || [[ " ${rebuilt[*]} " == *" $i "* ]]; then
      host_verify_ssh "$i"
    fi
  done
  reason=$(hosts_not_up --guests)
  [[ -z $reason ]] || die "lab hosts not up after repair: $reason"
  unlock_hosts
  log "$n host(s) up in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- teardown

# remove_host I [keep-key]: its domains (through its own libvirtd), its daemons,
# INIT (SIGKILL after 5 s), the namespace, the veth, its directory. Works on a
# half-made host.
remove_host() {
  local i=$1 keep=${2:-} init dir ns veth d p k
  dir=$(host_dir "$i") ns=$(host_ns "$i") veth=$(host_veth "$i")
  init=$(host_init_pid "$i")
  [[ -z $init && ! -e $dir && ! -e /run/netns/$ns && ! -e /sys/class/net/$veth ]] && return 0
  [[ $keep == keep-key ]] || log "removing host $(host_name "$i")"
  host_unshape "$i" quiet
  if [[ -z $init && -e /run/netns/$ns ]]; then # init.pid lost: find it in the namespace
    for p in $(ip netns pids "$ns" 2>/dev/null); do pid_is "$p" nclab-init && init=$p; done
  fi
  if [[ -n $init ]]; then
    if [[ -S $dir/run/libvirt/libvirt-sock ]]; then
      for d in $(timeout 10 virsh -c "$(host_uri "$i")" list --all --name 2>/dev/null || true); do
        timeout 30 virsh -c "$(host_uri "$i")" destroy "$d" >/dev/null 2>&1 || true
        timeout 30 virsh -c "$(host_uri "$i")" undefine --nvram "$d" >/dev/null 2>&1 ||
          timeout 30 virsh -c "$(host_uri "$i")" undefine "$d" >/dev/null 2>&1 || true
      done
    fi
    # the daemons, politely (from here: the root namespace sees their pids too)
    host_children "$init"
    for p in libvirtd sshd virtlogd; do [[ -z ${HC[$p]:-} ]] || kill -TERM "${HC[$p]}" 2>/dev/null || true; done
    for ((k = 0; k < 50; k++)); do
      host_children "$init"
      [[ -z ${HC[libvirtd]:-}${HC[sshd]:-}${HC[virtlogd]:-} ]] && break
      sleep 0.1
    done
    # PID 1 of the namespace: when it exits the kernel kills everything left in it
    kill_pid "$init" nclab-init 5
  fi
  for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  if [[ -e /run/netns/$ns ]]; then ip netns del "$ns" 2>/dev/null || warn "ip netns del $ns failed"; fi
  # deleting the namespace takes eth0 and so the pair with it, a moment later
  if [[ -e /sys/class/net/$veth ]]; then ip link del "$veth" 2>/dev/null || true; fi
  if [[ $keep == keep-key && -d $dir ]]; then
    find "$dir" -mindepth 1 -maxdepth 1 ! -name ssh -exec rm -rf {} +
  else
    rm -rf "$dir"
  fi
}

hosts_present() { # anything of the hosts on this machine?
  local f
  [[ -e $HOSTS_DIR || -e /sys/class/net/$HOSTS_BRIDGE ]] && return 0
  for f in /run/netns/nclab-h[0-9] /sys/class/net/nch[0-9] /sys/class/net/nchw[0-9]; do [[ -e $f ]] && return 0; done
  return 1
}

remove_hosts() { # every host, then the bridge
  local i t0=$SECONDS
  hosts_present || return 0
  for ((i = 1; i <= HOSTS_MAX; i++)); do remove_host "$i"; done
  rm -rf "$HOSTS_DIR"
  if [[ -e /sys/class/net/$HOSTS_BRIDGE ]]; then
    log "removing bridge $HOSTS_BRIDGE"
    ip link del "$HOSTS_BRIDGE"
  fi
  log "hosts removed in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- netem, link

# Shaping a host's link: netem on both ends of its veth where the kernel has
# sch_netem. Where it does not (this lab's machines: no NET_SCH_NETEM, no
# modules), the rate is a tbf on both ends and the delay and loss come from
# a small userspace delay line ("the wire", nclab-wire): the veth's root side
# leaves the bridge, another veth pair (nchwI on the bridge, nchxI) takes its
# place, and the wire copies frames between nchI and nchxI, each one held for
# the delay (and dropped with the loss probability) in both directions.

wire_program() {
  cat <<'EOF'
#!/usr/bin/python3
"""nclab-wire A B DELAY_MS LOSS% PIDFILE: copy Ethernet frames between
interfaces A and B (packet sockets), each held DELAY_MS and dropped with
LOSS_PERCENT probability, in both directions. Written by e2e/lab/hosts.sh."""
import collections, os, random, select, socket, sys, time

ETH_P_ALL, SOL_PACKET, PACKET_VNET_HDR, PACKET_OUTGOING = 3, 263, 15, 4
SO_RCVBUFFORCE, SO_SNDBUFFORCE = 33, 32
QUEUE_MAX = 20000  # frames held per direction; more are dropped


def open_if(name):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    # the virtio-net header carries GSO and checksum state: frames above the MTU pass whole
    s.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
    s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 16 << 20)
    s.setsockopt(socket.SOL_SOCKET, SO_SNDBUFFORCE, 16 << 20)
    s.bind((name, ETH_P_ALL))
    s.setblocking(False)
    return s


def main():
    a, b = open_if(sys.argv[1]), open_if(sys.argv[2])
    delay, loss = float(sys.argv[3]) / 1000.0, float(sys.argv[4].rstrip("%")) / 100.0
    with open(sys.argv[5] + ".tmp", "w") as f:
        f.write("%d\n" % os.getpid())
    os.rename(sys.argv[5] + ".tmp", sys.argv[5])
    peer = {a: b, b: a}
    queue = {a: collections.deque(), b: collections.deque()}  # frames to send on that socket
    while True:
        now = time.monotonic()
        for out, q in queue.items():
            while q and q[0][0] <= now:
                try:
                    out.send(q.popleft()[1])
                except OSError:
                    pass  # link down, queue full: a lost frame
        heads = [q[0][0] for q in queue.values() if q]
        timeout = max(0.0, min(heads) - now) if heads else None
        try:
            ready, _, _ = select.select([a, b], [], [], timeout)
        except InterruptedError:
            continue
        now = time.monotonic()
        for s in ready:
            out = peer[s]
            for _ in range(512):
                try:
                    data, addr = s.recvfrom(262144)
                except BlockingIOError:
                    break
                except OSError:
                    break  # ENETDOWN while the link is down
                if addr[2] == PACKET_OUTGOING or (loss and random.random() < loss):
                    continue
                if delay <= 0:
                    try:
                        out.send(data)
                    except OSError:
                        pass
                elif len(queue[out]) < QUEUE_MAX:
                    queue[out].append((now + delay, data))


main()
EOF
}

ms_of() { # ms_of 20ms|1.5s|500us -> milliseconds
  awk -v d="$1" 'BEGIN {
    if (match(d, /us$/)) f = 0.001; else if (match(d, /ms$/)) f = 1; else if (match(d, /s$/)) f = 1000; else exit 1
    printf "%.3f", substr(d, 1, RSTART - 1) * f }'
}

bytes_per_s() { # bytes_per_s 100mbit -> bytes per second (tc's units)
  awk -v r="$1" 'BEGIN {
    n = r; sub(/[a-z]+$/, "", n); u = substr(r, length(n) + 1)
    f["bit"] = 0.125; f["kbit"] = 125; f["mbit"] = 125000; f["gbit"] = 125000000
    f["bps"] = 1; f["kbps"] = 1000; f["mbps"] = 1000000; f["gbps"] = 1000000000
    if (!(u in f)) exit 1
    printf "%d", n * f[u] }'
}

host_unshape() { # host_unshape I [quiet]: no qdisc, no wire: the plain veth on the bridge
  local i=$1 dir veth ns wpid
  dir=$(host_dir "$i") veth=$(host_veth "$i") ns=$(host_ns "$i")
  wpid=$(read_pid "$dir/wire.pid")
  pid_is "$wpid" nclab-wire && kill_pid "$wpid" nclab-wire 5
  if [[ -e /sys/class/net/nchw$i ]]; then ip link del "nchw$i" 2>/dev/null || true; fi
  if [[ -e /sys/class/net/$veth ]]; then
    tc qdisc del dev "$veth" root 2>/dev/null || true
    ip link set "$veth" arp on 2>/dev/null || true
    [[ -e /sys/class/net/$veth/brport ]] || ip link set "$veth" master "$HOSTS_BRIDGE" 2>/dev/null || true
  fi
  [[ -e /run/netns/$ns ]] && { tc -n "$ns" qdisc del dev eth0 root 2>/dev/null || true; }
  rm -f "$dir/shaping" "$dir/shaping.wire" "$dir/wire.pid"
  return 0
}

host_shape() { # host_shape I RATE DELAY LOSS (each may be empty) -> prints the method used
  local i=$1 rate=$2 delay=$3 loss=$4 dir veth ns opts=() bps burst k err wpid method
  dir=$(host_dir "$i") veth=$(host_veth "$i") ns=$(host_ns "$i")
  host_unshape "$i"
  [[ -z $delay ]] || opts+=(delay "$delay")
  [[ -z $loss ]] || opts+=(loss "$loss")
  [[ -z $rate ]] || opts+=(rate "$rate")
  if err=$(tc qdisc add dev "$veth" root netem "${opts[@]}" 2>&1); then
    tc -n "$ns" qdisc add dev eth0 root netem "${opts[@]}"
    echo "netem ${opts[*]}" >"$dir/shaping"
    printf 'netem'
    return 0
  fi
  [[ $err == *"qdisc kind is unknown"* ]] || die "tc qdisc add dev $veth root netem ${opts[*]}: $err"
  method=tbf
  [[ -z $delay$loss ]] || method=tbf+wire
  [[ -n $rate ]] || method=wire
  echo "$method ${opts[*]}" >"$dir/shaping"
  if [[ -n $rate ]]; then
    # a burst of ~4 ms of the rate (at least 16 KiB: one GSO frame is split, not dropped)
    bps=$(bytes_per_s "$rate") || die "bad rate '$rate'"
    burst=$((bps / 250))
    ((burst >= 16384)) || burst=16384
    tc qdisc add dev "$veth" root tbf rate "$rate" burst "$burst" latency 200ms
    tc -n "$ns" qdisc add dev eth0 root tbf rate "$rate" burst "$burst" latency 200ms
  fi
  if [[ -n $delay || -n $loss ]]; then
    wire_program | write_if_changed "$HOSTS_WIRE" 755 || true
    : >"$dir/shaping.wire"
    ip link add "nchw$i" type veth peer name "nchx$i"
    l3_off "nchw$i"
    l3_off "nchx$i"
    ip link set "nchx$i" arp off up
    ip link set "nchw$i" master "$HOSTS_BRIDGE" up
    # off the bridge, the root side must not answer ARP for the bridge's address itself
    ip link set "$veth" nomaster
    ip link set "$veth" arp off
    # setsid: out of lab.sh's process group (without job control it does not fork, so $! is the wire)
    setsid "$HOSTS_WIRE" "$veth" "nchx$i" "$(ms_of "${delay:-0ms}")" "${loss:-0%}" "$dir/wire.pid" \
      </dev/null >>"$dir/wire.log" 2>&1 8>&- 9>&- &
    wpid=$!
    for ((k = 0; k < 100; k++)); do
      pid_is "$(read_pid "$dir/wire.pid")" nclab-wire && break
      kill -0 "$wpid" 2>/dev/null || break
      sleep 0.05
    done
    pid_is "$(read_pid "$dir/wire.pid")" nclab-wire ||
      { tail_log "$dir/wire.log"; host_unshape "$i"; die "$(host_name "$i"): the delay line did not start (see $dir/wire.log)"; }
  fi
  printf '%s' "$method"
}

host_running_or_die() { # host_running_or_die I
  [[ -n $(host_init_pid "$1") && -e /run/netns/$(host_ns "$1") ]] ||
    die "host $(host_name "$1") is not up (bash e2e/lab/lab.sh up --hosts N)"
}

# netem HOST --rate R --delay D [--loss L%] | netem HOST clear
cmd_netem() {
  need_root
  check_lab_dir
  local i rate="" delay="" loss="" method
  [[ $# -ge 2 ]] || die "usage: lab.sh netem HOST --rate R --delay D [--loss L%] | netem HOST clear"
  i=$(host_index "$1")
  shift
  lock_hosts
  host_running_or_die "$i"
  if [[ $1 == clear ]]; then
    [[ $# -eq 1 ]] || die "netem HOST clear takes nothing more"
    host_unshape "$i"
    printf '{"ok":true}\n'
    return 0
  fi
  while (($#)); do
    case $1 in
      --rate) rate=${2:-}; [[ $rate =~ ^[0-9]+(\.[0-9]+)?([kmg]?bit|[kmg]?bps)$ ]] || die "--rate: like 100mbit, not '$rate'" ;;
      --delay) delay=${2:-}; [[ $delay =~ ^[0-9]+(\.[0-9]+)?(us|ms|s)$ ]] || die "--delay: like 20ms, not '$delay'" ;;
      --loss) loss=${2:-}; [[ $loss =~ ^[0-9]+(\.[0-9]+)?%$ ]] || die "--loss: like 0.5%, not '$loss'" ;;
      *) die "netem: unknown argument '$1'" ;;
    esac
    shift 2
  done
  [[ -n $rate$delay$loss ]] || die "netem: give --rate, --delay and/or --loss (or clear)"
  method=$(host_shape "$i" "$rate" "$delay" "$loss")
  log "$(host_name "$i"): link shaped (${rate:+rate $rate }${delay:+delay $delay each way }${loss:+loss $loss }by $method)"
  printf '{"ok":true,"method":"%s"}\n' "$method"
}

cmd_link() { # link HOST down|up: cut or restore the host's link (eth0 inside)
  need_root
  check_lab_dir
  local i
  [[ $# -eq 2 && ($2 == down || $2 == up) ]] || die "usage: lab.sh link HOST down|up"
  i=$(host_index "$1")
  lock_hosts
  host_running_or_die "$i"
  ip -n "$(host_ns "$i")" link set eth0 "$2"
  log "$(host_name "$i"): link $2"
  printf '{"ok":true}\n'
}

cmd_restart_host_libvirtd() { # kill the host's libvirtd by its pid, start it inside again, print the new pid
  need_root
  check_lab_dir
  local i old new
  [[ $# -eq 1 ]] || die "usage: lab.sh restart-host-libvirtd HOST"
  i=$(host_index "$1")
  lock_hosts
  host_running_or_die "$i"
  old=$(host_libvirtd_pid "$i")
  [[ -z $old ]] || kill_pid "$old" libvirtd 30
  host_start_libvirtd "$i"
  new=$(host_libvirtd_pid "$i")
  [[ -n $new ]] || die "$(host_name "$i"): libvirtd did not stay up"
  log "$(host_name "$i"): libvirtd restarted (pid ${old:-none} -> $new)"
  printf '%s\n' "$new"
}

cmd_down_hosts() {
  need_root
  check_lab_dir
  lock_hosts
  remove_hosts
  unlock_hosts
  log "hosts down"
}

# ---------------------------------------------------------------- JSON

hosts_json() { # ,"hosts":[...]: the requested hosts that have a directory
  local n i dir init first=1 addr name
  n=$(hosts_count)
  printf ',"hosts":['
  for ((i = 1; i <= n; i++)); do
    dir=$(host_dir "$i")
    [[ -d $dir ]] || continue
    addr=$(host_addr "$i") name=$(host_name "$i")
    init=$(host_init_pid "$i")
    host_children "$init"
    ((first)) || printf ','
    first=0
    printf '{"name":%s,"address":%s' "$(json_str "$name")" "$(json_str "$addr")"
    printf ',"ssh":%s,"tcp":%s,"unix":%s' "$(json_str "qemu+ssh://root@$addr/system")" \
      "$(json_str "$(host_tcp "$i")")" "$(json_str "$(host_uri "$i")")"
    printf ',"keyfile":%s,"knownHosts":%s' "$(json_str "$CLIENT_KEY")" "$(json_str "$HOSTS_KNOWN")"
    printf ',"hostKeyFingerprint":%s' "$(json_str "$(fingerprint "$dir/ssh/host_ed25519" 2>/dev/null)")"
    printf ',"guests":[%s],"runningGuest":%s' "$(json_str "$(host_guest "$i")")" "$(json_str "$(host_guest "$i")")"
    printf ',"pool":%s,"poolPath":%s,"network":%s' "$(json_str "$HOST_POOL")" "$(json_str "$HOST_POOL_PATH")" "$(json_str "$HOST_NET")"
    printf ',"namespace":%s,"initPid":%s,"libvirtdPid":%s,"dir":%s}' "$(json_str "$(host_ns "$i")")" \
      "$(json_num "$init")" "$(json_num "${HC[libvirtd]:-}")" "$(json_str "$dir")"
  done
  printf ']'
}
