#!/usr/bin/env bash
# Load test of the web application (issue 4): 1,000,000 assignments in SQLite, `dondoc serve`
# on it, 32 virtual users for 60 s over the dashboard, the task list and search; prints
# p50/p95/p99, requests per second, errors and the server's peak memory (VmHWM).
#
# Usage: scripts/load-test.sh [DB_FILE] [USERS=32] [SECONDS=60]
#   DB_FILE: an SQLite file prepared before (kept); default a new one in a temp dir, built from
#   10,000 synthetic notices (`dondoc demo-data`) topped up to 1,000,000 assignments.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib-serve.sh
. "$ROOT/scripts/lib-serve.sh"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
USERS="${2:-32}"
SECS="${3:-60}"
(cd "$ROOT" && cargo build --release -q -p dondoc --bin dondoc &&
  cargo build --release -q -p dondoc-store --example bench_queries &&
  cargo build --release -q -p dondoc-web --example load)
BIN="$TARGET/release/dondoc"
WORK="$(mktemp -d)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
DB="${1:-}"
if [ -z "$DB" ]; then
  DB="$WORK/load.db"
  "$BIN" demo-data --notices 10000 --out "$WORK/notices" --seed 1 > /dev/null
  "$BIN" --db "sqlite://$DB" demo > /dev/null
  "$BIN" --db "sqlite://$DB" import --publish "$WORK/notices" > /dev/null
  "$TARGET/release/examples/bench_queries" "sqlite://$DB" 1000000 1 > /dev/null
fi
"$BIN" --db "sqlite://$DB" demo > /dev/null
"$BIN" --db "sqlite://$DB" stats --json
start_server "$BIN" "sqlite://$DB" "$WORK/serve.log"
PID=$SERVER_PID
"$TARGET/release/examples/load" "$BASE" "$USERS" "$SECS"
echo "server peak memory: $(grep VmHWM /proc/$PID/status | awk '{print $2, $3}')"
