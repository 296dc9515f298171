#!/bin/sh
# Generated from Topics.ALL by DeployManifestsTest; do not edit, regenerate: see docs/deploy.md.
# Creates SmokeTrace's topics with their policies; existing topics are left alone.
# Usage: create-topics.sh [bootstrap-servers] (default kafka:9092); REPLICATION_FACTOR (default 1).
set -eu
BOOTSTRAP="${1:-kafka:9092}"
KAFKA_TOPICS="${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"
topic() {
  name="$1" partitions="$2"; shift 2
  configs=""
  for config in "$@"; do configs="$configs --config $config"; done
  # shellcheck disable=SC2086
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "${REPLICATION_FACTOR:-1}" $configs
  echo "topic $name: $partitions partitions, $*"
}
topic smoketrace.traces.v1 12 cleanup.policy=delete retention.ms=604800000
topic smoketrace.targets.v1 3 cleanup.policy=compact delete.retention.ms=86400000 min.compaction.lag.ms=60000
topic smoketrace.agents.v1 3 cleanup.policy=compact delete.retention.ms=86400000 min.compaction.lag.ms=60000
topic smoketrace.bgp.updates.v1 6 cleanup.policy=delete retention.ms=604800000
topic smoketrace.bgp.rib.v1 6 cleanup.policy=compact delete.retention.ms=86400000 min.compaction.lag.ms=60000
topic smoketrace.bgp.peers.v1 1 cleanup.policy=compact delete.retention.ms=86400000 min.compaction.lag.ms=60000
topic smoketrace.path-events.v1 12 cleanup.policy=delete retention.ms=2592000000
topic smoketrace.alerts.v1 3 cleanup.policy=delete retention.ms=2592000000
topic smoketrace.dead-letter.v1 3 cleanup.policy=delete retention.ms=2592000000
