#!/usr/bin/env bash
# Test network for the bgp-collector integration tests (Linux, root): three namespaces joined to the
# host (where the collector under test listens) by veth pairs, each running one routing daemon.
#
#   host 198.18.1.1 -- stbgp-bird 198.18.1.2  BIRD AS64601: static routes, eBGP to the collector and to FRR;
#   2001:db8:5b:1::1 -- 2001:db8:5b:1::2      an IPv6 session of BIRD's to the collector with IPv6 routes
#   host 198.18.2.1 -- stbgp-gobgp 198.18.2.2 gobgpd AS64602: routes added with the gobgp CLI, eBGP to the
#                                             collector, passive: the collector connects to it (an active peer)
#   host 198.18.3.1 -- stbgp-frr 198.18.3.2   FRR bgpd AS64603: eBGP to BIRD (198.18.13.1 <-> .2), BMP to the collector
#
# With EXTRA_BIRD_ROUTES_FILE (the benchmark: a BIRD static protocol to include), gobgpd is the reference
# instead of a peer of the collector: it takes the same table from BIRD over 198.18.12.1 <-> .2.
#
# usage: stbgp-net.sh up STATE_DIR BGP_PORT BMP_PORT [EXTRA_BIRD_ROUTES_FILE] | down STATE_DIR
#        stbgp-net.sh stop-bird STATE_DIR | gobgp STATE_DIR ARGS...
# 198.18.0.0/15 is the benchmarking range (RFC 2544); nothing here leaves these namespaces.
set -euo pipefail
cmd=$1 state=$2
NS=(stbgp-bird stbgp-gobgp stbgp-frr)
FRR_BIN=${FRR_BIN:-/usr/lib/frr}

down() {
  for f in "$state"/bird/bird.pid "$state"/gobgp/gobgpd.pid "$state"/frr/bgpd.pid; do
    [[ -s $f ]] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 0.5
  for f in "$state"/bird/bird.pid "$state"/gobgp/gobgpd.pid "$state"/frr/bgpd.pid; do
    [[ -s $f ]] && kill -9 "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  for ns in "${NS[@]}"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  for i in 1 2 3; do ip link del "stbgp-h$i" 2>/dev/null || true; done
}

link() { # host-index namespace
  local i=$1 ns=$2
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip link add "stbgp-h$i" type veth peer name eth0 netns "$ns"
  ip addr add "198.18.$i.1/24" dev "stbgp-h$i"
  ip link set "stbgp-h$i" up
  ip -n "$ns" addr add "198.18.$i.2/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip addr add "2001:db8:5b:$i::1/64" dev "stbgp-h$i" nodad
  ip -n "$ns" addr add "2001:db8:5b:$i::2/64" dev eth0 nodad
}

