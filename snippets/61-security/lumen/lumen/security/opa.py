"""The policy decision point: Lumen asks OPA, over its REST Data API, whether a tool call may run.

    policy = OpaPolicy("http://127.0.0.1:8181")
    policy.decide({"tool": "publish", "scopes": ["tools:search"], ...})
      # -> {"allow": False, "approval": True, "denials": [{"control": "scope", "reason": ...}]}
    with opa_server("opa/") as url: ...   # `opa run --server` on a free loopback port, for tests and demos

OPA runs beside Lumen (a sidecar in the pod, or a local process here); the policy is data and code that a
change review can read, not `if` statements spread through the agent. An unreachable or undefined policy
is a denial: the gate fails closed.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DENY_UNAVAILABLE = {"allow": False, "approval": False,
                    "denials": [{"control": "policy", "reason": "policy decision unavailable"}]}


# #region decide
class OpaPolicy:
    def __init__(self, url: str, path: str = "lumen/tools/decision", timeout_s: float = 2.0) -> None:
        self.endpoint = f"{url.rstrip('/')}/v1/data/{path}"
        self.timeout_s = timeout_s

    def decide(self, query: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            self.endpoint, data=json.dumps({"input": query}).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                body = json.load(response)
        except (urllib.error.URLError, OSError, ValueError):
            return DENY_UNAVAILABLE  # fail closed: no answer is a no
        return body.get("result", DENY_UNAVAILABLE)  # no "result": the rule is undefined, also a no
# #endregion decide


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def opa_server(policy_dir: str, opa: str = "opa") -> Iterator[str]:
    """Runs `opa run --server` on loopback with the policies in policy_dir; yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        [opa, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error", policy_dir],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=1):
                    break
            except (urllib.error.URLError, OSError) as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"opa did not start: {process.stderr.read().decode()}") from error
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
