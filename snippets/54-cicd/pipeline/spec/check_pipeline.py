"""Check a GitHub Actions workflow against spec/pipeline-spec.md (requirements P1-P11).

Reads the workflow file itself, prints one PASS/FAIL line per requirement id, each failure with the
file and line to look at, and exits 1 if any requirement fails (2 if the file cannot be read).

    python3 spec/check_pipeline.py .github/workflows/ci.yml

Needs PyYAML (preinstalled on GitHub's runners; `python3 -m pip install pyyaml` elsewhere).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Obj = dict[str, Any]
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")
SECRET_REF = re.compile(r"secrets\.([A-Za-z_][A-Za-z0-9_]*)")
WRITE_SCOPES = ("packages", "id-token", "contents", "attestations")


class Workflow:
    """The parsed workflow plus its raw lines, so that findings can name a line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        self.lines = self.text.splitlines()
        data = yaml.safe_load(self.text)
        if not isinstance(data, dict) or "jobs" not in data:
            raise ValueError("not a workflow: no top-level jobs")
        self.data: Obj = data
        # YAML 1.1 reads a bare `on:` key as the boolean true.
        self.triggers: Obj | list[str] | str = data.get("on", data.get(True, {}))
        self.jobs: dict[str, Obj] = data["jobs"]

    def line(self, needle: str) -> str:
        """`file:line` of the first line containing needle (the file alone when absent)."""
        for number, text in enumerate(self.lines, start=1):
            if needle in text:
                return f"{self.path}:{number}"
        return str(self.path)

    def steps(self) -> list[tuple[str, Obj]]:
        return [(job_id, step) for job_id, job in self.jobs.items() for step in job.get("steps", [])]


def runs_only_on_main_push(job: Obj) -> bool:
    condition = str(job.get("if", ""))
    return "github.event_name == 'push'" in condition and "refs/heads/main" in condition


def grants_write(permissions: Any) -> list[str]:
    if permissions == "write-all":
        return ["every scope (write-all)"]
    if isinstance(permissions, dict):
        return [scope for scope in WRITE_SCOPES if permissions.get(scope) == "write"]
    return []


# #region checks
def p1_pinned(wf: Workflow) -> str | None:
    for number, text in enumerate(wf.lines, start=1):
        match = re.search(r"uses:\s*([^\s#]+)", text)
        if not match or match.group(1).startswith("./"):
            continue
        ref = match.group(1)
        if not PINNED.match(ref):
            return f"{wf.path}:{number}: {ref} is not pinned to a commit SHA"
        if not VERSION_COMMENT.search(text):
            return f"{wf.path}:{number}: {ref} has no '# vX.Y.Z' comment naming its release"
    return None


def p2_default_permissions(wf: Workflow) -> str | None:
    if "permissions" not in wf.data:
        return f"{wf.path}: no top-level permissions (the repository default may be read-write)"
    if "write-all" in wf.text:
        return f"{wf.line('write-all')}: write-all grants every scope"
    granted = grants_write(wf.data["permissions"])
    if granted:
        return f"{wf.line('permissions:')}: the default token can write {', '.join(granted)}"
    return None


def p3_write_scopes(wf: Workflow) -> str | None:
    for job_id, job in wf.jobs.items():
        # A job without its own permissions inherits the workflow's.
        granted = grants_write(job.get("permissions", wf.data.get("permissions")))
        if granted and not runs_only_on_main_push(job):
            return f"{wf.line(f'  {job_id}:')}: job {job_id} can write {', '.join(granted)} and also runs on pull requests"
    return None


def p4_triggers(wf: Workflow) -> str | None:
    names = list(wf.triggers) if isinstance(wf.triggers, (dict, list)) else [wf.triggers]
    for unsafe in ("pull_request_target", "workflow_run"):
        if unsafe in names:
            return f"{wf.line(unsafe)}: {unsafe} runs untrusted code with this repository's secrets"
    return None


def p5_secrets(wf: Workflow) -> str | None:
    for name in SECRET_REF.findall(wf.text):
        if name != "GITHUB_TOKEN":
            return f"{wf.line('secrets.' + name)}: secrets.{name} is a long-lived credential; use OIDC or the job token"
    return None


def p6_concurrency(wf: Workflow) -> str | None:
    return None if wf.data.get("concurrency") else f"{wf.path}: no concurrency group"


