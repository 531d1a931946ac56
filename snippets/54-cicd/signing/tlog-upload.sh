#!/usr/bin/env bash
# What happens when a cosign 2 example meets cosign 3: --tlog-upload=false is refused.
set -euo pipefail
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export COSIGN_PASSWORD="dummy-password-for-a-throwaway-key"
cosign generate-key-pair >/dev/null 2>&1
printf 'hello\n' > release.txt
# #region old-flag
cosign sign-blob --yes --key cosign.key --tlog-upload=false \
  --bundle release.bundle release.txt
# #endregion old-flag
