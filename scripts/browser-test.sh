#!/usr/bin/env bash
# The browser test of the web application (issue 4): headless Debian Chromium driven by Node's
# playwright-core. Starts `dondoc serve` on a fresh SQLite database with the demo accounts, walks
# import → review → publish → report → confirm → dashboard, and saves a screenshot of every page
# under target/browser-test/. Installs chromium and the Node package when missing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET/browser-test"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi
(cd "$ROOT/tests/browser" && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent; })
(cd "$ROOT" && cargo build -q --locked -p dondoc --bin dondoc)

WORK="$(mktemp -d)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
rm -rf "$OUT" && mkdir -p "$OUT"
DB="sqlite://$WORK/browser.db"
"$TARGET/debug/dondoc" --db "$DB" demo > "$WORK/demo.log"
"$TARGET/debug/dondoc" --db "$DB" serve --addr 127.0.0.1:0 > "$WORK/serve.log" 2>&1 &
PID=$!
BASE=""
for _ in $(seq 1 100); do
  BASE="$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log" | head -1 || true)"
  [ -n "$BASE" ] && break
  sleep 0.1
done
[ -n "$BASE" ] || { cat "$WORK/serve.log"; echo "dondoc serve did not start" >&2; exit 1; }
python3 "$ROOT/tests/browser/make_docx.py" "$WORK/thong-bao.docx"
node "$ROOT/tests/browser/run.mjs" "$BASE" "$WORK/thong-bao.docx" "$OUT"
