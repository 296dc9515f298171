# shellcheck shell=bash
# SmokeTrace network lab: scripted events. Sourced by lab.sh.
# Every scenario: scn_<name> apply|revert; idempotent both ways; state in $LAB_STATE/scenarios/.

SCENARIOS=(reroute link-down more-specific loss latency unreachable ecmp star-hop rate-limit)

declare -A SCN_DESC=(
  [reroute]="AS64503 changes its internal (static) preference: c1<->c4 goes via c3 instead of c2. agent1->tgt-c hop 5 changes 203.0.113.10 (c2) -> 203.0.113.14 (c3) and hop 6 203.0.113.18 -> 203.0.113.22 (c4 answers from the interface the probe came in on); same hop count, same AS path, no BGP update. EXPECT: path change inside AS64503, AS path unchanged, no BGP correlation, verdict NEUTRAL."
  [link-down]="The a4-c1 link (AS64501-AS64503) goes down; both BGP sessions on it drop; a4 reroutes C's prefixes via AS64502 (b1, b2). agent1->tgt-c: 7 -> 9 hops, AS path 64501 64503 -> 64501 64502 64503; the collector sees the updates (a4: new AS path for C's prefixes; c1: A's prefixes via 64502). EXPECT: AS-path change correlated with BGP updates, verdict WORSE (more hops, longer AS path)."
  [more-specific]="AS64502 (b1) originates 203.0.113.128/27 and 2001:db8:cc::/49, more-specifics of AS64503's 203.0.113.128/26 / 2001:db8:cc::/48 holding tgt-c. AS64501 follows them; B still delivers the traffic to C (interception). agent1->tgt-c: via b1, b2 (silent), c1...; origin AS of the longest match for tgt-c becomes 64502. EXPECT: hijack-like event: new more-specific from an unexpected origin AS correlated with the path change, verdict WORSE."
  [loss]="nftables on a4 drops LOSS_PCT% (default 20) of the traffic it FORWARDS to c1 (numgen random); a4's own ICMP and the BGP sessions are untouched. agent1->tgt-c: loss starts at hop 4 (c1) and persists to the destination. EXPECT: loss alert on the a4->c1 link (first hop from which loss persists), path unchanged."
  [latency]="A TUN delay line in c1 holds every packet c1 forwards from a4 for DELAY_MS (default 80 ms). c1's own replies are not delayed, so agent1->tgt-c RTT rises from hop 5 (c2) to the destination; traces from agent2 into AS64501 see it from hop 4 (a4), since their replies come back a4->c1. EXPECT: latency alert attributed to the step after c1 (first hop from which it persists to the destination), path unchanged."
  [unreachable]="AS64503 (c1) withdraws tgt-c's prefix 203.0.113.128/26 and 2001:db8:cc::/48 (BGP withdraw to every peer and the collector). agent1->tgt-c ends at a4, hop 3, with ICMP net unreachable (traceroute '!N'; mtr stops there, showing the hop as ??? or lossy over IPv4); agent2, inside AS64503, still reaches it. EXPECT: destination unreachable for agent1, correlated with the BGP withdraw of the covering prefix."
  [ecmp]="TRAP, must not alert: the multipath hash seed on a1 changes, so constant flows are re-spread over the ECMP pair: agent1's ICMP flow to tgt-c moves to the other member: hop 2 a3<->a2 (a4 at hop 3 answers from one address either way); flows with other ports land on either. Same hop count, same AS path, RTT unchanged. EXPECT: a one-hop load-balancing diamond (analyzer ecmp-diamond-hops=1), hop 2 a set {a2,a3}, no alert."
  [star-hop]="TRAP, must not alert: c2 stops answering (drops the ICMP errors it originates) while forwarding normally. agent1->tgt-c hop 5 becomes '???'/'*', everything after it still answers. EXPECT: an anonymous hop matches any address, no alert."
  [rate-limit]="TRAP, must not alert: c4 limits the ICMP it originates to RATELIMIT_HARD (default 1/s, burst 1): hop 6 of agent1->tgt-c shows heavy loss while the destination shows none. EXPECT: loss that does not carry forward is ICMP rate limiting, no alert."
)

