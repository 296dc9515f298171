# shellcheck shell=bash disable=SC2034
# SmokeTrace network lab: the topology as data. Sourced by lab.sh.
#
# Documentation ranges only (RFC 5737, RFC 3849) and documentation ASNs (RFC 5398):
#   AS64501 "A"  192.0.2.0/25      2001:db8:a::/48                      (agent1, tgt-a)
#   AS64502 "B"  198.51.100.0/25   2001:db8:b::/48                      (tgt-b)
#   AS64503 "C"  203.0.113.0/25    2001:db8:c::/48   infrastructure     (agent2)
#                203.0.113.128/26  2001:db8:cc::/48  "service" prefix   (tgt-c)
#   management LAN toward the collector on the host: 198.51.100.240/28, 2001:db8:ffff::/64
#   (not 192.0.2.0/24: on this machine the host's own eth0 sits in 192.0.2.0/24)

# ---- environment (defaults documented in README.md) ---------------------------------------
LAB_PREFIX=${LAB_PREFIX:-stl}                       # namespace name prefix: stl-a1, stl-agent1, ...
LAB_STATE=${LAB_STATE:-/run/smoketrace-lab}         # configs, sockets, pid files, logs
LAB_HOST_IF=${LAB_HOST_IF:-stl-coll}                # host (root namespace) end of the management veth
MGMT_HOST4=${MGMT_HOST4:-198.51.100.254}            # host address on the management LAN
MGMT_HOST6=${MGMT_HOST6:-2001:db8:ffff::254}
COLLECTOR_ADDR4=${COLLECTOR_ADDR4:-$MGMT_HOST4}     # where the routers open BGP (IPv4 session)
COLLECTOR_ADDR6=${COLLECTOR_ADDR6:-$MGMT_HOST6}     # IPv6 session; "none" = no IPv6 session
COLLECTOR_PORT=${COLLECTOR_PORT:-179}
COLLECTOR_AS=${COLLECTOR_AS:-65000}
BMP_ADDR=${BMP_ADDR:-$COLLECTOR_ADDR4}              # FRR (b1) BMP target
BMP_PORT=${BMP_PORT:-11019}
ECMP_SEED=${ECMP_SEED:-1}                           # fixed multipath hash seed: reproducible baseline
ECMP_SEED_ALT=${ECMP_SEED_ALT:-}                    # seed for the "ecmp" scenario (auto-picked if empty)
RATELIMIT_BASE=${RATELIMIT_BASE:-50/second}         # c4's normal ICMP-origination limit
RATELIMIT_BURST=${RATELIMIT_BURST:-50}
RATELIMIT_HARD=${RATELIMIT_HARD:-1/second}          # c4 during the "rate-limit" scenario
LOSS_PCT=${LOSS_PCT:-20}                            # "loss" scenario, % of forwarded packets a4 -> c1
DELAY_MS=${DELAY_MS:-80}                            # "latency" scenario, one-way delay a4 -> c1 (at c1)
JITTER_MS=${JITTER_MS:-0}

ns() { echo "${LAB_PREFIX}-$1"; }

ASN_A=64501; ASN_B=64502; ASN_C=64503

ROUTERS=(a1 a2 a3 a4 b1 b2 c1 c2 c3 c4)
HOSTS=(agent1 agent2 tgt-a tgt-b tgt-c)
AGENTS=(agent1 agent2)
TARGETS=(tgt-a tgt-b tgt-c)
MGMT_NS=mgmt                      # namespace holding the management bridge
BIRD_ROUTERS=(a4 c1)
FRR_ROUTERS=(b1 b2)
BMP_ROUTER=b1
# ECMP pair: a2/a3 between a1 and a4 (both split over it; hash sysctls are set on every router)
SILENT_ROUTER=b2                  # never originates ICMP errors/echo replies
RATELIMIT_ROUTER=c4               # rate-limits the ICMP it originates (nftables)

declare -A ASN_OF=([a1]=$ASN_A [a2]=$ASN_A [a3]=$ASN_A [a4]=$ASN_A [b1]=$ASN_B [b2]=$ASN_B
                   [c1]=$ASN_C [c2]=$ASN_C [c3]=$ASN_C [c4]=$ASN_C)

# host addresses
declare -A ADDR4=([agent1]=192.0.2.2 [agent2]=203.0.113.2 [tgt-a]=192.0.2.10
                  [tgt-b]=198.51.100.2 [tgt-c]=203.0.113.130)
declare -A ADDR6=([agent1]=2001:db8:a:1::2 [agent2]=2001:db8:c:1::2 [tgt-a]=2001:db8:a:2::2
                  [tgt-b]=2001:db8:b:1::2 [tgt-c]=2001:db8:cc:1::2)

