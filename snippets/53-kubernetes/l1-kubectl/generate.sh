#!/usr/bin/env bash
# Layer 1, the useful trick: let kubectl write your first YAML. --dry-run=client builds the object
# locally and prints it; nothing is sent to a cluster, so this runs on a laptop with no cluster at all.
# Usage: ./generate.sh deployment|service|configmap|secret
set -euo pipefail

# The recorded outputs come from kubectl 1.36. kubectl 1.32 and older add a `creationTimestamp: null`
# line to every object they generate; drop it so an older client prints the same YAML. (With 1.33 and
# later this filter changes nothing.)
kubectl() { command kubectl "$@" | sed '/^ *creationTimestamp: null$/d'; }

case "${1:-deployment}" in
  deployment)
    # #region deployment
    kubectl create deployment lumen --namespace=lumen \
      --image=lumen:0.1.0 --port=8000 --replicas=2 \
      --dry-run=client -o yaml
    # #endregion deployment
    ;;
  service)
    kubectl create service clusterip lumen --namespace=lumen \
      --tcp=80:8000 --dry-run=client -o yaml
    ;;
  configmap)
    kubectl create configmap lumen-config --namespace=lumen \
      --from-literal=LUMEN_PROVIDER=offline --from-literal=LUMEN_LOG_LEVEL=info \
      --dry-run=client -o yaml
    ;;
  secret)
    # #region secret
    # A Secret's data is base64: an encoding, not encryption. Anyone who can read the object can decode it.
    encoded="$(kubectl create secret generic lumen-secrets --namespace=lumen \
      --from-literal=LUMEN_OPENAI_API_KEY=not-a-real-key \
      --dry-run=client -o jsonpath='{.data.LUMEN_OPENAI_API_KEY}')"
    echo "what the object stores:   $encoded"
    echo "what base64 -d gives back: $(printf '%s' "$encoded" | base64 -d)"
    # #endregion secret
    ;;
  *)
    echo "usage: $0 deployment|service|configmap|secret" >&2
    exit 2
    ;;
esac
