#!/usr/bin/env bash
# Layer 5: install (or upgrade) Lumen from the chart (Helm 4). The same command serves every
# environment; only the values file changes. The chart gets its own namespace, lumen-helm: the raw
# manifests of the capstone own the namespace lumen, and the two would collide there (the chart's
# selector has an extra label, and a Deployment's selector cannot change).
set -euo pipefail
NAMESPACE="${NAMESPACE:-lumen-helm}"
# #region install
helm lint ./lumen
helm template lumen ./lumen --namespace "$NAMESPACE" -f values-dev.yaml >/dev/null   # renders, or fails loudly
# The namespace first, with its Pod Security labels (helm's --create-namespace would omit them).
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml \
  | kubectl label --local -f - -o yaml \
      pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=v1.36 \
  | kubectl apply -f -
helm upgrade --install lumen ./lumen --namespace "$NAMESPACE" \
  -f values-dev.yaml --wait --timeout 3m
helm list --namespace "$NAMESPACE"
# #endregion install
