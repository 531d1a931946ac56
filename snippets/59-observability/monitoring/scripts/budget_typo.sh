#!/usr/bin/env bash
# The rules' tests must be able to fail. This writes the budget as 5 % instead of 0.5 % in the fast-burn
# alert (one digit, a typo that every schema check accepts), then runs the same unit tests against it.
set -euo pipefail
mkdir -p typo
sed 's/ratio_rate1h > (14.4 \* 0.005)/ratio_rate1h > (14.4 * 0.05)/' promtool/lumen-slo.rules.yaml > typo/lumen-slo.rules.yaml
grep -c '14.4 \* 0.05)' typo/lumen-slo.rules.yaml >/dev/null   # the typo is really in the copy
cp promtool/slo_test.yaml typo/            # rule_files is relative to the test file: the typo'd copy
promtool test rules --run 'pages fast' typo/slo_test.yaml 2>&1
