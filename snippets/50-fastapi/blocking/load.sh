#!/usr/bin/env bash
# Sends 4 requests at once to each endpoint of app.py, plus a health check, and prints the timings.
#   bash load.sh          (needs: pip install -r requirements.txt, and curl)
set -euo pipefail
cd "$(dirname "$0")"

port="${PORT:-8001}"
base="http://127.0.0.1:${port}"
python3 -m uvicorn app:app --port "$port" --log-level warning &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
ready_within=60  # seconds: on a busy machine importing FastAPI alone can take many
until curl -fsS "$base/healthz" >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { echo "load: uvicorn exited before $base/healthz answered" >&2; exit 1; }
  (( SECONDS < ready_within )) || { echo "load: $base/healthz did not answer within ${ready_within} s" >&2; exit 1; }
  sleep 0.2
done

# #region load
for endpoint in blocking async-client threadpool sync-endpoint; do
  start=$EPOCHREALTIME
  clients=()
  for _ in 1 2 3 4; do curl -fsS -o /dev/null "$base/$endpoint" & clients+=("$!"); done
  sleep 0.1
  health=$(curl -fsS -o /dev/null -w '%{time_total}' "$base/healthz")
  wait "${clients[@]}"
  awk -v name="$endpoint" -v start="$start" -v end="$EPOCHREALTIME" -v health="$health" \
    'BEGIN { printf "%-14s all 4 answered after %.1f s, /healthz took %.1f s\n", name, end - start, health }'
done
# #endregion load