scn_state() { echo "$LAB_STATE/scenarios/$1"; }
scn_mark() { mkdir -p "$LAB_STATE/scenarios"; if [[ $2 == apply ]]; then date -u +%FT%TZ >"$(scn_state "$1")"; else rm -f "$(scn_state "$1")"; fi; }

wait_bgp_quiet() { sleep "${1:-6}"; }

scn_reroute() {
  local op=$1 c1 c4
  c1=$(ns c1); c4=$(ns c4)
  if [[ $op == apply ]]; then
    ip -n "$c1" route replace 203.0.113.0/29 via 203.0.113.14 metric 50
    ip -n "$c1" route replace 203.0.113.128/29 via 203.0.113.14 metric 50
    ip -n "$c1" -6 route replace 2001:db8:c:1::/64 via 2001:db8:c:13::2 metric 50
    ip -n "$c1" -6 route replace 2001:db8:cc:1::/64 via 2001:db8:c:13::2 metric 50
    ip -n "$c4" route replace default via 203.0.113.21 metric 50
    ip -n "$c4" -6 route replace default via 2001:db8:c:34::1 metric 50
  else
    ip -n "$c1" route del 203.0.113.0/29 metric 50 2>/dev/null || true
    ip -n "$c1" route del 203.0.113.128/29 metric 50 2>/dev/null || true
    ip -n "$c1" -6 route del 2001:db8:c:1::/64 metric 50 2>/dev/null || true
    ip -n "$c1" -6 route del 2001:db8:cc:1::/64 metric 50 2>/dev/null || true
    ip -n "$c4" route del default metric 50 2>/dev/null || true
    ip -n "$c4" -6 route del default metric 50 2>/dev/null || true
  fi
}

scn_link_down() {
  local st; [[ $1 == apply ]] && st=down || st=up
  ip -n "$(ns a4)" link set c1 "$st"
  ip -n "$(ns c1)" link set a4 "$st"
  log "link a4<->c1 $st; waiting for BGP to converge"
  if [[ $st == up ]]; then
    for _ in $(seq 40); do lab_sessions_established quiet && break; sleep 1; done
  fi
  wait_bgp_quiet 5
}

scn_more_specific() {
  local no=""; [[ $1 == revert ]] && no="no "
  vtysh_r b1 -c 'configure terminal' -c "router bgp $ASN_B" \
    -c 'address-family ipv4 unicast' -c "${no}network 203.0.113.128/27" -c 'exit-address-family' \
    -c 'address-family ipv6 unicast' -c "${no}network 2001:db8:cc::/49" -c 'exit-address-family' >/dev/null
  wait_bgp_quiet 4
}

scn_loss() {
  if [[ $1 == apply ]]; then
    nsx a4 nft -f - <<EOF
table inet stlab_loss
delete table inet stlab_loss
table inet stlab_loss {
  chain forward {
    type filter hook forward priority 0; policy accept;
    oifname "c1" numgen random mod 100 < $LOSS_PCT counter drop
  }
}
EOF
  else
    nsx a4 nft delete table inet stlab_loss 2>/dev/null || true
  fi
}

scn_latency() {
  local d; d=$(rdir c1)
  if [[ $1 == apply ]]; then
    if ! pid_alive "$d/delayline.pid"; then
      nsx c1 /usr/bin/python3 "$LAB_DIR/delayline.py" --dev delay0 --delay-ms "$DELAY_MS" \
        --jitter-ms "$JITTER_MS" --pidfile "$d/delayline.pid" >"$d/delayline.log" 2>&1 &
      for _ in $(seq 50); do nsx c1 ip link show delay0 >/dev/null 2>&1 && break; sleep 0.1; done
    fi
    nsx c1 ip link set delay0 up
    nsx c1 sysctl -qw net.ipv4.conf.delay0.rp_filter=0
    nsx c1 ip route replace default dev delay0 table 100
    nsx c1 ip -6 route replace default dev delay0 table 100
    nsx c1 ip rule show | grep -q 'iif a4 lookup 100' || nsx c1 ip rule add iif a4 lookup 100 pref 1000
    nsx c1 ip -6 rule show | grep -q 'iif a4 lookup 100' || nsx c1 ip -6 rule add iif a4 lookup 100 pref 1000
  else
    nsx c1 ip rule del pref 1000 2>/dev/null || true
    nsx c1 ip -6 rule del pref 1000 2>/dev/null || true
    if pid_alive "$d/delayline.pid"; then kill "$(cat "$d/delayline.pid")"; fi
    rm -f "$d/delayline.pid"
  fi
}

