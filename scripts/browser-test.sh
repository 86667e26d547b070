#!/usr/bin/env bash
# The browser test of the web application (issue 4): headless Debian Chromium driven by Node's
# playwright-core. Starts `dondoc serve` on a fresh SQLite database with the demo accounts, walks
# import → review → publish → report → confirm → dashboard, and saves a screenshot of every page
# under target/browser-test/. Installs chromium and the Node package when missing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib-serve.sh
. "$ROOT/scripts/lib-serve.sh"
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
start_server "$TARGET/debug/dondoc" "$DB" "$WORK/serve.log"
PID=$SERVER_PID
python3 "$ROOT/tests/browser/make_docx.py" "$WORK/thong-bao.docx"
node "$ROOT/tests/browser/run.mjs" "$BASE" "$WORK/thong-bao.docx" "$OUT"
