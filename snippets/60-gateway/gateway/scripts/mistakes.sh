#!/usr/bin/env bash
# Three mistakes with Gateway API routes, each sent to the API server with --dry-run=server (real
# admission: the CRD's schema and CEL rules run, nothing is stored). Prints what kubectl says.
set -euo pipefail
ns="${NAMESPACE:-default}"

expect_rejected() {  # name, then the manifest on stdin: it must be refused
  local out
  if out="$(kubectl apply --dry-run=server -n "$ns" -f - 2>&1)"; then
    echo "$1: accepted, but it should have been rejected"; echo "$out"; exit 1
  fi
  echo "$1:"; echo "  $out"
}

# #region longer-backend
# 1. A stream's backendRequest raised to ten minutes, its request timeout left at one.
expect_rejected "backendRequest longer than request" <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: lumen-bad-timeouts }
spec:
  parentRefs: [{ name: lumen-edge }]
  rules:
    - matches: [{ path: { type: Exact, value: /v1/ask/stream } }]
      timeouts: { request: 60s, backendRequest: 10m }
      backendRefs: [{ name: lumen, port: 80 }]
YAML
# #endregion longer-backend

# 2. A duration written the way people say it.
expect_rejected "a duration of 5min" <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: lumen-bad-duration }
spec:
  parentRefs: [{ name: lumen-edge }]
  rules:
    - timeouts: { request: 5min }
      backendRefs: [{ name: lumen, port: 80 }]
YAML

# #region orphan
# 3. A parentRef that names a Gateway that does not exist: the API server cannot know, and accepts it.
kubectl apply -n "$ns" -f - <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: lumen-orphan }
spec:
  parentRefs: [{ name: lumen-edg }]
  rules:
    - backendRefs: [{ name: lumen, port: 80 }]
YAML
parents="$(kubectl get httproute lumen-orphan -n "$ns" -o jsonpath='{.status.parents}')"
echo "status.parents of lumen-orphan: ${parents:-<none>} (no gateway controller has accepted it)"
kubectl delete httproute lumen-orphan -n "$ns" --wait=false
# #endregion orphan
