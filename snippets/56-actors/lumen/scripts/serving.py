"""Runs Lumen (with LUMEN_ACTORS=true) for the length of a demo, behind the daprd the runner started:

    with serving_lumen(LUMEN_MODEL_DELAY_MS="300"):
        ...   # APP_PORT answers, and daprd's placement table lists both actor types

The app starts inside each demo rather than before daprd because the Dapr SDK's clients wait for the
sidecar while the app starts up; on a laptop `dapr run -- uvicorn ...` starts both at once instead.
Ready means a condition, not a pause: /healthz answers and GET /v1.0/metadata on daprd reports the actor
host ready with both types.
"""

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

TYPES = {"ConversationActor", "UserBudgetActor"}


def answers(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body = response.read()
            return json.loads(body) if body else {}
    except (OSError, ValueError):
        return None


# #region ready
def actors_ready() -> bool:
    meta = answers(f"http://127.0.0.1:{os.environ['DAPR_HTTP_PORT']}/v1.0/metadata") or {}
    runtime = meta.get("actorRuntime", {})
    types = {entry.get("type") for entry in runtime.get("activeActors", [])}
    return bool(runtime.get("hostReady")) and TYPES <= types
# #endregion ready


@contextmanager
def serving_lumen(**settings: str) -> Iterator[None]:
    env = {**os.environ, "LUMEN_ACTORS": "true", "LUMEN_LOG_LEVEL": "warning", **settings}
    app = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "lumen.main:create_app",
                            "--host", "127.0.0.1", "--port", os.environ["APP_PORT"], "--no-access-log"],
                           env=env, stdout=subprocess.DEVNULL)
    # In this script's process group on purpose: if the run is interrupted, the runner kills the step's
    # group and uvicorn goes with it (a session of its own outlived an interrupted run, orphaned).
    try:
        deadline = time.monotonic() + 60
        while not (answers(f"http://127.0.0.1:{os.environ['APP_PORT']}/healthz") and actors_ready()):
            if app.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"Lumen did not become ready (exit status {app.poll()})")
            time.sleep(0.2)
        yield
    finally:
        app.terminate()  # uvicorn without workers is one process: signalling it is enough
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