scn_unreachable() {
  local verb; [[ $1 == apply ]] && verb=disable || verb=enable
  birdc_r c1 "$verb" service4 >/dev/null
  birdc_r c1 "$verb" service6 >/dev/null
  wait_bgp_quiet 4
}

# agent1's ICMP flow to tgt-c: which of a2/a3 does a1 pick (ip route get computes the same hash)
ecmp_member() {  # fam
  if [[ $1 == 4 ]]; then
    ip -n "$(ns a1)" route get "${ADDR4[tgt-c]}" from "${ADDR4[agent1]}" iif agent1 ipproto icmp | grep -o 'dev a[23]'
  else
    ip -n "$(ns a1)" -6 route get "${ADDR6[tgt-c]}" from "${ADDR6[agent1]}" iif agent1 ipproto ipv6-icmp | grep -o 'dev a[23]'
  fi
}

scn_ecmp() {
  nsx a1 test -e /proc/sys/net/ipv4/fib_multipath_hash_seed || die "kernel has no fib_multipath_hash_seed (needs >= 6.11)"
  if [[ $1 == revert ]]; then
    nsx a1 sysctl -qw net.ipv4.fib_multipath_hash_seed="$ECMP_SEED"
    return
  fi
  local seed=$ECMP_SEED_ALT before4 before6 s
  nsx a1 sysctl -qw net.ipv4.fib_multipath_hash_seed="$ECMP_SEED"
  before4=$(ecmp_member 4); before6=$(ecmp_member 6)
  if [[ -z $seed ]]; then
    for s in $(seq 2 200); do
      nsx a1 sysctl -qw net.ipv4.fib_multipath_hash_seed="$s"
      if [[ $(ecmp_member 4) != "$before4" && $(ecmp_member 6) != "$before6" ]]; then seed=$s; break; fi
    done
    [[ -n $seed ]] || die "no seed in 2..200 moves both flows"
  fi
  nsx a1 sysctl -qw net.ipv4.fib_multipath_hash_seed="$seed"
  log "a1 multipath hash seed $ECMP_SEED -> $seed: agent1->tgt-c ICMP flow IPv4 ${before4#dev } -> $(ecmp_member 4 | sed 's/dev //'), IPv6 ${before6#dev } -> $(ecmp_member 6 | sed 's/dev //')"
}

scn_star_hop() {
  if [[ $1 == apply ]]; then
    nsx c2 nft -f - <<'EOF'
table inet stlab_starhop
delete table inet stlab_starhop
table inet stlab_starhop {
  chain output {
    type filter hook output priority 0; policy accept;
    icmp type { time-exceeded, destination-unreachable, echo-reply } counter drop
    icmpv6 type { time-exceeded, destination-unreachable, echo-reply } counter drop
  }
}
EOF
  else
    nsx c2 nft delete table inet stlab_starhop 2>/dev/null || true
  fi
}

scn_rate_limit() {
  if [[ $1 == apply ]]; then
    nft_ratelimit "$RATELIMIT_ROUTER" "$RATELIMIT_HARD" 1
  else
    nft_ratelimit "$RATELIMIT_ROUTER" "$RATELIMIT_BASE" "$RATELIMIT_BURST"
  fi
}

lab_scenario() {
  local name=${1:-} op=apply
  [[ ${2:-} == --revert ]] && op=revert
  if [[ -z $name || $name == list ]]; then
    local s; for s in "${SCENARIOS[@]}"; do printf '%-14s %s\n\n' "$s" "${SCN_DESC[$s]}"; done
    return
  fi
  in_list "$name" "${SCENARIOS[@]}" || die "unknown scenario '$name' (one of: ${SCENARIOS[*]})"
  ns_exists a1 || die "the lab is not up (lab.sh up)"
  log "scenario $name: $op"
  "scn_${name//-/_}" "$op"
  scn_mark "$name" "$op"
  if [[ $op == apply ]]; then log "${SCN_DESC[$name]}"; else log "scenario $name reverted"; fi
}
