# Sourced by the scripts that run `dondoc serve` for a test: start_server BIN DB LOG starts it on
# a free port in the background, sets SERVER_PID and BASE (http://127.0.0.1:PORT) once it
# listens, and fails with its log if it does not.
start_server() {
  local bin="$1" db="$2" log="$3"
  "$bin" --db "$db" serve --addr 127.0.0.1:0 > "$log" 2>&1 &
  SERVER_PID=$!
  BASE=""
  for _ in $(seq 1 100); do
    BASE="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)"
    [ -n "$BASE" ] && return 0
    sleep 0.1
  done
  cat "$log" >&2
  echo "dondoc serve did not start" >&2
  return 1
}
