#!/usr/bin/env bash
# Sign and verify a file with cosign and a key pair made for this run only, offline: no
# transparency log, no certificate authority, no OIDC. It shows what a signature proves, and what
# breaks it. The key lives in a temporary folder that is deleted at the end; no key is committed.
set -euo pipefail
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# #region sign
export COSIGN_PASSWORD="dummy-password-for-a-throwaway-key"
cosign generate-key-pair >/dev/null 2>&1
# A signing config that names no services: sign with the local key only.
cosign signing-config create --out offline.json
printf 'image: ghcr.io/lumen-org/lumen@sha256:444e5414\n' > release.txt
cosign sign-blob --yes --key cosign.key --signing-config offline.json \
  --bundle release.bundle release.txt >/dev/null 2>&1
cosign verify-blob --key cosign.pub --insecure-ignore-tlog=true \
  --bundle release.bundle release.txt
# #endregion sign

# #region tamper
printf 'image: ghcr.io/attacker/lumen@sha256:0badc0de\n' > release.txt
if cosign verify-blob --key cosign.pub --insecure-ignore-tlog=true \
     --bundle release.bundle release.txt; then
  echo "UNEXPECTED: a changed file still verified"; exit 1
fi
echo "changed file rejected"
# #endregion tamper
