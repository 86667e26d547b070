#!/usr/bin/env bash
# Throughput benchmark of `dondoc extract` on 500 notices, then the comparison with Python's
# dateparser (scripts/compare_dateparser.py).
#
# The shared corpus has only 24 texts, so the 500 notices are made by cycling through them and
# copying each under a distinct name (notice_000.txt … notice_499.txt); the content repeats, the
# files are distinct. They live in a temp dir removed at exit. Nothing from the corpus is committed.
#
# Usage: scripts/bench.sh [CORPUS_DIR]   (default ../shared/corpus/text relative to the repo)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${1:-$ROOT/../shared/corpus/text}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET/release/dondoc"
N=500

# One release build of the binary only (not --all-targets).
(cd "$ROOT" && cargo build --release -p dondoc --bin dondoc)

shopt -s nullglob
SRC=("$CORPUS"/*.txt)
if [ ${#SRC[@]} -eq 0 ]; then
    echo "no corpus texts in $CORPUS" >&2
    exit 2
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for ((i = 0; i < N; i++)); do
    cp "${SRC[$((i % ${#SRC[@]}))]}" "$WORK/$(printf 'notice_%03d.txt' "$i")"
done
FILES=("$WORK"/notice_*.txt)
BYTES=$(cat "${FILES[@]}" | wc -c)

echo "input: ${#FILES[@]} notices, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN{printf "%.2f", b/1e6}') MB)"

# Exit 2 (some file refused) is reported, not fatal: today's stub readers refuse everything.
set +e
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$WORK/time.txt" "$BIN" extract "${FILES[@]}" > /dev/null 2> "$WORK/stderr.txt"
    RC=$?
    SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
    PEAK=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    echo "peak memory: $((PEAK / 1024)) MB"
else
    START=$(date +%s.%N)
    "$BIN" extract "${FILES[@]}" > /dev/null 2> "$WORK/stderr.txt"
    RC=$?
    END=$(date +%s.%N)
    SECS=$(awk -v a="$START" -v b="$END" 'BEGIN{print b-a}')
fi
set -e
if [ "$RC" -ne 0 ]; then
    echo "note: dondoc exited $RC; $(wc -l < "$WORK/stderr.txt") error line(s), first: $(head -1 "$WORK/stderr.txt")"
fi
awk -v b="$BYTES" -v s="$SECS" 'BEGIN{
    if (s <= 0) s = 0.001;
    printf "time: %.3f s\nthroughput: %.2f MB/s (one process, one thread: %.2f MB/s per core)\n", s, b/1e6/s, b/1e6/s }'

python3 "$ROOT/scripts/compare_dateparser.py" --bin "$BIN" --corpus "$CORPUS" --n "$N"
