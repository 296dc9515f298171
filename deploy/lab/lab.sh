#!/usr/bin/env bash
# SmokeTrace network lab: namespaces + veths as routers in three ASes, BIRD/FRR speaking BGP
# (and BMP) to the SmokeTrace collector on the host, agents tracing across it, scripted events.
# See deploy/lab/README.md.
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/topology.sh
source "$LAB_DIR/lib/topology.sh"
# shellcheck source=lib/build.sh
source "$LAB_DIR/lib/build.sh"
# shellcheck source=lib/check.sh
source "$LAB_DIR/lib/check.sh"
# shellcheck source=lib/scenarios.sh
source "$LAB_DIR/lib/scenarios.sh"

usage() {
  cat <<EOF
usage: $0 COMMAND
  up                         build the lab (idempotent: re-running repairs a partial lab)
  down                       remove everything the lab made (also after a partial up)
  status                     namespaces, BGP sessions, BMP, active scenarios
  check                      verify sessions, reachability, hop counts, ECMP, silent hop, IPv6
                             (CHECK_COLLECTOR=1: also require the collector sessions)
  scenario NAME [--revert]   NAME: ${SCENARIOS[*]}
  scenario list              what each scenario does and what the analyzer should conclude
  trace AGENT TARGET [4|6]   mtr report from an agent (e.g. trace agent1 tgt-c 6)
  exec NODE CMD...           run a command in a lab namespace (e.g. exec agent1 traceroute -n 203.0.113.130)
  birdc ROUTER CMD...        birdc on a4 / c1 (e.g. birdc a4 show route 203.0.113.130 all)
  vtysh ROUTER CMD...        vtysh -c on b1 / b2 (e.g. vtysh b1 show bgp ipv4 unicast)
Environment (defaults): LAB_PREFIX=$LAB_PREFIX LAB_STATE=$LAB_STATE LAB_HOST_IF=$LAB_HOST_IF
  COLLECTOR_ADDR4=$COLLECTOR_ADDR4 COLLECTOR_ADDR6=$COLLECTOR_ADDR6 COLLECTOR_PORT=$COLLECTOR_PORT
  COLLECTOR_AS=$COLLECTOR_AS BMP_ADDR=$BMP_ADDR BMP_PORT=$BMP_PORT
  LOSS_PCT=$LOSS_PCT DELAY_MS=$DELAY_MS JITTER_MS=$JITTER_MS RATELIMIT_BASE=$RATELIMIT_BASE
  RATELIMIT_HARD=$RATELIMIT_HARD ECMP_SEED=$ECMP_SEED
EOF
}

cmd=${1:-}
[[ -n $cmd ]] || { usage; exit 2; }
shift
case $cmd in
  -h|--help|help) usage; exit 0 ;;
esac
[[ $(id -u) == 0 ]] || die "must run as root (network namespaces, veths, nftables, BGP daemons)"

case $cmd in
  up) lab_up ;;
  down) lab_down ;;
  status) lab_status ;;
  check) lab_check ;;
  scenario) lab_scenario "$@" ;;
  trace)
    [[ $# -ge 2 ]] || die "usage: trace AGENT TARGET [4|6]"
    fam=${3:-4}
    if [[ $fam == 4 ]]; then addr=${ADDR4[$2]:-$2}; else addr=${ADDR6[$2]:-$2}; fi
    nsx "$1" mtr -"$fam" -n -r -c "${MTR_COUNT:-10}" -i 0.2 -Z 1 -G 1 "$addr" ;;
  exec) n=$1; shift; nsx "$n" "$@" ;;
  birdc) r=$1; shift; birdc_r "$r" "$@" ;;
  vtysh) r=$1; shift; vtysh_r "$r" -c "$*" ;;
  *) usage; exit 2 ;;
esac