# management LAN addresses of the BGP border routers (eBGP to the collector from these)
declare -A MGMT4=([a4]=198.51.100.241 [b1]=198.51.100.242 [b2]=198.51.100.243 [c1]=198.51.100.244)
declare -A MGMT6=([a4]=2001:db8:ffff::1 [b1]=2001:db8:ffff::2 [b2]=2001:db8:ffff::3 [c1]=2001:db8:ffff::4)
MGMT_LEN4=28; MGMT_LEN6=64

# point-to-point links: "nodeX ifX addr4X addr6X nodeY ifY addr4Y addr6Y"
# the interface name inside a router is the name of the node at the other end (hosts use eth0).
LINKS=(
  # AS64501
  "a1 agent1 192.0.2.1/29  2001:db8:a:1::1/64   agent1 eth0 192.0.2.2/29  2001:db8:a:1::2/64"
  "a1 tgt-a  192.0.2.9/29  2001:db8:a:2::1/64   tgt-a  eth0 192.0.2.10/29 2001:db8:a:2::2/64"
  "a1 a2     192.0.2.17/30 2001:db8:a:12::1/64  a2     a1   192.0.2.18/30 2001:db8:a:12::2/64"
  "a1 a3     192.0.2.21/30 2001:db8:a:13::1/64  a3     a1   192.0.2.22/30 2001:db8:a:13::2/64"
  "a2 a4     192.0.2.25/30 2001:db8:a:24::1/64  a4     a2   192.0.2.26/30 2001:db8:a:24::2/64"
  "a3 a4     192.0.2.29/30 2001:db8:a:34::1/64  a4     a3   192.0.2.30/30 2001:db8:a:34::2/64"
  # AS64502 (+ the inter-AS links numbered from B's space)
  "b1 tgt-b  198.51.100.1/29  2001:db8:b:1::1/64   tgt-b eth0 198.51.100.2/29  2001:db8:b:1::2/64"
  "b1 b2     198.51.100.9/30  2001:db8:b:12::1/64  b2    b1   198.51.100.10/30 2001:db8:b:12::2/64"
  "b1 a4     198.51.100.13/30 2001:db8:b:a4::1/64  a4    b1   198.51.100.14/30 2001:db8:b:a4::2/64"
  "b2 c1     198.51.100.17/30 2001:db8:b:c1::1/64  c1    b2   198.51.100.18/30 2001:db8:b:c1::2/64"
  # AS64503 (+ the A-C link numbered from C's space)
  "c4 agent2 203.0.113.1/29   2001:db8:c:1::1/64   agent2 eth0 203.0.113.2/29  2001:db8:c:1::2/64"
  "c4 tgt-c  203.0.113.129/29 2001:db8:cc:1::1/64  tgt-c  eth0 203.0.113.130/29 2001:db8:cc:1::2/64"
  "c1 c2     203.0.113.9/30   2001:db8:c:12::1/64  c2     c1   203.0.113.10/30 2001:db8:c:12::2/64"
  "c1 c3     203.0.113.13/30  2001:db8:c:13::1/64  c3     c1   203.0.113.14/30 2001:db8:c:13::2/64"
  "c2 c4     203.0.113.17/30  2001:db8:c:24::1/64  c4     c2   203.0.113.18/30 2001:db8:c:24::2/64"
  "c3 c4     203.0.113.21/30  2001:db8:c:34::1/64  c4     c3   203.0.113.22/30 2001:db8:c:34::2/64"
  "c1 a4     203.0.113.25/30  2001:db8:c:a4::1/64  a4     c1   203.0.113.26/30 2001:db8:c:a4::2/64"
)

