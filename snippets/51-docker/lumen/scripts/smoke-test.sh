#!/usr/bin/env bash
# Builds lumen:0.1.0, runs it the way production will (read-only, no
# capabilities, a memory limit and no CPU limit), waits for its HEALTHCHECK,
# calls the API once, checks that every log line is JSON, and removes the
# container again.
#   bash scripts/smoke-test.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

docker build --tag lumen:0.1.0 .

#region run
container="$(docker run --detach --rm \
  --publish 127.0.0.1::8000 \
  --env LUMEN_PROVIDER=offline \
  --read-only --tmpfs /tmp \
  --cap-drop ALL --security-opt no-new-privileges \
  --memory 512m \
  lumen:0.1.0)"
trap 'docker stop "$container" >/dev/null' EXIT
#endregion run

#region wait
# Docker runs the image's HEALTHCHECK; wait until it reports "healthy".
for _ in $(seq 1 30); do
  status="$(docker inspect --format '{{.State.Health.Status}}' "$container")"
  [[ "$status" == healthy ]] && break
  sleep 1
done
echo "health: $status"
[[ "$status" == healthy ]] || { docker logs "$container"; exit 1; }
#endregion wait

#region call
port="$(docker port "$container" 8000/tcp | head -n 1 | sed 's/.*://')"
curl --fail --silent --show-error "http://127.0.0.1:$port/readyz"; echo
curl --fail --silent --show-error "http://127.0.0.1:$port/v1/ask" \
  --header 'content-type: application/json' \
  --data '{"question": "What is 6 * 7?"}'; echo
echo "runs as uid: $(docker exec "$container" id -u)"
#endregion call

#region logs
# O2: every line the container wrote, uvicorn's own included, is one JSON object.
docker logs "$container" 2>&1 | python3 -c '
import json, sys
lines = [line for line in sys.stdin if line.strip()]
for number, line in enumerate(lines, 1):
    try:
        json.loads(line)
    except ValueError:
        sys.exit(f"log line {number} is not JSON: {line.strip()}")
print(f"logs: all {len(lines)} lines are JSON objects")'
#endregion logs
