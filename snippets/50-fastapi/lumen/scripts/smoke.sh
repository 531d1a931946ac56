#!/usr/bin/env bash
# Starts Lumen on a free local port, calls every endpoint once, and stops it again.
#   bash scripts/smoke.sh          (needs: pip install -r requirements.txt, and curl)
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8000}"
base="http://127.0.0.1:${port}"
export LUMEN_PROVIDER=offline LUMEN_STREAM_DELAY_MS=20

# #region serve
python3 -m uvicorn --factory lumen.main:create_app --host 127.0.0.1 --port "$port" --no-access-log &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

# Wait until the readiness probe says yes. On a busy machine importing FastAPI alone can take many
# seconds, so the wait is a minute on the clock, and it says what it waited for when that runs out.
ready_within=60
until curl -fsS "$base/readyz" >/dev/null 2>&1; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "smoke: uvicorn exited before $base/readyz answered" >&2; exit 1
  fi
  if (( SECONDS >= ready_within )); then
    echo "smoke: $base/readyz did not answer 200 within ${ready_within} s" >&2; exit 1
  fi
  sleep 0.2
done
# #endregion serve

# #region calls
curl -fsS "$base/healthz"; echo
curl -fsS "$base/readyz"; echo
curl -fsS -X POST "$base/v1/ask" -H 'Content-Type: application/json' \
  -d '{"question": "What is 6 * 7?"}'; echo
curl -fsS -N -X POST "$base/v1/ask/stream" -H 'Content-Type: application/json' \
  -d '{"question": "What is a pod?"}'           # -N: print each event as it arrives
LUMEN_URL="$base" python3 scripts/sse_client.py "What is 2 ** 10?"
curl -fsS "$base/metrics" | grep -E '^lumen_(requests|tokens)_total'
# #endregion calls
