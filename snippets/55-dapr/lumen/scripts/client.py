"""Small helpers the demo scripts share: the two apps' addresses and a wait for Lumen's readiness.

    lumen = lumen_url()              # http://127.0.0.1:$APP_PORT_LUMEN (8000 on a laptop)
    wait_ready(lumen)                # until GET /readyz answers 200 (the sidecar is up, the secret read)
"""

import json
import os
import time
import urllib.error
import urllib.request


def lumen_url() -> str:
    return f"http://127.0.0.1:{os.environ.get('APP_PORT_LUMEN', '8000')}"


def tools_url() -> str:
    return f"http://127.0.0.1:{os.environ.get('APP_PORT_LUMEN_TOOLS', '8001')}"


def sidecar_url(app: str = "LUMEN") -> str:
    """The sidecar of `app` (LUMEN or LUMEN_TOOLS): the ports the chapter's `dapr run` commands give them."""
    default = {"LUMEN": "3500", "LUMEN_TOOLS": "3501"}[app]
    return f"http://127.0.0.1:{os.environ.get(f'DAPR_HTTP_PORT_{app}', default)}"


def call(method: str, url: str, body: object | None = None) -> tuple[int, object]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw.decode()


def wait_ready(base: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            status, _ = call("GET", f"{base}/readyz")
            if status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{base}/readyz did not answer 200 within {timeout_s:g} s")
        time.sleep(0.2)
