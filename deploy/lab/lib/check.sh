# shellcheck shell=bash
# SmokeTrace network lab: `lab.sh check`. Sourced by lab.sh.

CHECK_FAILS=0
pass() { printf '  \033[32mPASS\033[0m %s\n' "$*"; }
fail() { printf '  \033[31mFAIL\033[0m %s\n' "$*"; CHECK_FAILS=$((CHECK_FAILS + 1)); }
info() { printf '  info %s\n' "$*"; }

# mtr report from a namespace: prints one line per hop: "<hop> <host> <loss%>"
mtr_hops() {  # node fam target [count]
  local n=$1 fam=$2 dst=$3 c=${4:-4}
  nsx "$n" mtr -"$fam" -n -r -c "$c" -i 0.2 -Z 1 -G 1 "$dst" 2>/dev/null \
    | awk '$1 ~ /^[0-9]+\.\|--$/ { sub(/\.\|--/, "", $1); print $1, $2, $3 }'
}

check_sessions() {
  echo "BGP sessions"
  local r name state info peer st _x
  for r in "${BIRD_ROUTERS[@]}"; do
    if ! birdc_r "$r" show protocols >/dev/null 2>&1; then fail "$r: BIRD not answering"; continue; fi
    while read -r name _x _x state _x info; do
      if [[ $name == collector* ]]; then
        [[ $info == Established* ]] && pass "$r $name -> collector: Established" \
          || { if [[ ${CHECK_COLLECTOR:-0} == 1 ]]; then fail "$r $name -> collector: $state $info"; else info "$r $name -> collector: $state $info (collector not required; CHECK_COLLECTOR=1 to require)"; fi; }
        continue
      fi
      [[ $info == Established* ]] && pass "$r $name: Established" || fail "$r $name: $state $info"
    done < <(birdc_r "$r" show protocols | awk '$2=="BGP"')
  done
  for r in "${FRR_ROUTERS[@]}"; do
    if ! vtysh_r "$r" -c 'show bgp neighbors json' >/dev/null 2>&1; then fail "$r: bgpd not answering"; continue; fi
    while read -r peer st; do
      if [[ $peer == "$COLLECTOR_ADDR4" || $peer == "$COLLECTOR_ADDR6" ]]; then
        [[ $st == Established ]] && pass "$r $peer (collector): Established" \
          || { if [[ ${CHECK_COLLECTOR:-0} == 1 ]]; then fail "$r $peer (collector): $st"; else info "$r $peer (collector): $st"; fi; }
        continue
      fi
      [[ $st == Established ]] && pass "$r $peer: Established" || fail "$r $peer: $st"
    done < <(vtysh_r "$r" -c 'show bgp neighbors json' | python3 -c 'import json,sys; d=json.load(sys.stdin); [print(k, v.get("bgpState")) for k,v in d.items()]')
    if [[ $r == "$BMP_ROUTER" ]]; then
      local bmp; bmp=$(vtysh_r "$r" -c 'show bmp' 2>/dev/null | awk -v t="$BMP_ADDR:$BMP_PORT" '$1==t {print $2, $3, $4; exit}')
      if [[ $bmp == Up* ]]; then pass "$r BMP -> $BMP_ADDR:$BMP_PORT: ${bmp%% *}"
      elif [[ ${CHECK_COLLECTOR:-0} == 1 ]]; then fail "$r BMP -> $BMP_ADDR:$BMP_PORT: ${bmp:-no target}"
      else info "$r BMP -> $BMP_ADDR:$BMP_PORT: ${bmp:-no target}"; fi
    fi
  done
}

check_reachability() {
  echo "Reachability (ping, IPv4 and IPv6)"
  local a t fam addr
  for a in "${AGENTS[@]}"; do
    for t in "${TARGETS[@]}"; do
      for fam in 4 6; do
        [[ $fam == 4 ]] && addr=${ADDR4[$t]} || addr=${ADDR6[$t]}
        if nsx "$a" ping -"$fam" -n -q -c 3 -i 0.2 -W 1 "$addr" >/dev/null 2>&1; then
          pass "$a -> $t ($addr)"
        else
          fail "$a -> $t ($addr) unreachable"
        fi
      done
    done
  done
}

