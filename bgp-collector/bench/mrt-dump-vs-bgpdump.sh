#!/usr/bin/env bash
# Benchmark, side by side on the same file: `bgp-collector mrt-dump` against `bgpdump -m` (Debian
# bgpdump) on a generated TABLE_DUMP_V2 RIB. Prints routes per second for both (wall clock and CPU)
# and the ratio, and checks the two outputs are identical. Not a test: run it by hand on a quiet machine.
#   bgp-collector/bench/mrt-dump-vs-bgpdump.sh [ROUTES]        (default 1,000,000; needs python3, bgpdump)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUTES="${1:-1000000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
command -v bgpdump >/dev/null || { echo "bgpdump is not installed (apt-get install bgpdump)" >&2; exit 2; }

FILE="$WORK/rib.$ROUTES.gz"
python3 "$ROOT/bgp-collector/bench/generate-table-dump-v2.py" "$FILE" "$ROUTES"
"$ROOT/bin/bgp-collector" mrt-dump "$FILE" > /dev/null   # builds the jar on first use; warms the page cache

measure() {  # name, command...: prints "name wall_s cpu_s"
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/env time -f '%U %S' -o "$WORK/$name.time" "$@" > "$WORK/$name.out"
  end=$(date +%s.%N)
  read -r user sys < "$WORK/$name.time"
  echo "$name $(echo "$end - $start" | bc -l) $(echo "$user + $sys" | bc -l)"
}

read -r _ ours_wall ours_cpu < <(measure smoketrace "$ROOT/bin/bgp-collector" mrt-dump "$FILE")
read -r _ ref_wall ref_cpu < <(measure bgpdump bgpdump -m "$FILE")
lines=$(wc -l < "$WORK/bgpdump.out")
if cmp -s "$WORK/smoketrace.out" "$WORK/bgpdump.out"; then same="identical"; else same="DIFFERENT"; fi

printf '%-22s %12s %12s %14s %14s\n' tool wall_s cpu_s routes/s_wall routes/s_cpu
printf '%-22s %12.2f %12.2f %14.0f %14.0f\n' "bgp-collector mrt-dump" "$ours_wall" "$ours_cpu" \
  "$(echo "$lines / $ours_wall" | bc -l)" "$(echo "$lines / $ours_cpu" | bc -l)"
printf '%-22s %12.2f %12.2f %14.0f %14.0f\n' "bgpdump -m" "$ref_wall" "$ref_cpu" \
  "$(echo "$lines / $ref_wall" | bc -l)" "$(echo "$lines / $ref_cpu" | bc -l)"
printf 'routes: %d; outputs %s; speed ratio (bgpdump time / ours): wall %.2f, cpu %.2f\n' "$lines" "$same" \
  "$(echo "$ref_wall / $ours_wall" | bc -l)" "$(echo "$ref_cpu / $ours_cpu" | bc -l)"
