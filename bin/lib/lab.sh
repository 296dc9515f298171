# bin/smoketrace lab: the network lab of deploy/lab with the whole suite configured for it.
# Sourced by bin/smoketrace (uses its RUN_DIR, SERVICES, step/say/fail, start_process, ...).
#
# The lab's suite runs from its own run directory ($SMOKETRACE_HOME/lab, default run/lab), so its
# Kafka topics and database (lab routes, lab paths) never mix with those of `bin/smoketrace up`.

LAB_SH="$ROOT/deploy/lab/lab.sh"
LAB_SUITE="$ROOT/deploy/lab/suite"
LAB_RECEIVER_HTTP_PORT="${SMOKETRACE_LAB_WEBHOOK_PORT:-9099}"
LAB_RECEIVER_SMTP_PORT="${SMOKETRACE_LAB_SMTP_PORT:-2525}"
LAB_PREFIX="${LAB_PREFIX:-stl}"
LAB_OPTS=()

# Switch bin/smoketrace to the lab: its own run directory and two agents (one per vantage point).
lab_activate() {
  LAB_MODE=true
  RUN_DIR="${SMOKETRACE_HOME:-$ROOT/run}/lab"
  LOG_DIR="$RUN_DIR/logs"; PID_DIR="$RUN_DIR/pids"; DATA_DIR="$RUN_DIR/data"
  KAFKA_LIB="${SMOKETRACE_HOME:-$ROOT/run}/lib/kafka"
  CONSOLE_USERS="$RUN_DIR/console-users.properties"
  SERVICES=(
    "bgp-collector:SMOKETRACE_BGP_COLLECTOR_PORT:8082"
    "path-analyzer:SMOKETRACE_PATH_ANALYZER_PORT:8083"
    "alerting-service:SMOKETRACE_ALERTING_PORT:8084"
    "lab-agent1:SMOKETRACE_LAB_AGENT1_PORT:8081"
    "lab-agent2:SMOKETRACE_LAB_AGENT2_PORT:8085"
    "web-ui:SMOKETRACE_UI_PORT:8080"
  )
}

lab_require_root() {
  [ "$(id -u)" = 0 ] || fail "the lab needs root (network namespaces, veth pairs, nftables, BGP on port 179, probes from the namespaces): run 'sudo bin/smoketrace lab $*'"
}

lab_require_tools() {
  local missing=() tool
  for tool in ip nft bird birdc mtr python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  for tool in zebra bgpd; do [ -x "/usr/lib/frr/$tool" ] || missing+=("frr ($tool)"); done
  [ ${#missing[@]} -eq 0 ] || fail "the lab needs ${missing[*]}: on Debian 12 'apt-get install bird2 frr mtr-tiny traceroute nftables iproute2 iputils-ping python3'"
}

# The -D options each component gets in the lab (sets LAB_OPTS; returns 1 when there are none).
lab_service_options() {
  local name="$1" i=0 router as addr4 addr6
  LAB_OPTS=()
  case "$name" in
    bgp-collector)
      LAB_OPTS+=(-Dsmoketrace.bgp.collector-id=lab-collector -Dsmoketrace.bgp.speaker.host=:: -Dsmoketrace.bgp.speaker.port=179
                 -Dsmoketrace.bgp.bmp.port=11019)
      # The four border routers, each over IPv4 and IPv6 (management LAN, deploy/lab/README.md).
      for router in "a4 64501 241 1" "b1 64502 242 2" "b2 64502 243 3" "c1 64503 244 4"; do
        read -r _ as addr4 addr6 <<<"$router"
        for addr in "198.51.100.$addr4" "2001:db8:ffff::$addr6"; do
          LAB_OPTS+=("-Dsmoketrace.bgp.peers[$i].address=$addr" "-Dsmoketrace.bgp.peers[$i].remote-as=$as"
                     "-Dsmoketrace.bgp.peers[$i].local-as=65000" "-Dsmoketrace.bgp.peers[$i].router-id=198.51.100.254"
                     "-Dsmoketrace.bgp.peers[$i].hold-time=30")
          i=$((i + 1))
        done
      done ;;
    path-analyzer)
      # Documentation ranges are the lab's public Internet.
      LAB_OPTS+=(-Dsmoketrace.analyzer.rib.documentation-is-special=false -Dsmoketrace.analyzer.detection.confirmations=2
                 -Dsmoketrace.analyzer.detection.ecmp-diamond-hops=1) ;;
    alerting-service)
      LAB_OPTS+=(-Dsmoketrace.alerting.routing-file="$LAB_SUITE/routing.yaml" -Dquarkus.mailer.host=127.0.0.1
                 -Dquarkus.mailer.port="$LAB_RECEIVER_SMTP_PORT" -Dquarkus.mailer.start-tls=DISABLED) ;;
    lab-agent1|lab-agent2)
      local agent="${name#lab-}"
      LAB_OPTS+=(-Xmx256m -Dsmoketrace.agent.id="$agent" -Dsmoketrace.agent.site="lab $agent ($LAB_PREFIX-$agent)"
                 -Dsmoketrace.agent.command-prefix="ip netns exec $LAB_PREFIX-$agent"
                 -Dsmoketrace.agent.heartbeat-interval=15s
                 -Dsmoketrace.agent.max-concurrent-runs=8) ;;
    *) return 1 ;;
  esac
  return 0
}

