# shellcheck shell=bash
# Sourced by lab.sh: the lab's DHCP network. A libvirt-managed, isolated
# network (no <forward>: nothing leaves the machine) with an <ip> and a DHCP
# range, so libvirt runs its own dnsmasq on the bridge and keeps the lease
# table the tests read (virNetworkGetDHCPLeases). Guests that get a NIC on it
# lease an address with busybox udhcpc (guest-init.sh runs it on every ethN).
# The lab's own guests keep their definitions: tests attach throwaway guests.

DHCP_NET=novacron-dhcp
DHCP_BRIDGE=ncdhcp0
DHCP_ADDR=10.213.250.1
DHCP_PREFIX=24
DHCP_START=10.213.250.100
DHCP_END=10.213.250.199
PKGS+=(dnsmasq-base) # libvirt runs dnsmasq for any network with an <ip> and <dhcp>

dhcp_network_xml() {
  cat <<EOF
<network>
  <name>$DHCP_NET</name>
  <!-- isolated: no <forward>; libvirt's dnsmasq serves DHCP on the bridge only -->
  <bridge name='$DHCP_BRIDGE' stp='off' delay='0'/>
  <ip address='$DHCP_ADDR' prefix='$DHCP_PREFIX'>
    <dhcp>
      <!-- short leases: each test run's throwaway guest holds one, and the range is 100 wide -->
      <range start='$DHCP_START' end='$DHCP_END'>
        <lease expiry='10' unit='minutes'/>
      </range>
    </dhcp>
  </ip>
</network>
EOF
}

# defined as dhcp_network_xml says (redefined when that changed), running, autostarted
ensure_dhcp_network() {
  # libvirt's dnsmasq drops its privileges to this user (libvirt-daemon-system would create it)
  getent passwd libvirt-dnsmasq >/dev/null ||
    useradd -r -U -d /var/lib/libvirt/dnsmasq -s /usr/sbin/nologin libvirt-dnsmasq
  local info err changed=0
  if dhcp_network_xml | write_if_changed "$XML_DIR/$DHCP_NET.xml" 644; then changed=1; fi
  info=$(vsh net-info "$DHCP_NET" 2>/dev/null || true)
  if [[ -z $info ]] || ((changed)); then
    REPAIRED=1
    if [[ -n $info ]]; then
      # defining over it would keep its UUID only if the XML named it: remove it, then define afresh
      log "network $DHCP_NET has an older definition: redefining it"
      vsh net-destroy "$DHCP_NET" >/dev/null 2>&1 || true
      vsh net-undefine "$DHCP_NET" >/dev/null
    fi
    log "defining network $DHCP_NET (bridge $DHCP_BRIDGE, DHCP $DHCP_START-$DHCP_END)"
    vsh net-define "$XML_DIR/$DHCP_NET.xml" >/dev/null
    info=$(vsh net-info "$DHCP_NET")
  fi
  if [[ $(state_field Active <<<"$info") != yes ]]; then
    REPAIRED=1
    if ! err=$(vsh net-start "$DHCP_NET" 2>&1 >/dev/null); then
      err=$(printf '%s' "$err" | tr '\n' ' ' | sed 's/  */ /g; s/ *$//')
      die "network $DHCP_NET does not start: $err"
    fi
  fi
  [[ $(state_field Autostart <<<"$info") == yes ]] || vsh net-autostart "$DHCP_NET" >/dev/null
}

dhcp_network_not_up() { # prints why, or nothing
  local info
  info=$(vsh net-info "$DHCP_NET" 2>/dev/null || true)
  [[ $(state_field Active <<<"$info") == yes ]] || echo "network $DHCP_NET is not active"
}

remove_dhcp_network() {
  if vsh net-info "$DHCP_NET" >/dev/null 2>&1; then
    log "removing network $DHCP_NET"
    vsh net-destroy "$DHCP_NET" >/dev/null 2>&1 || true
    vsh net-undefine "$DHCP_NET" >/dev/null
  fi
}

dhcp_network_json() {
  printf ',"dhcpNetwork":%s,"dhcpBridge":%s' "$(json_str "$DHCP_NET")" "$(json_str "$DHCP_BRIDGE")"
  printf ',"dhcpSubnet":%s,"dhcpRange":[%s,%s]' "$(json_str "$DHCP_ADDR/$DHCP_PREFIX")" "$(json_str "$DHCP_START")" "$(json_str "$DHCP_END")"
}
