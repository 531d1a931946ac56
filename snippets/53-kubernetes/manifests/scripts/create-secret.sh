#!/usr/bin/env bash
# Creates (or updates) the Secret lumen-secrets from OPENAI_API_KEY in your shell, the same way as
# chapter 50's config/create-secret.sh: the key never lands in a file, in git, or on a command line
# that `ps` would show to anyone on the machine.
# Usage: export OPENAI_API_KEY=...; scripts/create-secret.sh
set -euo pipefail
NAMESPACE="${NAMESPACE:-lumen}"
: "${OPENAI_API_KEY:?set OPENAI_API_KEY in your shell first}"

# #region create
# "create --dry-run | apply" makes the command repeatable: it creates or updates the Secret.
kubectl create secret generic lumen-secrets -n "$NAMESPACE" \
  --from-env-file=<(printf 'LUMEN_OPENAI_API_KEY=%s\n' "$OPENAI_API_KEY") \
  --dry-run=client -o yaml | kubectl apply -f -
# #endregion create
# Switching the provider is a change of declared state, not a `kubectl patch` that the next
# `kubectl apply -f k8s/` would silently undo: set LUMEN_PROVIDER in k8s/configmap.yaml and run
# scripts/deploy.sh, or install the chart with helm/values-openai.yaml.
