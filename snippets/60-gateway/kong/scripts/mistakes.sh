#!/usr/bin/env bash
# What the KongPlugin CRD checks, and what it does not: each manifest is sent with --dry-run=server.
set -euo pipefail
ns="${NAMESPACE:-default}"

# #region typo
# 1. A typo inside config: "minutes" for "minute". config is free-form in the CRD
#    (x-kubernetes-preserve-unknown-fields), so the API server accepts it.
kubectl apply --dry-run=server -n "$ns" -f - <<'YAML'
apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata: { name: lumen-rate-limit-typo }
plugin: rate-limiting
config: { minutes: 30, policy: local }
YAML
# #endregion typo

# #region rejected
# 2. What the schema does check: the protocols enum, and (a CEL rule) not both config and configFrom.
for manifest in \
  'plugin: rate-limiting
protocols: [http, websocket]
config: { minute: 30 }' \
  'plugin: rate-limiting
config: { minute: 30 }
configFrom: { secretKeyRef: { name: rate-limit, key: config } }'; do
  if out="$(printf 'apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: { name: lumen-bad }\n%s\n' "$manifest" |
    kubectl apply --dry-run=server -n "$ns" -f - 2>&1)"; then
    echo "accepted, but it should have been rejected: $out"; exit 1
  fi
  echo "$out"
done
# #endregion rejected
