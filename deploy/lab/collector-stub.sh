#!/usr/bin/env bash
# A throwaway stand-in for the SmokeTrace bgp-collector on the host, to see the lab's collector
# side work without building the Java services: gobgpd as AS$COLLECTOR_AS, passive, accepting the
# four border routers (IPv4 and IPv6 sessions) and announcing nothing, plus a plain TCP listener
# on the BMP port that records what FRR (b1) streams.
#   collector-stub.sh start | stop | show
# `lab.sh down` also stops it (its pid files live under the lab state dir).
set -euo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/topology.sh
source "$LAB_DIR/lib/topology.sh"
# shellcheck source=lib/build.sh
source "$LAB_DIR/lib/build.sh"

[[ $(id -u) == 0 ]] || die "must run as root"
D=$LAB_STATE/collector-stub
API=${STUB_API:-127.0.0.1:50551}

stub_conf() {
  cat <<EOF
[global.config]
  as = $COLLECTOR_AS
  router-id = "$COLLECTOR_ADDR4"
  port = $COLLECTOR_PORT
  local-address-list = ["$COLLECTOR_ADDR4"$(have_v6_collector && printf ', "%s"' "$COLLECTOR_ADDR6")]
[global.apply-policy.config]
  default-export-policy = "reject-route"
EOF
  local r
  for r in $(bgp_routers); do
    local addrs=("${MGMT4[$r]}")
    have_v6_collector && addrs+=("${MGMT6[$r]}")
    local a
    for a in "${addrs[@]}"; do
      local afi=ipv4-unicast; [[ $a == *:* ]] && afi=ipv6-unicast
      cat <<EOF
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$a"
    peer-as = ${ASN_OF[$r]}
    description = "lab $r"
  [neighbors.transport.config]
    passive-mode = true
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "$afi"
EOF
    done
  done
}

case ${1:-} in
  start)
    command -v gobgpd >/dev/null || die "apt-get install gobgpd"
    ip link show "$LAB_HOST_IF" >/dev/null 2>&1 || die "lab not up ($LAB_HOST_IF missing)"
    mkdir -p "$D"
    stub_conf >"$D/gobgpd.toml"
    if ! pid_alive "$D/gobgpd.pid"; then
      gobgpd -f "$D/gobgpd.toml" --api-hosts "$API" -l info >"$D/gobgpd.log" 2>&1 &
      echo $! >"$D/gobgpd.pid"
    fi
    if ! pid_alive "$D/bmp-listener.pid"; then
      nc -lk "$BMP_ADDR" "$BMP_PORT" >"$D/bmp.bin" 2>"$D/bmp.err" &
      echo $! >"$D/bmp-listener.pid"
    fi
    log "collector stub: gobgpd (AS$COLLECTOR_AS, API $API) and BMP listener $BMP_ADDR:$BMP_PORT -> $D/bmp.bin"
    ;;
  stop)
    for f in "$D"/*.pid; do
      [[ -e $f ]] || continue
      if pid_alive "$f"; then kill "$(cat "$f")" 2>/dev/null || true; fi
      rm -f "$f"
    done
    log "collector stub stopped"
    ;;
  show)
    gobgp -u "${API%:*}" -p "${API#*:}" neighbor || true
    echo "--- IPv4 RIB (gobgp global rib is empty by design: per-neighbor adj-in below)"
    for r in $(bgp_routers); do
      echo "== adj-in from $r (${MGMT4[$r]})"
      gobgp -u "${API%:*}" -p "${API#*:}" neighbor "${MGMT4[$r]}" adj-in 2>/dev/null || true
      if have_v6_collector; then
        gobgp -u "${API%:*}" -p "${API#*:}" neighbor "${MGMT6[$r]}" adj-in -a ipv6 2>/dev/null || true
      fi
    done
    if [[ -s $D/bmp.bin ]]; then
      echo "--- BMP bytes received from $BMP_ROUTER: $(stat -c %s "$D/bmp.bin")"
      /usr/bin/python3 - "$D/bmp.bin" <<'PY'
import struct, sys, collections
data = open(sys.argv[1], 'rb').read()
names = {0: 'Route Monitoring', 1: 'Statistics Report', 2: 'Peer Down', 3: 'Peer Up', 4: 'Initiation', 5: 'Termination', 6: 'Route Mirroring'}
seen, off = collections.Counter(), 0
while off + 6 <= len(data):
    ver, length, typ = struct.unpack('!BIB', data[off:off + 6])
    if ver != 3 or length < 6:
        print(f'  not BMP v3 at offset {off}'); break
    seen[names.get(typ, typ)] += 1
    off += length
for k, v in seen.items():
    print(f'  {k}: {v}')
PY
    else
      echo "--- no BMP data yet"
    fi
    ;;
  *) echo "usage: $0 start|stop|show"; exit 2 ;;
esac
