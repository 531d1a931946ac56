"""Starts and stops the task API (uvicorn, one process) as a child process, for the demo scripts: they
need to kill it with SIGKILL mid-task and start it again. The child stays in the script's process group,
so whoever stops the script (the book's runner, or Ctrl-C) stops the app too. Standard library only."""

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TaskApp:
    def __init__(self, log_name: str, **env: str) -> None:
        self.port = free_port()
        self.env = {**os.environ, **env}
        self.log = open(log_name, "ab")
        self.process: subprocess.Popen[bytes] | None = None
        self.log_name = log_name
        atexit.register(self.kill)  # a failing demo leaves no server behind

    def start(self, timeout_s: float = 60) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "lumen.tasks.api:create_app",
             "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log"],
            env=self.env, stdout=self.log, stderr=self.log)
        until(lambda: self.call("GET", "/healthz")[0] == 200, timeout_s, "the task API to answer /healthz")
        until(workflow_host_ready, timeout_s, "daprd to list the worker's workflow and activity actor types")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(open(self.log_name, errors="replace").read().splitlines()[-lines:])

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)
        self.process = None

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            text = error.read()
            try:
                return error.code, json.loads(text or b"null")
            except ValueError:
                return error.code, text.decode(errors="replace")
        except OSError:
            return 0, None  # not listening (yet, or any more)


    def wait_task(self, task: str, condition: Any, timeout_s: float = 60) -> dict[str, Any]:
        """Polls GET /v1/tasks/{task} until condition(answer) holds. Answers other than 200 (a task
        scheduled a moment ago may not be readable yet) are polled past, not treated as the answer."""
        def ready() -> Any:
            code, answer = self.call("GET", f"/v1/tasks/{task}")
            return code == 200 and condition(answer) and answer
        return until(ready, timeout_s, f"task {task}")


def workflow_host_ready() -> bool:
    """The sidecar hosts this app's workflow engine: GET /v1.0/metadata lists the workflow and activity
    actor types (dapr.internal.<namespace>.<app-id>.workflow, ...), which it adds when the worker's
    stream connects and withdraws when it breaks."""
    try:
        url = f"http://127.0.0.1:{os.environ['DAPR_HTTP_PORT']}/v1.0/metadata"
        with urllib.request.urlopen(url, timeout=2) as response:
            runtime = json.loads(response.read()).get("actorRuntime", {})
    except (OSError, ValueError):
        return False
    kinds = {entry.get("type", "").rsplit(".", 1)[-1] for entry in runtime.get("activeActors", [])}
    return bool(runtime.get("hostReady")) and {"workflow", "activity"} <= kinds


def until(condition: Any, timeout_s: float, what: str) -> Any:
    """Polls condition() every 0.2 s until it returns something truthy; fails after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise SystemExit(f"timed out after {timeout_s:.0f} s waiting for {what}")


def ledger(path: str = "tasks-data/ledger.jsonl") -> dict[str, int]:
    """How many times each activity ran, from the activities' own ledger."""
    counts: dict[str, int] = {}
    if os.path.exists(path):
        for line in open(path):
            row = json.loads(line)
            key = row["activity"] + (f"[{row['source']}]" if "source" in row else "")
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def model_cost(path: str = "tasks-data/ledger.jsonl") -> str:
    """The model calls in the ledger, priced by the book's one cost model (lumen/cost.py)."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the example root
    from lumen.cost import Prices, token_cost

    rows = [json.loads(line) for line in open(path)]
    calls = [r for r in rows if r["activity"] == "model_call"]
    prompt = sum(r["prompt_tokens"] for r in calls)
    completion = sum(r["completion_tokens"] for r in calls)
    usd = token_cost(prompt, completion, Prices())
    return f"{len(calls)} model calls, {prompt} prompt + {completion} completion tokens = ${usd:.6f}"
