#!/usr/bin/env bash
# What Lumen's service account may do, asked of the API server's real RBAC authoriser.
set -u
as="system:serviceaccount:$NAMESPACE:lumen"
# #region checks
for check in "get configmaps/lumen-opa-policy" "watch configmaps/lumen-opa-policy" \
  "get configmaps/lumen-config" "list configmaps" "get secrets/lumen-secrets" "list secrets" \
  "create pods" "create pods/exec"; do
  # shellcheck disable=SC2086 # the verb and resource are two words on purpose
  printf '%-36s %s\n' "$check" "$(kubectl auth can-i $check -n "$NAMESPACE" --as "$as")"
done
# #endregion checks
