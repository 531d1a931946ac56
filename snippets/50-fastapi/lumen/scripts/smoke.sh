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

for _ in $(seq 1 50); do                      # wait until the readiness probe says yes
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
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
