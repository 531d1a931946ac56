#!/usr/bin/env bash
# Smoke test: reach Lumen through its Service with kubectl port-forward and call every endpoint a
# probe, a user or a scraper would. Exits non-zero on the first failure.
# Usage: scripts/smoke.sh          NAMESPACE=lumen LOCAL_PORT=18080 by default
set -euo pipefail
NAMESPACE="${NAMESPACE:-lumen}"
LOCAL_PORT="${LOCAL_PORT:-18080}"
BASE="http://127.0.0.1:${LOCAL_PORT}"

# #region forward
# Forward a local port to port 80 of the Service; kubectl picks one ready pod behind it.
kubectl port-forward -n "$NAMESPACE" service/lumen "${LOCAL_PORT}:80" >/dev/null 2>&1 &
forward_pid=$!
trap 'kill "$forward_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do
  if curl --silent --output /dev/null "$BASE/healthz"; then break; fi
  sleep 1
done
# #endregion forward

# #region calls
curl --silent --show-error --fail-with-body "$BASE/healthz"; echo
curl --silent --show-error --fail-with-body "$BASE/readyz"; echo
curl --silent --show-error --fail-with-body -X POST "$BASE/v1/ask" \
  -H 'content-type: application/json' -d '{"question": "What is 6 * 7?"}'; echo
metrics="$(curl --silent --show-error --fail-with-body "$BASE/metrics")"
printf "%s\n" "$metrics" | sed -n "1,5p"
# #endregion calls
