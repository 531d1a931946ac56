#!/usr/bin/env bash
# Creates the Secret lumen-secrets from the OPENAI_API_KEY in your shell: the key never lands in a file,
# in git, in the image or on a command line that `ps` could show.
#   OPENAI_API_KEY=... bash create-secret.sh          (needs kubectl and a cluster with a lumen namespace)
set -euo pipefail
: "${OPENAI_API_KEY:?set OPENAI_API_KEY in your shell first}"

# #region secret
kubectl create secret generic lumen-secrets --namespace lumen \
  --from-env-file=<(printf 'LUMEN_OPENAI_API_KEY=%s\n' "$OPENAI_API_KEY") \
  --dry-run=client -o yaml | kubectl apply -f -
# #endregion secret
