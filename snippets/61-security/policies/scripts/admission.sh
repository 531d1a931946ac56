#!/usr/bin/env bash
# Tries four Deployments against the admission policies in k8s/ and prints what the API server said.
set -u
ns="$NAMESPACE"
# #region label
kubectl label namespace "$ns" --overwrite lumen.example/policy=enforced \
  pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=v1.36 \
  pod-security.kubernetes.io/warn=restricted pod-security.kubernetes.io/warn-version=v1.36 >/dev/null
# #endregion label
# A new policy reaches the admission chain a moment after it is created: wait until it refuses.
for _ in $(seq 40); do
  kubectl apply -n "$ns" --dry-run=server -f examples/deployment-root.yaml >/dev/null 2>&1 || break
  sleep 0.25
done
for name in root tag hub good; do
  echo "\$ kubectl apply -f examples/deployment-$name.yaml"
  kubectl apply -n "$ns" -f "examples/deployment-$name.yaml" 2>&1 | sed "s/$ns/\$NAMESPACE/g"
done
kubectl rollout status -n "$ns" deployment/lumen --timeout=60s
