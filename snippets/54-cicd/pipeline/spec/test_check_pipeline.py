"""Tests for check_pipeline.py: each requirement fails on a workflow that breaks exactly that rule.

    python3 -m unittest spec.test_check_pipeline
"""

from __future__ import annotations

import tempfile
import textwrap
import unittest
from pathlib import Path

from spec import check_pipeline as cp

GOOD = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "ci.yml"


def workflow_from(text: str) -> cp.Workflow:
    folder = Path(tempfile.mkdtemp())
    path = folder / "ci.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return cp.Workflow(path)


def edited(old: str, new: str) -> cp.Workflow:
    """Lumen's workflow with one edit, which must apply exactly once."""
    text = GOOD.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"edit anchor not unique: {old!r}"
    return workflow_from(text.replace(old, new))


class EveryRequirementHoldsOnLumensWorkflow(unittest.TestCase):
    def test_all_pass(self) -> None:
        wf = cp.Workflow(GOOD)
        for rid, _, check in cp.CHECKS:
            self.assertIsNone(check(wf), rid)


class EachRequirementCatchesItsViolation(unittest.TestCase):
    def test_p1_tag_instead_of_sha(self) -> None:
        wf = edited("actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0", "actions/setup-python@v7")
        self.assertIn("actions/setup-python@v7 is not pinned", cp.p1_pinned(wf) or "")

    def test_p1_sha_without_release_comment(self) -> None:
        wf = edited(
            "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0",
            "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97",
        )
        self.assertIn("no '# vX.Y.Z' comment", cp.p1_pinned(wf) or "")

    def test_p3_inherited_write_scope_on_pull_requests(self) -> None:
        wf = workflow_from("""
            on: [pull_request]
            permissions:
              contents: write
            jobs:
              test:
                runs-on: ubuntu-24.04
                timeout-minutes: 5
                steps:
                  - run: echo hi
        """)
        self.assertIn("job test can write contents", cp.p3_write_scopes(wf) or "")

    def test_p4_pull_request_target(self) -> None:
        wf = edited("  pull_request:\n", "  pull_request_target:\n")
        self.assertIn("pull_request_target", cp.p4_triggers(wf) or "")

    def test_p5_long_lived_secret(self) -> None:
        wf = edited("password: ${{ secrets.GITHUB_TOKEN }}", "password: ${{ secrets.REGISTRY_PASSWORD }}")
        self.assertIn("secrets.REGISTRY_PASSWORD", cp.p5_secrets(wf) or "")

    def test_p8_provenance_not_max(self) -> None:
        wf = edited("provenance: mode=max", "provenance: true")
        self.assertIn("provenance is not mode=max", cp.p8_build(wf) or "")

    def test_p9_signing_by_tag(self) -> None:
        wf = edited('run: cosign sign --yes "${IMAGE}@${DIGEST}"', 'run: cosign sign --yes "${IMAGE}:latest"')
        # The step still has DIGEST in its env; signing by tag in the command is what P9 must catch.
        self.assertIsNotNone(cp.p9_by_digest(wf))

    def test_p10_release_without_tests(self) -> None:
        wf = edited("    if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n    needs: test\n",
                    "    if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n")
        self.assertIn("publishes without needs: test", cp.p10_needs_tests(wf) or "")

    def test_unreadable_file_is_a_clear_error(self) -> None:
        self.assertEqual(cp.main(["does-not-exist.yml"]), 2)


if __name__ == "__main__":
    unittest.main()