def p7_timeouts(wf: Workflow) -> str | None:
    missing = [job_id for job_id, job in wf.jobs.items() if "timeout-minutes" not in job]
    return f"{wf.path}: no timeout-minutes in job(s) {', '.join(missing)}" if missing else None


def release_build(wf: Workflow) -> Obj | None:
    for _, step in wf.steps():
        if str(step.get("uses", "")).startswith("docker/build-push-action@"):
            if str(step.get("with", {}).get("push", "")).lower() == "true":
                return step
    return None


def p8_build(wf: Workflow) -> str | None:
    step = release_build(wf)
    if step is None:
        return f"{wf.path}: no docker/build-push-action step with push: true"
    inputs = step.get("with", {})
    where = wf.line("docker/build-push-action@")
    platforms = str(inputs.get("platforms", ""))
    for platform in ("linux/amd64", "linux/arm64"):
        if platform not in platforms:
            return f"{where}: platforms '{platforms}' lack {platform}"
    if "type=gha" not in str(inputs.get("cache-to", "")):
        return f"{where}: the BuildKit cache is not exported (cache-to: type=gha)"
    if str(inputs.get("sbom", "")).lower() != "true":
        return f"{where}: no SBOM attestation (sbom: true)"
    if "mode=max" not in str(inputs.get("provenance", "")):
        return f"{where}: provenance is not mode=max"
    return None


def p9_by_digest(wf: Workflow) -> str | None:
    digest = "steps.build.outputs.digest"
    scanned = signed = False
    for _, step in wf.steps():
        uses, run = str(step.get("uses", "")), str(step.get("run", ""))
        values = " ".join(str(v) for v in {**step.get("with", {}), **step.get("env", {})}.values())
        if ("trivy-action" in uses or "scan-action" in uses) and digest in values:
            scanned = True
        # The command itself must name the digest: inline, or through an env variable that holds it.
        holders = [name for name, value in step.get("env", {}).items() if digest in str(value)]
        by_env = any(f"@${{{name}}}" in run or f"@${name}" in run for name in holders)
        if "cosign sign" in run and (digest in run or by_env):
            signed = True
    if not scanned:
        return f"{wf.path}: no scan step receives the image by {digest}"
    if not signed:
        return f"{wf.path}: no 'cosign sign' step receives the image by {digest}"
    return None


def p10_needs_tests(wf: Workflow) -> str | None:
    for job_id, job in wf.jobs.items():
        if any(str(s.get("with", {}).get("push", "")).lower() == "true" for s in job.get("steps", [])):
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            if "test" not in needs:
                return f"{wf.line(f'  {job_id}:')}: job {job_id} publishes without needs: test"
    return None


def p11_checkout(wf: Workflow) -> str | None:
    for job_id, step in wf.steps():
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            if step.get("with", {}).get("persist-credentials") is not False:
                return f"{wf.path}: a checkout in job {job_id} keeps the token in .git/config"
    return None
# #endregion checks


CHECKS: list[tuple[str, str, Callable[[Workflow], str | None]]] = [
    ("P1", "actions pinned by commit SHA", p1_pinned),
    ("P2", "read-only default permissions", p2_default_permissions),
    ("P3", "write scopes only on main", p3_write_scopes),
    ("P4", "no privileged triggers", p4_triggers),
    ("P5", "no long-lived secrets", p5_secrets),
    ("P6", "concurrency", p6_concurrency),
    ("P7", "job timeouts", p7_timeouts),
    ("P8", "multi-platform build, cache, SBOM, provenance", p8_build),
    ("P9", "scanned and signed by digest", p9_by_digest),
    ("P10", "release needs tests", p10_needs_tests),
    ("P11", "no persisted credentials", p11_checkout),
]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_pipeline.py WORKFLOW.yml", file=sys.stderr)
        return 2
    try:
        wf = Workflow(Path(argv[0]))
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"{argv[0]}: cannot check this file: {error}", file=sys.stderr)
        return 2
    failures = 0
    for rid, title, check in CHECKS:
        problem = check(wf)
        failures += problem is not None
        print(f"{'FAIL' if problem else 'PASS'} {rid} {title}" + (f"\n     {problem}" if problem else ""))
    print(f"{len(CHECKS) - failures}/{len(CHECKS)} requirements met")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
