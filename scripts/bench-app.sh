#!/usr/bin/env bash
# Measures the release app under Xvfb: cold start to an interactive window, idle memory (PSS of
# the app and its WebKit processes, measured while the freshly opened window is idle),
# keystroke → preview on screen in a 3-page draft, and scrolling the register screen over a
# 1,000,000-entry register (the one `cargo bench --bench register` generates; skipped if absent).
# Targets: start ≤ 1000 ms, PSS ≤ 320 MB, preview ≤ 50 ms, register rows on screen without a stall.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/vanthu-app
[ -x "$BIN" ] || { echo "error: $BIN is missing: run make app-release first" >&2; exit 1; }
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "bench-app: no DISPLAY and no xvfb-run; skipped"; exit 0; }
  exec xvfb-run -a -s "-screen 0 1366x820x24" bash "$0" "$@"
fi
REG=${VANTHU_BENCH_REGISTER:-target/bench-register/register-1000000.sqlite}
DATA=$(mktemp -d)
LOG=$(mktemp)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$DATA" "$LOG"' EXIT
if [ -f "$REG" ]; then export VANTHU_DB="$PWD/$REG"; else export VANTHU_DB="$DATA/register.sqlite"; fi
START=$(date +%s%3N)
VANTHU_BENCH=1 VANTHU_DATA_DIR="$DATA" "$BIN" >"$LOG" 2>/dev/null &
PID=$!
for _ in $(seq 1 300); do grep -q "^BENCH ready" "$LOG" && break; sleep 0.05; done
grep -q "^BENCH ready" "$LOG" || { echo "error: the app did not report (log: $(cat "$LOG"))" >&2; exit 1; }
READY=$(awk '/^BENCH ready/ {print $4}' "$LOG")

pss_of() { awk '/^Pss:/ {s+=$2} END {print s+0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
tree_of() {
  local pids="$1" p
  for p in $(pgrep -P "$1" || true); do pids="$pids $(tree_of "$p")"; done
  echo "$pids"
}
memory() {
  local total=0 p kb parts=""
  for p in $(tree_of "$PID"); do
    kb=$(pss_of "$p")
    total=$((total + kb))
    parts="$parts $(cat "/proc/$p/comm" 2>/dev/null || echo ?) $((kb / 1024)),"
  done
  printf '%d MB (%s)' $((total / 1024)) "${parts%,}"
}
# The UI stays idle for 6 s after it reports ready; measure in the middle of that.
sleep 3
printf 'cold start to interactive window: %d ms (target ≤ 1000)\n' $((READY - START))
printf 'idle memory, PSS of all processes: %s (target ≤ 320)\n' "$(memory)"
for _ in $(seq 1 1200); do grep -q "^BENCH done" "$LOG" && break; sleep 0.1; done
grep -q "^BENCH done" "$LOG" || { echo "error: the app did not finish (log: $(cat "$LOG"))" >&2; exit 1; }
awk '/^BENCH preview_pages/ {printf "preview draft: %d pages\n", $3}
     /^BENCH preview_median_ms/ {printf "keystroke → preview on screen: median %.1f ms", $3}
     /^BENCH preview_p95_ms/ {printf ", p95 %.1f ms (target ≤ 50)\n", $3}
     /^BENCH register_rows/ {printf "register screen over %d entries:\n", $3}
     /^BENCH register_idle_frame_ms/ {printf "  frame when idle: %.1f ms\n", $3}
     /^BENCH register_fill_median_ms/ {printf "  jump anywhere → rows fetched: median %.1f ms\n", $3}
     /^BENCH register_jump_median_ms/ {printf "  jump anywhere (30 jumps) → rows on screen: median %.1f ms", $3}
     /^BENCH register_jump_max_ms/ {printf ", max %.1f ms\n", $3}
     /^BENCH register_scroll_frames/ {printf "  continuous scroll: %d frames", $3}
     /^BENCH register_scroll_blank_frames/ {printf ", %d with a row still loading", $3}
     /^BENCH register_scroll_worst_frame_ms/ {printf ", longest frame %.1f ms\n", $3}' "$LOG"
[ -f "$REG" ] || echo "register screen: $REG is missing (cargo bench --bench register generates it)"
printf 'memory after the work above: %s\n' "$(memory)"
