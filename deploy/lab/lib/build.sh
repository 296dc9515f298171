# shellcheck shell=bash
# SmokeTrace network lab: up / down / status. Sourced by lab.sh (after topology.sh).

FRR_BIN=${FRR_BIN:-/usr/lib/frr}

log()  { printf '\033[1m[lab]\033[0m %s\n' "$*"; }
warn() { printf '\033[33m[lab] WARN:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[31m[lab] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

nsx()  { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; }
ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$(ns "$1")"; }
is_router() { local r; for r in "${ROUTERS[@]}"; do [[ $r == "$1" ]] && return 0; done; return 1; }
in_list() { local x=$1; shift; local y; for y in "$@"; do [[ $x == "$y" ]] && return 0; done; return 1; }
all_nodes() { echo "${ROUTERS[@]}" "${HOSTS[@]}" "$MGMT_NS"; }
bgp_routers() { echo "${BIRD_ROUTERS[@]}" "${FRR_ROUTERS[@]}"; }

require_tools() {
  local missing=() t
  for t in ip nft bird birdc vtysh mtr traceroute ping python3 sysctl; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [[ -x $FRR_BIN/zebra && -x $FRR_BIN/bgpd ]] || missing+=("frr ($FRR_BIN/zebra, bgpd)")
  ((${#missing[@]} == 0)) || die "missing: ${missing[*]} -- apt-get install bird2 frr mtr-tiny traceroute nftables iproute2 iputils-ping"
}

# a valid collector address: in the management LAN (direct) or elsewhere (reached via the host)
collector_direct4() { [[ $COLLECTOR_ADDR4 == 198.51.100.24[0-9] || $COLLECTOR_ADDR4 == 198.51.100.25[0-5] ]]; }
collector_direct6() { [[ $COLLECTOR_ADDR6 == 2001:db8:ffff:: || $COLLECTOR_ADDR6 == 2001:db8:ffff::* ]]; }
have_v6_collector() { [[ -n $COLLECTOR_ADDR6 && $COLLECTOR_ADDR6 != none ]]; }

# ------------------------------------------------------------------------------------------
# namespaces, links, addresses, sysctls
# ------------------------------------------------------------------------------------------
make_ns() {
  local n=$1 nn; nn=$(ns "$n")
  if ! ns_exists "$n"; then ip netns add "$nn"; fi
  ip -n "$nn" link set lo up
  # every namespace: no kernel ICMP rate limiting (else mtr shows false loss)
  nsx "$n" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
  nsx "$n" sysctl -qw net.ipv6.conf.all.keep_addr_on_down=1 net.ipv6.conf.default.keep_addr_on_down=1
  nsx "$n" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
  if is_router "$n"; then
    nsx "$n" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
      net.ipv4.icmp_errors_use_inbound_ifaddr=1 \
      net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
      net.ipv4.fib_multipath_hash_policy=3 net.ipv4.fib_multipath_hash_fields=0x0037 \
      net.ipv6.fib_multipath_hash_policy=3 net.ipv6.fib_multipath_hash_fields=0x0037
    # a4, the router after the ECMP pair, answers from the address of its route back to the
    # prober (not from the interface the probe came in on): whichever of a2/a3 a flow takes, a4
    # shows one address, so the ECMP pair is a one-hop diamond; a reroute inside AS C (c2 -> c3,
    # and c4 answering from its other interface) changes two hops (deploy/lab/README.md).
    if [[ $n == a4 ]]; then nsx "$n" sysctl -qw net.ipv4.icmp_errors_use_inbound_ifaddr=0; fi
    # fixed seed => the same flow takes the same branch after every `up` (kernel >= 6.11)
    if nsx "$n" test -e /proc/sys/net/ipv4/fib_multipath_hash_seed; then
      nsx "$n" sysctl -qw net.ipv4.fib_multipath_hash_seed="$ECMP_SEED"
    fi
  fi
}

make_link() {
  local x=$1 ifx=$2 a4x=$3 a6x=$4 y=$5 ify=$6 a4y=$7 a6y=$8
  if ! ip -n "$(ns "$x")" link show "$ifx" >/dev/null 2>&1; then
    # a stale half (peer moved away / partial up) would block the name on the other side
    ip -n "$(ns "$y")" link del "$ify" >/dev/null 2>&1 || true
    ip link add "$ifx" netns "$(ns "$x")" type veth peer name "$ify" netns "$(ns "$y")"
  fi
  ip -n "$(ns "$x")" addr replace "$a4x" dev "$ifx"
  ip -n "$(ns "$x")" -6 addr replace "$a6x" dev "$ifx" nodad
  ip -n "$(ns "$y")" addr replace "$a4y" dev "$ify"
  ip -n "$(ns "$y")" -6 addr replace "$a6y" dev "$ify" nodad
  ip -n "$(ns "$x")" link set "$ifx" up
  ip -n "$(ns "$y")" link set "$ify" up
}

make_mgmt() {
  local m; m=$(ns "$MGMT_NS")
  ip -n "$m" link show br0 >/dev/null 2>&1 || ip -n "$m" link add br0 type bridge
  ip -n "$m" link set br0 up
  # host end
  if ! ip link show "$LAB_HOST_IF" >/dev/null 2>&1; then
    ip -n "$m" link del host >/dev/null 2>&1 || true
    ip link add "$LAB_HOST_IF" type veth peer name host netns "$m"
  fi
  ip addr replace "$MGMT_HOST4/$MGMT_LEN4" dev "$LAB_HOST_IF"
  ip -6 addr replace "$MGMT_HOST6/$MGMT_LEN6" dev "$LAB_HOST_IF" nodad
  ip link set "$LAB_HOST_IF" up
  ip -n "$m" link set host master br0 up
  local r
  for r in $(bgp_routers); do
    if ! ip -n "$(ns "$r")" link show mgmt >/dev/null 2>&1; then
      ip -n "$m" link del "$r" >/dev/null 2>&1 || true
      ip link add mgmt netns "$(ns "$r")" type veth peer name "$r" netns "$m"
    fi
    ip -n "$m" link set "$r" master br0 up
    ip -n "$(ns "$r")" addr replace "${MGMT4[$r]}/$MGMT_LEN4" dev mgmt
    ip -n "$(ns "$r")" -6 addr replace "${MGMT6[$r]}/$MGMT_LEN6" dev mgmt nodad
    ip -n "$(ns "$r")" link set mgmt up
    # a collector elsewhere than the management LAN is reached through the host
    collector_direct4 || ip -n "$(ns "$r")" route replace "$COLLECTOR_ADDR4/32" via "$MGMT_HOST4"
    if have_v6_collector && ! collector_direct6; then
      ip -n "$(ns "$r")" -6 route replace "$COLLECTOR_ADDR6/128" via "$MGMT_HOST6"
    fi
  done
}

apply_routes() {
  local line node fam spec
  for line in "${ROUTES[@]}"; do
    IFS='|' read -r node fam spec <<<"$line"
    # shellcheck disable=SC2086
    ip -n "$(ns "$node")" -"$fam" route replace $spec
  done
}

# ------------------------------------------------------------------------------------------
# nftables: the silent router and the rate-limited router
# ------------------------------------------------------------------------------------------
nft_silent() {   # $1 router: drop every ICMP error / echo reply it originates (forwarding untouched)
  nsx "$1" nft -f - <<EOF
table inet stlab_silent
delete table inet stlab_silent
table inet stlab_silent {
  chain output {
    type filter hook output priority 0; policy accept;
    icmp type { time-exceeded, destination-unreachable, parameter-problem, echo-reply } counter drop
    icmpv6 type { time-exceeded, destination-unreachable, parameter-problem, echo-reply } counter drop
  }
}
EOF
}

nft_ratelimit() {   # $1 router, $2 rate (e.g. 50/second), $3 burst packets
  nsx "$1" nft -f - <<EOF
table inet stlab_ratelimit
delete table inet stlab_ratelimit
table inet stlab_ratelimit {
  chain output {
    type filter hook output priority 0; policy accept;
    icmp type { time-exceeded, destination-unreachable, echo-reply } limit rate over $2 burst $3 packets counter drop
    icmpv6 type { time-exceeded, destination-unreachable, echo-reply } limit rate over $2 burst $3 packets counter drop
  }
}
EOF
}

# The router after the ECMP pair answers from one address whichever branch a probe took (IPv4:
# icmp_errors_use_inbound_ifaddr=0 in make_node; IPv6 has no such setting, so the ICMPv6 errors it
# sends from its a3-facing address get the a2-facing one): the ECMP pair is a one-hop diamond.
nft_one_reply_address() {   # $1 router, $2 address to replace, $3 address answered from
  nsx "$1" nft -f - <<EOF
table ip6 stlab_reply_source
delete table ip6 stlab_reply_source
table ip6 stlab_reply_source {
  chain output {
    type filter hook output priority 0; policy accept;
    icmpv6 type { time-exceeded, destination-unreachable } ip6 saddr $2 ip6 saddr set $3
  }
}
EOF
}

# ------------------------------------------------------------------------------------------
# BGP daemons: BIRD 2 on a4 and c1, FRR (zebra + bgpd, BMP on b1) on b1 and b2
# ------------------------------------------------------------------------------------------
rdir() { echo "$LAB_STATE/$1"; }

bird_collector_block() {  # $1 router
  local r=$1 mh4="" mh6=""
  collector_direct4 || mh4="multihop 8;"
  collector_direct6 || mh6="multihop 8;"
  cat <<EOF
protocol bgp collector4 {
  description "SmokeTrace collector (IPv4)";
  local ${MGMT4[$r]} as MYAS;
  neighbor $COLLECTOR_ADDR4 port $COLLECTOR_PORT as $COLLECTOR_AS;
  $mh4
  connect retry time 5; error wait time 5, 30;
  ipv4 { import none; export where source ~ [ RTS_STATIC, RTS_BGP ]; };
}
EOF
  if have_v6_collector; then cat <<EOF
protocol bgp collector6 {
  description "SmokeTrace collector (IPv6)";
  local ${MGMT6[$r]} as MYAS;
  neighbor $COLLECTOR_ADDR6 port $COLLECTOR_PORT as $COLLECTOR_AS;
  $mh6
  connect retry time 5; error wait time 5, 30;
  ipv6 { import none; export where source ~ [ RTS_STATIC, RTS_BGP ]; };
}
EOF
  fi
}

bird_conf_a4() {
  cat <<EOF
# generated by deploy/lab/lab.sh -- AS$ASN_A border router a4 (BIRD 2)
log "$(rdir a4)/bird.log" all;
router id 192.0.2.26;
define MYAS = $ASN_A;
protocol device { scan time 10; }
protocol kernel kernel4 { ipv4 { import none; export where source = RTS_BGP; }; }
protocol kernel kernel6 { ipv6 { import none; export where source = RTS_BGP; }; }
protocol static own4 { ipv4; route 192.0.2.0/25 blackhole; }
protocol static own6 { ipv6; route 2001:db8:a::/48 blackhole; }
filter ebgp_in4 { if net ~ [ 192.0.2.0/24+ ] then reject; accept; }
filter ebgp_in6 { if net ~ [ 2001:db8:a::/48+ ] then reject; accept; }
template bgp xbgp {
  local as MYAS; hold time 9; keepalive time 3; connect retry time 5; error wait time 5, 30;
}
protocol bgp b1_4 from xbgp { neighbor 198.51.100.13 as $ASN_B; ipv4 { import filter ebgp_in4; export where source ~ [ RTS_STATIC, RTS_BGP ]; }; }
protocol bgp b1_6 from xbgp { neighbor 2001:db8:b:a4::1 as $ASN_B; ipv6 { import filter ebgp_in6; export where source ~ [ RTS_STATIC, RTS_BGP ]; }; }
protocol bgp c1_4 from xbgp { neighbor 203.0.113.25 as $ASN_C; ipv4 { import filter ebgp_in4; export where source ~ [ RTS_STATIC, RTS_BGP ]; }; }
protocol bgp c1_6 from xbgp { neighbor 2001:db8:c:a4::1 as $ASN_C; ipv6 { import filter ebgp_in6; export where source ~ [ RTS_STATIC, RTS_BGP ]; }; }
$(bird_collector_block a4)
EOF
}

bird_conf_c1() {
  cat <<EOF
# generated by deploy/lab/lab.sh -- AS$ASN_C border router c1 (BIRD 2)
log "$(rdir c1)/bird.log" all;
router id 203.0.113.25;
define MYAS = $ASN_C;
protocol device { scan time 10; }
protocol kernel kernel4 { ipv4 { import none; export where source = RTS_BGP; }; }
protocol kernel kernel6 { ipv6 { import none; export where source = RTS_BGP; }; }
# infrastructure prefix (agent2, links)
protocol static own4 { ipv4; route 203.0.113.0/25 blackhole; }
protocol static own6 { ipv6; route 2001:db8:c::/48 blackhole; }
# "service" prefix of tgt-c: the "unreachable" scenario disables these two (BGP withdraw)
protocol static service4 { ipv4; route 203.0.113.128/26 blackhole; }
protocol static service6 { ipv6; route 2001:db8:cc::/48 blackhole; }
# never accept our own space (or more-specifics of it) from outside: the "more-specific"
# scenario must not pull C's own traffic toward B
filter ebgp_in4 { if net ~ [ 203.0.113.0/24+ ] then reject; accept; }
filter ebgp_in6 { if net ~ [ 2001:db8:c::/48+, 2001:db8:cc::/48+ ] then reject; accept; }
template bgp xbgp {
  local as MYAS; hold time 9; keepalive time 3; connect retry time 5; error wait time 5, 30;
}
protocol bgp a4_4 from xbgp { neighbor 203.0.113.26 as $ASN_A; ipv4 { import filter ebgp_in4; export where source ~ [ RTS_STATIC, RTS_BGP ]; }; }
protocol bgp a4_6 from xbgp { neighbor 2001:db8:c:a4::2 as $ASN_A; ipv6 { import filter ebgp_in6; export where source ~ [ RTS_STATIC, RTS_BGP ]; }; }
protocol bgp b2_4 from xbgp { neighbor 198.51.100.17 as $ASN_B; ipv4 { import filter ebgp_in4; export where source ~ [ RTS_STATIC, RTS_BGP ]; }; }
protocol bgp b2_6 from xbgp { neighbor 2001:db8:b:c1::1 as $ASN_B; ipv6 { import filter ebgp_in6; export where source ~ [ RTS_STATIC, RTS_BGP ]; }; }
$(bird_collector_block c1)
EOF
}

frr_common_policy() {
  cat <<'EOF'
ip prefix-list OWN4 seq 5 permit 198.51.100.0/24 le 32
ipv6 prefix-list OWN6 seq 5 permit 2001:db8:b::/48 le 128
ip prefix-list HIJACK4 seq 5 permit 203.0.113.128/27
ipv6 prefix-list HIJACK6 seq 5 permit 2001:db8:cc::/49
!
route-map EBGP-IN deny 10
 match ip address prefix-list OWN4
route-map EBGP-IN deny 20
 match ipv6 address prefix-list OWN6
route-map EBGP-IN permit 100
!
route-map ALL permit 10
!
route-map NONE deny 10
!
! the more-specific ("hijack") announcement goes to eBGP peers and the collector, never to iBGP
route-map IBGP-OUT deny 10
 match ip address prefix-list HIJACK4
route-map IBGP-OUT deny 20
 match ipv6 address prefix-list HIJACK6
route-map IBGP-OUT permit 100
!
EOF
}

frr_collector_neighbors() {  # $1 router
  local r=$1
  echo " neighbor $COLLECTOR_ADDR4 remote-as $COLLECTOR_AS"
  echo " neighbor $COLLECTOR_ADDR4 description SmokeTrace collector (IPv4)"
  echo " neighbor $COLLECTOR_ADDR4 port $COLLECTOR_PORT"
  echo " neighbor $COLLECTOR_ADDR4 timers connect 5"
  echo " neighbor $COLLECTOR_ADDR4 update-source ${MGMT4[$r]}"
  collector_direct4 || echo " neighbor $COLLECTOR_ADDR4 ebgp-multihop 8"
  if have_v6_collector; then
    echo " neighbor $COLLECTOR_ADDR6 remote-as $COLLECTOR_AS"
    echo " neighbor $COLLECTOR_ADDR6 description SmokeTrace collector (IPv6)"
    echo " neighbor $COLLECTOR_ADDR6 port $COLLECTOR_PORT"
    echo " neighbor $COLLECTOR_ADDR6 timers connect 5"
    echo " neighbor $COLLECTOR_ADDR6 update-source ${MGMT6[$r]}"
    collector_direct6 || echo " neighbor $COLLECTOR_ADDR6 ebgp-multihop 8"
  fi
}

frr_bgpd_conf() {  # $1 = b1|b2
  local r=$1 rid ebgp4 ebgp6 ebgpas ibgp4 ibgp6
  if [[ $r == b1 ]]; then
    rid=198.51.100.13; ebgp4=198.51.100.14; ebgp6=2001:db8:b:a4::2; ebgpas=$ASN_A
    ibgp4=198.51.100.10; ibgp6=2001:db8:b:12::2
  else
    rid=198.51.100.17; ebgp4=198.51.100.18; ebgp6=2001:db8:b:c1::2; ebgpas=$ASN_C
    ibgp4=198.51.100.9; ibgp6=2001:db8:b:12::1
  fi
  cat <<EOF
! generated by deploy/lab/lab.sh -- AS$ASN_B router $r (FRR bgpd)
hostname $r
log file $(rdir "$r")/bgpd.log informational
!
$(frr_common_policy)
router bgp $ASN_B
 bgp router-id $rid
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 no bgp network import-check
 timers bgp 3 9
 neighbor $ebgp4 remote-as $ebgpas
 neighbor $ebgp4 timers connect 5
 neighbor $ebgp6 remote-as $ebgpas
 neighbor $ebgp6 timers connect 5
 neighbor $ibgp4 remote-as $ASN_B
 neighbor $ibgp4 timers connect 5
 neighbor $ibgp6 remote-as $ASN_B
 neighbor $ibgp6 timers connect 5
$(frr_collector_neighbors "$r")
 !
 address-family ipv4 unicast
  network 198.51.100.0/25
  neighbor $ebgp4 activate
  neighbor $ebgp4 route-map EBGP-IN in
  neighbor $ebgp4 route-map ALL out
  neighbor $ibgp4 activate
  neighbor $ibgp4 next-hop-self
  neighbor $ibgp4 route-map IBGP-OUT out
  neighbor $COLLECTOR_ADDR4 activate
  neighbor $COLLECTOR_ADDR4 route-map NONE in
  neighbor $COLLECTOR_ADDR4 route-map ALL out
 exit-address-family
 !
 address-family ipv6 unicast
  network 2001:db8:b::/48
  neighbor $ebgp6 activate
  neighbor $ebgp6 route-map EBGP-IN in
  neighbor $ebgp6 route-map ALL out
  neighbor $ibgp6 activate
  neighbor $ibgp6 next-hop-self
  neighbor $ibgp6 route-map IBGP-OUT out
$(have_v6_collector && printf '  neighbor %s activate\n  neighbor %s route-map NONE in\n  neighbor %s route-map ALL out\n' "$COLLECTOR_ADDR6" "$COLLECTOR_ADDR6" "$COLLECTOR_ADDR6")
 exit-address-family
EOF
  if [[ $r == "$BMP_ROUTER" ]]; then cat <<EOF
 !
 bmp targets collector
  bmp connect $BMP_ADDR port $BMP_PORT min-retry 1000 max-retry 10000
  bmp monitor ipv4 unicast pre-policy
  bmp monitor ipv4 unicast post-policy
  bmp monitor ipv6 unicast pre-policy
  bmp monitor ipv6 unicast post-policy
  bmp stats interval 10000
 exit
EOF
  fi
  echo "!"
}

pid_alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_bird() {
  local r=$1 d; d=$(rdir "$r")
  mkdir -p "$d"
  "bird_conf_$r" >"$d/bird.conf"
  bird -p -c "$d/bird.conf" || die "bird config for $r does not parse ($d/bird.conf)"
  if pid_alive "$d/bird.pid"; then
    nsx "$r" birdc -s "$d/bird.ctl" configure >/dev/null && log "$r: BIRD already running, reconfigured"
    return
  fi
  nsx "$r" bird -c "$d/bird.conf" -s "$d/bird.ctl" -P "$d/bird.pid"
  log "$r: BIRD started (socket $d/bird.ctl)"
}

start_frr() {
  local r=$1 d; d=$(rdir "$r")
  mkdir -p "$d"
  printf 'hostname %s\nlog file %s/zebra.log informational\n!\n' "$r" "$d" >"$d/zebra.conf"
  frr_bgpd_conf "$r" >"$d/bgpd.conf"
  : >"$d/vtysh.conf"
  chown -R frr:frr "$d"
  if ! pid_alive "$d/zebra.pid"; then
    nsx "$r" "$FRR_BIN/zebra" -d -f "$d/zebra.conf" -i "$d/zebra.pid" -z "$d/zserv.api" \
      --vty_socket "$d" -P 0 -u frr -g frr 2>>"$d/zebra.stderr"
    for _ in $(seq 50); do [[ -S $d/zserv.api ]] && break; sleep 0.1; done
  fi
  if pid_alive "$d/bgpd.pid"; then
    log "$r: FRR already running (config changes need: lab.sh down && lab.sh up)"
    return
  fi
  local mods=()
  [[ $r == "$BMP_ROUTER" ]] && mods=(-M bmp)
  nsx "$r" "$FRR_BIN/bgpd" -d "${mods[@]}" -f "$d/bgpd.conf" -i "$d/bgpd.pid" -z "$d/zserv.api" \
    --vty_socket "$d" -P 0 -u frr -g frr 2>>"$d/bgpd.stderr"
  log "$r: FRR zebra+bgpd started (vtysh --vty_socket $d)"
}

birdc_r() { local r=$1; shift; nsx "$r" birdc -s "$(rdir "$r")/bird.ctl" "$@"; }
vtysh_r() { local r=$1; shift; nsx "$r" vtysh --vty_socket "$(rdir "$r")" "$@"; }

# ------------------------------------------------------------------------------------------
lab_up() {
  require_tools
  log "building the lab (namespaces prefixed '$LAB_PREFIX-', state in $LAB_STATE)"
  mkdir -p "$LAB_STATE"
  local n line
  for n in $(all_nodes); do make_ns "$n"; done
  for line in "${LINKS[@]}"; do
    # shellcheck disable=SC2086
    make_link $line
  done
  make_mgmt
  apply_routes
  nft_silent "$SILENT_ROUTER"
  nft_one_reply_address a4 2001:db8:a:34::2 2001:db8:a:24::2
  nft_ratelimit "$RATELIMIT_ROUTER" "$RATELIMIT_BASE" "$RATELIMIT_BURST"
  for n in "${BIRD_ROUTERS[@]}"; do start_bird "$n"; done
  for n in "${FRR_ROUTERS[@]}"; do start_frr "$n"; done
  mkdir -p "$LAB_STATE/scenarios"
  log "waiting for the lab BGP sessions (up to 60 s)"
  for _ in $(seq 60); do
    lab_sessions_established quiet && break
    sleep 1
  done
  lab_sessions_established quiet || warn "some lab BGP sessions are not Established yet (see: lab.sh status)"
  log "up. Collector: BGP to $COLLECTOR_ADDR4${COLLECTOR_ADDR6:+ / $COLLECTOR_ADDR6} port $COLLECTOR_PORT AS $COLLECTOR_AS (passive), BMP from $BMP_ROUTER to $BMP_ADDR:$BMP_PORT"
}

# lab-internal sessions only (the collector may not be running)
lab_sessions_established() {
  local quiet=${1:-} ok=0 out r name state info peer _x
  for r in "${BIRD_ROUTERS[@]}"; do
    out=$(birdc_r "$r" show protocols 2>/dev/null) || { ok=1; continue; }
    while read -r name _x _x state _x info; do
      [[ $name == collector* ]] && continue
      [[ $info == Established* ]] || { ok=1; [[ -z $quiet ]] && echo "  $r $name: $state $info"; }
    done < <(awk '$2=="BGP"' <<<"$out")
  done
  for r in "${FRR_ROUTERS[@]}"; do
    out=$(vtysh_r "$r" -c 'show bgp neighbors json' 2>/dev/null) || { ok=1; continue; }
    while read -r peer state; do
      [[ $peer == "$COLLECTOR_ADDR4" || $peer == "$COLLECTOR_ADDR6" ]] && continue
      [[ $state == Established ]] || { ok=1; [[ -z $quiet ]] && echo "  $r $peer: $state"; }
    done < <(python3 -c 'import json,sys; d=json.load(sys.stdin); [print(k, v.get("bgpState")) for k,v in d.items()]' <<<"$out")
  done
  return $ok
}

lab_down() {
  log "tearing the lab down"
  local r d f
  # daemons we started (pid files under the state dir)
  if [[ -d $LAB_STATE ]]; then
    for f in "$LAB_STATE"/*/*.pid; do
      [[ -e $f ]] || continue
      if pid_alive "$f"; then kill "$(cat "$f")" 2>/dev/null || true; fi
    done
    sleep 0.5
    for f in "$LAB_STATE"/*/*.pid; do
      [[ -e $f ]] || continue
      if pid_alive "$f"; then kill -9 "$(cat "$f")" 2>/dev/null || true; fi
    done
  fi
  # anything still running inside our namespaces (mtr, delay line, ...) was started by this lab
  for n in $(all_nodes); do
    ns_exists "$n" || continue
    local pids; pids=$(ip netns pids "$(ns "$n")" 2>/dev/null || true)
    # shellcheck disable=SC2086  # several pids
    if [[ -n $pids ]]; then kill $pids 2>/dev/null || true; fi
  done
  sleep 0.3
  for n in $(all_nodes); do
    ns_exists "$n" || continue
    local pids; pids=$(ip netns pids "$(ns "$n")" 2>/dev/null || true)
    # shellcheck disable=SC2086  # several pids
    if [[ -n $pids ]]; then kill -9 $pids 2>/dev/null || true; fi
    ip netns del "$(ns "$n")"
  done
  ip link del "$LAB_HOST_IF" >/dev/null 2>&1 || true
  rm -rf "$LAB_STATE"
  log "down: no '$LAB_PREFIX-*' namespaces, no $LAB_HOST_IF, no daemons, $LAB_STATE removed"
}

lab_status() {
  local n r present=0
  for n in $(all_nodes); do ns_exists "$n" && present=$((present + 1)); done
  echo "namespaces: $present of $(all_nodes | wc -w) present (prefix $LAB_PREFIX-)"
  ((present > 0)) || return 0
  ip -br addr show "$LAB_HOST_IF" 2>/dev/null | sed 's/^/host: /' || true
  for r in "${BIRD_ROUTERS[@]}"; do
    echo "== $r (BIRD, AS${ASN_OF[$r]})"
    birdc_r "$r" show protocols 2>/dev/null | awk '$2=="BGP"' || echo "  bird not running"
  done
  for r in "${FRR_ROUTERS[@]}"; do
    echo "== $r (FRR, AS${ASN_OF[$r]})"
    vtysh_r "$r" -c 'show bgp summary' 2>/dev/null | grep -E '^[0-9a-f]+[.:]|^Neighbor|IPv[46] Unicast' || echo "  bgpd not running"
    [[ $r == "$BMP_ROUTER" ]] && vtysh_r "$r" -c 'show bmp' 2>/dev/null | sed -n '1,20p' | grep -iE 'target|connect|remote|state|up|down' | sed 's/^/  bmp: /'
  done
  echo "== scenarios active:"
  ls "$LAB_STATE/scenarios" 2>/dev/null | sed 's/^/  /' || true
}
