#!/usr/bin/env bash
# The one test command for Lumen: the workflow's test job runs it, and so does a laptop.
# Usage: scripts/ci-test.sh unit   the standard-library tests (no packages needed)
#        scripts/ci-test.sh all    every test, the unit tests included (needs requirements-ci.txt)
set -euo pipefail
suite="${1:-all}"

# #region run
case "$suite" in
  unit)
    python3 -m unittest tests.test_agent
    ;;
  all)
    python3 -m pytest -q -p no:cacheprovider tests
    ;;
  *)
    echo "ci-test.sh: unknown suite '$suite' (expected unit or all)" >&2
    exit 2
    ;;
esac
# #endregion run
