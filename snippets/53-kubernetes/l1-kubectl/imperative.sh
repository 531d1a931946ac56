#!/usr/bin/env bash
# Layer 1: Lumen on Kubernetes with nothing but imperative kubectl commands.
# Run it against the kind cluster from ../kind/create-cluster.sh (the image must already be loaded).
# It uses its own namespace, lumen-l1, so it never collides with the declarative deployment later on.
set -euo pipefail
NS="${NS:-lumen-l1}"

# #region create
kubectl create namespace "$NS"
kubectl -n "$NS" create configmap lumen-config \
  --from-literal=LUMEN_PROVIDER=offline --from-literal=LUMEN_LOG_LEVEL=info
kubectl -n "$NS" create deployment lumen --image=lumen:0.1.0 --port=8000 --replicas=2
kubectl -n "$NS" set env deployment/lumen --from=configmap/lumen-config
kubectl -n "$NS" expose deployment lumen --port=80 --target-port=8000
kubectl -n "$NS" rollout status deployment/lumen --timeout=120s
# #endregion create

# #region inspect
kubectl -n "$NS" get deployment,replicaset,pods,service -o wide
kubectl -n "$NS" describe deployment lumen
kubectl -n "$NS" logs deployment/lumen --tail=5
# #endregion inspect

# #region heal
# Delete one pod and watch the ReplicaSet replace it: the desired state is 2, so the controller acts.
victim="$(kubectl -n "$NS" get pods -l app=lumen -o name | head -n 1)"
kubectl -n "$NS" delete "$victim" --wait=false
kubectl -n "$NS" get pods -l app=lumen --watch --request-timeout=20s || true
# #endregion heal

# #region scale
kubectl -n "$NS" scale deployment/lumen --replicas=3
kubectl -n "$NS" rollout status deployment/lumen --timeout=120s
# #endregion scale

# #region cleanup
kubectl delete namespace "$NS"
# #endregion cleanup