# static routes: "node|4 or 6|route spec" (applied with `ip route replace`)
ROUTES=(
  # hosts
  "agent1|4|default via 192.0.2.1"            "agent1|6|default via 2001:db8:a:1::1"
  "tgt-a|4|default via 192.0.2.9"             "tgt-a|6|default via 2001:db8:a:2::1"
  "tgt-b|4|default via 198.51.100.1"          "tgt-b|6|default via 2001:db8:b:1::1"
  "agent2|4|default via 203.0.113.1"          "agent2|6|default via 2001:db8:c:1::1"
  "tgt-c|4|default via 203.0.113.129"         "tgt-c|6|default via 2001:db8:cc:1::1"
  # AS64501: a1 splits over the ECMP pair a2/a3, a4 splits back
  "a1|4|default nexthop via 192.0.2.18 dev a2 nexthop via 192.0.2.22 dev a3"
  "a1|6|default nexthop via 2001:db8:a:12::2 dev a2 nexthop via 2001:db8:a:13::2 dev a3"
  "a2|4|192.0.2.0/28 via 192.0.2.17"          "a2|4|192.0.2.20/30 via 192.0.2.17"   "a2|4|default via 192.0.2.26"
  "a2|6|2001:db8:a:1::/64 via 2001:db8:a:12::1"  "a2|6|2001:db8:a:2::/64 via 2001:db8:a:12::1"
  "a2|6|2001:db8:a:13::/64 via 2001:db8:a:12::1" "a2|6|default via 2001:db8:a:24::2"
  "a3|4|192.0.2.0/28 via 192.0.2.21"          "a3|4|192.0.2.16/30 via 192.0.2.21"   "a3|4|default via 192.0.2.30"
  "a3|6|2001:db8:a:1::/64 via 2001:db8:a:13::1"  "a3|6|2001:db8:a:2::/64 via 2001:db8:a:13::1"
  "a3|6|2001:db8:a:12::/64 via 2001:db8:a:13::1" "a3|6|default via 2001:db8:a:34::2"
  "a4|4|192.0.2.0/27 nexthop via 192.0.2.25 dev a2 nexthop via 192.0.2.29 dev a3"
  "a4|6|2001:db8:a::/58 nexthop via 2001:db8:a:24::1 dev a2 nexthop via 2001:db8:a:34::1 dev a3"
  # AS64502: static inside the AS, iBGP b1-b2 for the rest
  "b1|4|198.51.100.16/30 via 198.51.100.10"   "b1|6|2001:db8:b:c1::/64 via 2001:db8:b:12::2"
  "b2|4|198.51.100.0/29 via 198.51.100.9"     "b2|4|198.51.100.12/30 via 198.51.100.9"
  "b2|6|2001:db8:b:1::/64 via 2001:db8:b:12::1" "b2|6|2001:db8:b:a4::/64 via 2001:db8:b:12::1"
  # AS64503: c1 <-> c4 via c2 (metric 100, preferred) or c3 (metric 200); "reroute" adds metric 50 via c3
  "c1|4|203.0.113.0/29 via 203.0.113.10 metric 100"   "c1|4|203.0.113.0/29 via 203.0.113.14 metric 200"
  "c1|4|203.0.113.128/29 via 203.0.113.10 metric 100" "c1|4|203.0.113.128/29 via 203.0.113.14 metric 200"
  "c1|4|203.0.113.16/30 via 203.0.113.10"             "c1|4|203.0.113.20/30 via 203.0.113.14"
  "c1|6|2001:db8:c:1::/64 via 2001:db8:c:12::2 metric 100"  "c1|6|2001:db8:c:1::/64 via 2001:db8:c:13::2 metric 200"
  "c1|6|2001:db8:cc:1::/64 via 2001:db8:c:12::2 metric 100" "c1|6|2001:db8:cc:1::/64 via 2001:db8:c:13::2 metric 200"
  "c1|6|2001:db8:c:24::/64 via 2001:db8:c:12::2"      "c1|6|2001:db8:c:34::/64 via 2001:db8:c:13::2"
  "c2|4|default via 203.0.113.9"   "c2|4|203.0.113.0/29 via 203.0.113.18" "c2|4|203.0.113.128/29 via 203.0.113.18"
  "c2|4|203.0.113.20/30 via 203.0.113.18"
  "c2|6|default via 2001:db8:c:12::1" "c2|6|2001:db8:c:1::/64 via 2001:db8:c:24::2"
  "c2|6|2001:db8:cc:1::/64 via 2001:db8:c:24::2" "c2|6|2001:db8:c:34::/64 via 2001:db8:c:24::2"
  "c3|4|default via 203.0.113.13"  "c3|4|203.0.113.0/29 via 203.0.113.22" "c3|4|203.0.113.128/29 via 203.0.113.22"
  "c3|4|203.0.113.16/30 via 203.0.113.22"
  "c3|6|default via 2001:db8:c:13::1" "c3|6|2001:db8:c:1::/64 via 2001:db8:c:34::2"
  "c3|6|2001:db8:cc:1::/64 via 2001:db8:c:34::2" "c3|6|2001:db8:c:24::/64 via 2001:db8:c:34::2"
  "c4|4|default via 203.0.113.17 metric 100"  "c4|4|default via 203.0.113.21 metric 200"
  "c4|6|default via 2001:db8:c:24::1 metric 100" "c4|6|default via 2001:db8:c:34::1 metric 200"
)

# expected baseline mtr hop counts (hops incl. the destination), used by `check`
EXPECTED_HOPS=("agent1 tgt-c 7" "agent1 tgt-b 5" "agent1 tgt-a 2" "agent2 tgt-b 6" "agent2 tgt-a 7" "agent2 tgt-c 2")
