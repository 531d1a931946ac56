#!/usr/bin/env bash
# Create lumen-secrets from your environment, so the key never lands in a file or in git.
# Usage: export LUMEN_OPENAI_API_KEY=...; scripts/create-secret.sh
set -euo pipefail
NAMESPACE="${NAMESPACE:-lumen}"
: "${LUMEN_OPENAI_API_KEY:?set LUMEN_OPENAI_API_KEY in your environment first}"

# #region create
# "create --dry-run | apply" makes the command repeatable: it creates or updates the Secret.
kubectl create secret generic lumen-secrets -n "$NAMESPACE" \
  --from-literal=LUMEN_OPENAI_API_KEY="$LUMEN_OPENAI_API_KEY" \
  --dry-run=client -o yaml | kubectl apply -f -
# Switch the provider and restart the pods so they read the new environment.
kubectl patch configmap lumen-config -n "$NAMESPACE" --type merge -p '{"data":{"LUMEN_PROVIDER":"openai"}}'
kubectl rollout restart -n "$NAMESPACE" deployment/lumen
# #endregion create
