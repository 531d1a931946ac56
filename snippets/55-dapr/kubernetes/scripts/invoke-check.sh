#!/usr/bin/env bash
# Proves the service-invocation path on the cluster, from inside a lumen pod (kubectl exec: no extra pod
# to admit under Pod Security "restricted"):
#   1. POST /v1/ask "What is 6 * 7?" to Lumen on 127.0.0.1:8000. Lumen's calculator call goes to its
#      sidecar, which invokes lumen-tools through lumen-tools' sidecar (mTLS, access policy). The answer
#      must carry the tool's own result, "42"; a failed invocation gives a failed tool call instead.
#   2. The same pod connects straight to a lumen-tools pod's app port, 8001, skipping both sidecars:
#      the NetworkPolicy in k8s/lumen-tools.yaml must stop it (only daprd's port 50002 is open).
# Exits non-zero on the first check that does not hold. Needs running containers: kind, not --cluster local.
set -euo pipefail
ns="${NAMESPACE:?set NAMESPACE}"

ask='
import json, urllib.request
request = urllib.request.Request("http://127.0.0.1:8000/v1/ask", method="POST",
    data=json.dumps({"question": "What is 6 * 7?"}).encode(), headers={"content-type": "application/json"})
reply = json.load(urllib.request.urlopen(request, timeout=30))
calls = [(c["name"], c["output"], c.get("ok")) for c in reply["tool_calls"]]
print("tool calls:", calls)
raise SystemExit(0 if calls == [("calculator", "42", True)] else "expected one calculator call answered 42 by lumen-tools")
'
kubectl exec -n "$ns" deploy/lumen -c lumen -- python3 -c "$ask"

tools_ip="$(kubectl get pods -n "$ns" -l app.kubernetes.io/name=lumen-tools -o jsonpath='{.items[0].status.podIP}')"
bypass='
import socket, sys
try:
    socket.create_connection((sys.argv[1], 8001), timeout=3).close()
except OSError as error:
    print("direct connection to lumen-tools:8001 blocked by the network policy:", type(error).__name__)
else:
    raise SystemExit("lumen-tools port 8001 is reachable without the sidecars: the NetworkPolicy is not enforced")
'
kubectl exec -n "$ns" deploy/lumen -c lumen -- python3 -c "$bypass" "$tools_ip"
