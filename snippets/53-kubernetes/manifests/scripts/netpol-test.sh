#!/usr/bin/env bash
# Evidence for R8: the NetworkPolicy denies what it should, tested from inside the cluster (unlike
# port-forward, which enters the pod's network namespace and bypasses both Service and policy).
#   1. a pod in Lumen's namespace reaches the Service on port 80 (-> 8000): allowed;
#   2. the same request from another namespace: denied (times out);
#   3. a Lumen pod opens a TCP connection to the API server's ClusterIP on 443: denied (egress to
#      10.0.0.0/8 is excluded; only DNS and HTTPS outside the cluster are allowed).
# Needs a cluster whose network plugin enforces NetworkPolicy (kind's kindnet does since v0.24).
set -euo pipefail
NAMESPACE="${NAMESPACE:-lumen}"
OTHER="${OTHER:-lumen-netpol-test}"
trap 'kubectl delete namespace "$OTHER" --ignore-not-found --wait=false >/dev/null' EXIT

# #region probe
# A throwaway client pod that passes the restricted Pod Security profile.
client() {  # client <namespace> <name>: prints the HTTP status of GET /healthz, or "blocked"
  kubectl run "$2" -n "$1" --rm -i --restart=Never --quiet --image=python:3.14.6-slim-trixie \
    --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":10001,"seccompProfile":{"type":"RuntimeDefault"}},
      "containers":[{"name":"'"$2"'","image":"python:3.14.6-slim-trixie","stdin":true,
      "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}},
      "command":["python","-c","import urllib.request as u\ntry: print(u.urlopen(\"http://lumen.'"$NAMESPACE"'.svc/healthz\", timeout=5).status)\nexcept Exception: print(\"blocked\")"]}]}}'
}
# #endregion probe

kubectl create namespace "$OTHER" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
same="$(client "$NAMESPACE" netpol-same)"
other="$(client "$OTHER" netpol-other)"
egress="$(kubectl exec -n "$NAMESPACE" deployment/lumen -- python -c '
import socket
try:
    socket.create_connection(("kubernetes.default.svc", 443), timeout=5); print("open")
except OSError:
    print("blocked")')"
echo "from $NAMESPACE to lumen:80  -> $same   (want 200)"
echo "from $OTHER to lumen:80 -> $other   (want blocked)"
echo "from lumen to the API server:443 -> $egress   (want blocked)"
[[ "$same" == 200 && "$other" == blocked && "$egress" == blocked ]]