up() {
  local bgp_port=$3 bmp_port=$4 extra=${5:-}
  down
  mkdir -p "$state"/bird "$state"/gobgp "$state"/frr
  link 1 stbgp-bird
  link 2 stbgp-gobgp
  link 3 stbgp-frr
  ip link add bf0 netns stbgp-bird type veth peer name fb0 netns stbgp-frr
  ip -n stbgp-bird addr add 198.18.13.1/24 dev bf0 && ip -n stbgp-bird link set bf0 up
  ip -n stbgp-frr addr add 198.18.13.2/24 dev fb0 && ip -n stbgp-frr link set fb0 up
  local frr_export=all reference="" include="" gobgp_neighbor=198.18.2.1 gobgp_as=65000 gobgp_port=$bgp_port gobgp_local=198.18.2.2 gobgp_listen=179 gobgp_passive=true
  if [[ -n $extra ]]; then
    ip link add bg0 netns stbgp-bird type veth peer name gb0 netns stbgp-gobgp
    ip -n stbgp-bird addr add 198.18.12.1/24 dev bg0 && ip -n stbgp-bird link set bg0 up
    ip -n stbgp-gobgp addr add 198.18.12.2/24 dev gb0 && ip -n stbgp-gobgp link set gb0 up
    reference="protocol bgp reference { local 198.18.12.1 as 64601; neighbor 198.18.12.2 as 64602; connect delay time 1; ipv4 { import none; export all; }; }"
    gobgp_neighbor=198.18.12.1 gobgp_as=64601 gobgp_port=179 gobgp_local=198.18.12.2 gobgp_listen=-1 gobgp_passive=false
    frr_export=none # the table reaches the collector once, over BGP, as it reaches the reference
    include="include \"$extra\";"
  fi

  cat >"$state/bird/bird.conf" <<CONF
router id 198.18.1.2;
log "$state/bird/bird.log" all;
protocol device {}
protocol static routes6 {
  ipv6;
  route 2001:db8:5b00::/40 blackhole;
}
protocol bgp collector6 {
  local 2001:db8:5b:1::2 as 64601;
  neighbor 2001:db8:5b:1::1 port $bgp_port as 65000;
  connect delay time 1;
  connect retry time 2;
  ipv6 { import none; export filter { bgp_large_community.add((64601,6,6)); accept; }; };
}
protocol static routes4 {
  ipv4;
  route 203.0.113.0/24 blackhole;
  route 192.0.2.128/25 blackhole;
}
$include
protocol bgp collector {
  local 198.18.1.2 as 64601;
  neighbor 198.18.1.1 port $bgp_port as 65000;
  connect delay time 1;
  connect retry time 2;
  ipv4 { import none; export filter { bgp_community.add((64601,100)); bgp_large_community.add((64601,1,2)); accept; }; };
}
protocol bgp frr {
  local 198.18.13.1 as 64601;
  neighbor 198.18.13.2 as 64603;
  connect delay time 1;
  connect retry time 2;
  ipv4 { import none; export $frr_export; };
}
$reference
CONF
  bird -p -c "$state/bird/bird.conf"
  ip netns exec stbgp-bird bird -c "$state/bird/bird.conf" -s "$state/bird/bird.ctl" -P "$state/bird/bird.pid"

  cat >"$state/gobgp/gobgpd.toml" <<CONF
[global.config]
  as = 64602
  router-id = "198.18.2.2"
  port = $gobgp_listen
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$gobgp_neighbor"
    peer-as = $gobgp_as
  [neighbors.transport.config]
    remote-port = $gobgp_port
    local-address = "$gobgp_local"
    passive-mode = $gobgp_passive
  [neighbors.timers.config]
    connect-retry = 2
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
CONF
  ip netns exec stbgp-gobgp gobgpd -f "$state/gobgp/gobgpd.toml" --api-hosts 127.0.0.1:50051 \
    >"$state/gobgp/gobgpd.log" 2>&1 &
  echo $! >"$state/gobgp/gobgpd.pid"

  cat >"$state/frr/bgpd.conf" <<CONF
frr defaults traditional
hostname stbgp-frr
log file $state/frr/bgpd.log informational
!
router bgp 64603
 bgp router-id 198.18.3.2
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor 198.18.13.1 remote-as 64601
 neighbor 198.18.13.1 timers connect 2
 address-family ipv4 unicast
  neighbor 198.18.13.1 activate
  neighbor 198.18.13.1 soft-reconfiguration inbound
 exit-address-family
 !
 bmp targets collector
  bmp connect 198.18.3.1 port $bmp_port min-retry 500 max-retry 2000
  bmp monitor ipv4 unicast pre-policy
  bmp monitor ipv4 unicast post-policy
 exit
!
CONF
  chown -R frr:frr "$state/frr"
  ip netns exec stbgp-frr "$FRR_BIN/bgpd" -d -Z -M bmp -f "$state/frr/bgpd.conf" -i "$state/frr/bgpd.pid" \
    --vty_socket "$state/frr" -P 0 -u frr -g frr 2>>"$state/frr/bgpd.stderr"
}

case $cmd in
  up) up "$@" ;;
  down) down ;;
  stop-bird) kill "$(cat "$state/bird/bird.pid")" ;;
  gobgp) shift 2; ip netns exec stbgp-gobgp gobgp -u 127.0.0.1 -p 50051 "$@" ;;
  *) echo "usage: $0 up|down|stop-bird|gobgp STATE_DIR ..." >&2; exit 2 ;;
esac