# The lab's targets (deploy/lab/suite/targets.json) on smoketrace.targets.v1, as the console would
# publish them: the agents pick them up from the topic, the analyzer and the console know them.
lab_publish_targets() {
  step "targets (deploy/lab/suite/targets.json -> smoketrace.targets.v1)"
  infra_java "$LAB_SUITE/PublishTargets.java" "$SMOKETRACE_KAFKA_BOOTSTRAP" "$LAB_SUITE/targets.json" 2>>"$LOG_DIR/topics.log" \
    || fail "could not publish the lab's targets to $SMOKETRACE_KAFKA_BOOTSTRAP (see $LOG_DIR/topics.log)"
}

# The lab's alert rules (deploy/lab/suite/rules.json), created once; routing comes from routing.yaml.
lab_configure_alerting() {
  local port body id code
  port="$(service_port "${SERVICES[2]}")"
  step "alert rules (deploy/lab/suite/rules.json)"
  while IFS= read -r body; do
    id="$(sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' <<<"$body")"
    code="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data "$body" \
      "http://localhost:$port/api/rules" 2>/dev/null)"
    case "$code" in
      200|201) say "  created rule $id" ;;
      409) say "  rule $id exists" ;;
      *) fail "could not create the alert rule $id (HTTP $code from http://localhost:$port/api/rules)" ;;
    esac
  done < <(python3 -c 'import json,sys; [print(json.dumps(r)) for r in json.load(open(sys.argv[1]))]' "$LAB_SUITE/rules.json")
}

lab_start_receiver() {
  if is_running lab-receiver; then say "  lab receiver already running"; return 0; fi
  require_free_port "lab webhook receiver" "$LAB_RECEIVER_HTTP_PORT" SMOKETRACE_LAB_WEBHOOK_PORT
  require_free_port "lab SMTP sink" "$LAB_RECEIVER_SMTP_PORT" SMOKETRACE_LAB_SMTP_PORT
  start_process lab-receiver python3 -u "$LAB_SUITE/receiver.py" --http-port "$LAB_RECEIVER_HTTP_PORT" --smtp-port "$LAB_RECEIVER_SMTP_PORT"
  wait_for_port lab-receiver "$LAB_RECEIVER_HTTP_PORT"
  say "  webhook http://127.0.0.1:$LAB_RECEIVER_HTTP_PORT/alerts and SMTP 127.0.0.1:$LAB_RECEIVER_SMTP_PORT (both logged to $LOG_DIR/lab-receiver.log)"
}

cmd_lab() {
  local sub="${1:-}"
  [ -n "$sub" ] || fail "usage: bin/smoketrace lab up | scenario NAME [--revert] | scenario list | status | down"
  shift
  lab_activate
  case "$sub" in
    up)
      lab_require_root up; lab_require_tools
      step "building the network lab (deploy/lab/lab.sh up)"
      "$LAB_SH" up 2>&1 | sed 's/^/  /'
      [ "${PIPESTATUS[0]}" = 0 ] || fail "deploy/lab/lab.sh up failed (see above); 'bin/smoketrace lab down' removes a partial lab"
      mkdir -p "$LOG_DIR" "$PID_DIR" "$DATA_DIR"
      step "starting the lab's alert receivers"; lab_start_receiver
      cmd_up --detach
      step "the lab is running"
      say "  vantage points  agent1 ($LAB_PREFIX-agent1, AS64501) and agent2 ($LAB_PREFIX-agent2, AS64503), tracing tgt-a/b/c over IPv4 and IPv6 every 15 s"
      say "  BGP             collector AS65000 peers with a4, b1, b2, c1 (IPv4 + IPv6), BMP from b1; sessions come up within ~10 s"
      say "  alerts          webhook + email to the lab receiver: bin/smoketrace lab logs lab-receiver"
      say "  incidents       sudo bin/smoketrace lab scenario list | scenario NAME | scenario NAME --revert"
      say "  stop            sudo bin/smoketrace lab down" ;;
    scenario)
      [ "${1:-}" = list ] || lab_require_root scenario
      exec "$LAB_SH" scenario "$@" ;;
    status)
      cmd_status
      if is_running lab-receiver; then say "lab-receiver      running  webhook :$LAB_RECEIVER_HTTP_PORT, SMTP :$LAB_RECEIVER_SMTP_PORT"; fi
      if [ "$(id -u)" = 0 ]; then "$LAB_SH" status; else say "(network lab status needs root: sudo bin/smoketrace lab status)"; fi ;;
    down)
      lab_require_root down
      cmd_down
      stop_process lab-receiver
      step "removing the network lab (deploy/lab/lab.sh down)"
      "$LAB_SH" down 2>&1 | sed 's/^/  /'
      # The lab's paths, routes and alerts belong to a network that no longer exists: the next
      # 'lab up' starts clean, so every scenario is new to the analyzer again. Logs are kept.
      rm -rf "$DATA_DIR" "$RUN_DIR/console-users.properties" "$RUN_DIR/console-admin-password.txt"
      say "  removed the lab's data ($DATA_DIR); logs kept in $LOG_DIR" ;;
    logs) cmd_logs "$@" ;;
    *) fail "unknown lab command '$sub' (bin/smoketrace lab up | scenario NAME [--revert] | status | logs [COMPONENT] | down)" ;;
  esac
}