check_hops() {
  echo "mtr hop counts (baseline paths)"
  local e a t want fam addr got last
  for e in "${EXPECTED_HOPS[@]}"; do
    read -r a t want <<<"$e"
    for fam in 4 6; do
      [[ $fam == 4 ]] && addr=${ADDR4[$t]} || addr=${ADDR6[$t]}
      local out; out=$(mtr_hops "$a" "$fam" "$addr" 3)
      got=$(wc -l <<<"$out"); last=$(tail -1 <<<"$out" | awk '{print $2}')
      if [[ $got == "$want" && $last == "$addr" ]]; then
        pass "$a -> $t IPv$fam: $got hops: $(awk '{printf "%s ", $2}' <<<"$out")"
      else
        fail "$a -> $t IPv$fam: expected $want hops ending at $addr, got $got: $(awk '{printf "%s ", $2}' <<<"$out")"
      fi
    done
  done
}

# hop-2 responder of agent1 -> tgt-c for one UDP flow (fixed source and destination port)
ecmp_hop2() {  # fam sport
  local fam=$1 sp=$2 addr
  [[ $fam == 4 ]] && addr=${ADDR4[tgt-c]} || addr=${ADDR6[tgt-c]}
  # prints "<responder> x<answers>" per responder seen at hop 2 (traceroute prints an address
  # only when it changes; every answered probe is followed by "ms")
  nsx agent1 traceroute -"$fam" -n -U -p 33434 --sport="$sp" -f 2 -m 2 -q 3 -w 1 "$addr" 2>/dev/null \
    | awk 'NR>1 { for (i=2;i<=NF;i++) { if ($(i+1)=="ms") { n[cur]++ } else if ($i ~ /[.:]/ && $i != "ms") { cur=$i } } }
           END { for (k in n) printf "%s x%d ", k, n[k] }'
}

check_ecmp() {
  echo "ECMP pair a2/a3 (hash policy 3, fields 0x0037): consistent per flow, spread across flows"
  local fam sp res seen2 seen3 inconsistent
  for fam in 4 6; do
    seen2=0; seen3=0; inconsistent=0
    for sp in $(seq 40001 40012); do
      res=$(ecmp_hop2 "$fam" "$sp")
      # one responder, answering all 3 probes of the flow
      if [[ $(wc -w <<<"$res") != 2 || $res != *x3* ]]; then inconsistent=$((inconsistent + 1)); info "IPv$fam flow sport $sp: $res"; fi
      [[ $res == 192.0.2.18* || $res == 2001:db8:a:12::2* ]] && seen2=$((seen2 + 1))
      [[ $res == 192.0.2.22* || $res == 2001:db8:a:13::2* ]] && seen3=$((seen3 + 1))
    done
    ((inconsistent == 0)) && pass "IPv$fam: each of 12 UDP flows saw one hop-2 router for all its probes" \
      || fail "IPv$fam: $inconsistent of 12 flows saw more than one hop-2 router"
    ((seen2 > 0 && seen3 > 0)) && pass "IPv$fam: flows spread over the pair: a2 $seen2, a3 $seen3" \
      || fail "IPv$fam: flows not spread over the pair (a2 $seen2, a3 $seen3)"
  done
}

check_silent() {
  echo "Silent router $SILENT_ROUTER (agent2 -> tgt-b crosses it at hop 4)"
  local fam addr out
  for fam in 4 6; do
    [[ $fam == 4 ]] && addr=${ADDR4[tgt-b]} || addr=${ADDR6[tgt-b]}
    out=$(mtr_hops agent2 "$fam" "$addr" 3)
    if [[ $(awk '$1==4 {print $2}' <<<"$out") == '???' && $(tail -1 <<<"$out" | awk '{print $2, $3}') == "$addr 0.0%" ]]; then
      pass "IPv$fam: hop 4 is ???, destination answers with 0% loss"
    else
      fail "IPv$fam: expected ??? at hop 4: $(tr '\n' ';' <<<"$out")"
    fi
  done
  out=$(nsx agent2 traceroute -n -q 1 -w 1 "${ADDR4[tgt-b]}" 2>/dev/null | awk '$1==4')
  [[ $out == *'*'* ]] && pass "traceroute shows '*' at hop 4: $out" || fail "traceroute hop 4: $out"
}

check_ratelimit() {
  echo "Rate-limited router $RATELIMIT_ROUTER (baseline $RATELIMIT_BASE burst $RATELIMIT_BURST: answers normal probing)"
  local out
  out=$(mtr_hops agent1 4 "${ADDR4[tgt-c]}" 5)
  local l; l=$(awk '$1==6 {print $2, $3}' <<<"$out")
  [[ $l == "203.0.113.18 0.0%" ]] && pass "hop 6 (c4) answers: $l" || fail "hop 6 (c4): $l"
}

lab_check() {
  CHECK_FAILS=0
  check_sessions
  check_reachability
  check_hops
  check_ecmp
  check_silent
  check_ratelimit
  if ((CHECK_FAILS == 0)); then log "check: all passed"; else die "check: $CHECK_FAILS failed"; fi
}
