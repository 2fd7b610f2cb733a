#!/usr/bin/env bash
# Measures the release app under Xvfb: cold start to an interactive window, idle memory (PSS of
# the app and its WebKit processes) and keystroke → preview on screen in a 3-page draft.
# Targets: start ≤ 1000 ms, PSS ≤ 320 MB, preview ≤ 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/vanthu-app
[ -x "$BIN" ] || { echo "error: $BIN is missing: run make app-release first" >&2; exit 1; }
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "bench-app: no DISPLAY and no xvfb-run; skipped"; exit 0; }
  exec xvfb-run -a -s "-screen 0 1366x820x24" bash "$0" "$@"
fi
DATA=$(mktemp -d)
LOG=$(mktemp)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$DATA" "$LOG"' EXIT
# Warm the page cache once (the "cold" start below is a fresh process, not a cold disk).
START=$(date +%s%3N)
VANTHU_BENCH=1 VANTHU_DATA_DIR="$DATA" "$BIN" >"$LOG" 2>/dev/null &
PID=$!
for _ in $(seq 1 300); do grep -q "^BENCH done" "$LOG" && break; sleep 0.1; done
grep -q "^BENCH done" "$LOG" || { echo "error: the app did not report (log: $(cat "$LOG"))" >&2; exit 1; }
READY=$(awk '/^BENCH ready/ {print $4}' "$LOG")
sleep 3
pss_of() { awk '/^Pss:/ {s+=$2} END {print s+0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
PIDS="$PID $({ pgrep -P "$PID" || true; } | tr '\n' ' ')"
for p in $(pgrep -P "$PID" || true); do PIDS="$PIDS $({ pgrep -P "$p" || true; } | tr '\n' ' ')"; done
TOTAL=0
for p in $PIDS; do TOTAL=$((TOTAL + $(pss_of "$p"))); done
printf 'cold start to interactive window: %d ms (target ≤ 1000)\n' $((READY - START))
printf 'idle memory, PSS of %d processes: %d MB (target ≤ 320)\n' "$(echo $PIDS | wc -w)" $((TOTAL / 1024))
awk '/^BENCH preview_pages/ {printf "preview draft: %d pages\n", $3}
     /^BENCH preview_median_ms/ {printf "keystroke → preview on screen: median %.1f ms", $3}
     /^BENCH preview_p95_ms/ {printf ", p95 %.1f ms (target ≤ 50)\n", $3}' "$LOG"
