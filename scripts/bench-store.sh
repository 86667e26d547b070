#!/usr/bin/env bash
# Storage benchmark (issue 3): import N synthetic notices into a fresh SQLite database (and into
# PostgreSQL when BENCH_PG_URL is set, e.g. postgres://postgres@127.0.0.1:5432/postgres; a
# database dondoc_bench is created there and dropped at the end), publish them, top the
# assignments up to A, and time the queries the web pages need (median and p95).
#
# Usage: scripts/bench-store.sh [N=10000] [A=1000000]   (BENCH_SQLITE=0 skips SQLite)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-10000}"
A="${2:-1000000}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
(cd "$ROOT" && cargo build --release -q -p dondoc --bin dondoc &&
    cargo build --release -q -p dondoc-store --example bench_queries)
BIN="$TARGET/release/dondoc"
QUERIES="$TARGET/release/examples/bench_queries"

WORK="$(mktemp -d)"
PG_DB=""
cleanup() {
    rm -rf "$WORK"
    if [ -n "$PG_DB" ]; then psql -q "$BENCH_PG_URL" -c "DROP DATABASE IF EXISTS $PG_DB" || true; fi
}
trap cleanup EXIT

"$BIN" demo-data --notices "$N" --out "$WORK/notices" --seed 1 > /dev/null
BYTES=$(cat "$WORK"/notices/*.txt | wc -c)
echo "input: $N synthetic notices, $BYTES bytes"

secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b-a}'; }

bench_backend() {
    local url="$1" name="$2"
    "$BIN" --db "$url" org seed > /dev/null
    local t0 t1 t2
    t0=$(date +%s.%N)
    "$BIN" --db "$url" import "$WORK/notices" > /dev/null
    t1=$(date +%s.%N)
    "$BIN" --db "$url" import --publish "$WORK/notices" > /dev/null
    t2=$(date +%s.%N)
    awk -v n="$N" -v s="$(secs "$t0" "$t1")" -v p="$(secs "$t1" "$t2")" -v b="$name" 'BEGIN{
        printf "%s import: %d notices in %.2f s = %.0f notices/s; publish: %.2f s = %.0f notices/s\n",
            b, n, s, n/s, p, n/p }'
    "$BIN" --db "$url" stats --json
    "$QUERIES" "$url" "$A" 200
}

if [ "${BENCH_SQLITE:-1}" != 0 ]; then bench_backend "sqlite://$WORK/bench.db" sqlite; fi
if [ -n "${BENCH_PG_URL:-}" ]; then
    PG_DB="dondoc_bench_$$"
    psql -q "$BENCH_PG_URL" -c "CREATE DATABASE $PG_DB"
    bench_backend "${BENCH_PG_URL%/*}/$PG_DB" postgres
fi
