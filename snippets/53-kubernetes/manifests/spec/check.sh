#!/usr/bin/env bash
# Layer 7: check the deployed objects against the spec, then check least privilege for real.
# Usage: spec/check.sh            NAMESPACE=lumen by default
set -euo pipefail
NAMESPACE="${NAMESPACE:-lumen}"

# #region check
kubectl get deployment,service,hpa,networkpolicy,poddisruptionbudget \
  -n "$NAMESPACE" -l app.kubernetes.io/part-of=lumen -o json | python3 spec/check_spec.py

# R4, asked of the API server itself: may Lumen's service account read Secrets? It must not.
if kubectl auth can-i get secrets -n "$NAMESPACE" \
     --as "system:serviceaccount:${NAMESPACE}:lumen" >/dev/null 2>&1; then
  echo "FAIL the lumen service account can read Secrets"; exit 1
fi
echo "PASS the lumen service account cannot read Secrets"
# #endregion check
