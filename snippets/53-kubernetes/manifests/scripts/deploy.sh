#!/usr/bin/env bash
# Layer 4/7 result: apply Lumen's declarative manifests and wait until the rollout is complete.
# Usage (from this folder): scripts/deploy.sh      NAMESPACE=other scripts/deploy.sh
set -euo pipefail
NAMESPACE="${NAMESPACE:-lumen}"

# #region apply
if [ "$NAMESPACE" = lumen ]; then
  kubectl apply -f namespace.yaml          # the namespace, with its Pod Security labels
else
  kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
fi
kubectl apply -n "$NAMESPACE" -f k8s/
kubectl rollout status -n "$NAMESPACE" deployment/lumen --timeout=180s
kubectl get -n "$NAMESPACE" deployment,replicaset,pods,service,hpa -l app.kubernetes.io/name=lumen
# #endregion apply
