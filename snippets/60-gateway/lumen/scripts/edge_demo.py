"""Lumen's edge checks for real: uvicorn on loopback, two clients, every refusal a client can meet.

    python3 scripts/edge_demo.py

Keys are generated here, at run time, and only their SHA-256 digests are written to the clients file
Lumen reads (LUMEN_API_KEYS_FILE), as a Secret would hold them on a cluster. /metrics is served on a
port of its own (LUMEN_METRICS_PORT) and the public port answers 404 for it. Every line printed is
the same on every run: the offline provider uses the same tokens for the same question, and each
Retry-After, which counts down while the asks run, is checked against the wait it must be and printed
as that wait (exit status 1 if it is not).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = {"question": "What is 6 * 7?"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url: str, body: bytes | None = None, key: str | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def countdown(headers: dict[str, str], full_s: float, since: float, event: str) -> str:
    """Retry-After is the full wait less the time passed since event, rounded up, so its number drops by
    one with every second the asks take (20 can be 19 on a busy machine). The header is checked against
    the full wait, and the full wait is what is printed."""
    value, passed = int(headers["retry-after"]), time.monotonic() - since
    if not math.ceil(full_s - passed) <= value <= full_s:
        raise SystemExit(f"edge_demo: Retry-After: {value}, but {full_s:g} s less the {passed:.1f} s since "
                         f"{event}, rounded up, is {math.ceil(full_s - passed)}")
    return f"Retry-After: {full_s:g} s less the time since {event}, rounded up"


def wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"edge_demo: uvicorn exited with status {process.returncode}")
        try:
            if request(f"{url}/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("edge_demo: Lumen did not become ready in 60 s")


def main() -> int:
    # #region keys
    keys = {"team-a": secrets.token_urlsafe(32), "free-tier": secrets.token_urlsafe(32)}  # never printed
    clients = [
        {"id": "team-a", "requests_per_minute": 3, "tokens_per_minute": 6000},
        {"id": "free-tier", "requests_per_minute": 60, "tokens_per_minute": 60, "token_burst": 100},
    ]
    for client in clients:
        client["key_sha256"] = hashlib.sha256(keys[client["id"]].encode()).hexdigest()
    # #endregion keys
    work = Path(tempfile.mkdtemp(prefix="edge-demo-"))
    (work / "clients.json").write_text(json.dumps({"clients": clients}))
    port, metrics_port = free_port(), free_port()
    env = {**os.environ, "LUMEN_API_KEYS_FILE": str(work / "clients.json"), "LUMEN_METRICS_PORT": str(metrics_port),
           "LUMEN_MAX_BODY_BYTES": "4096", "LUMEN_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "lumen.main:create_app",
                               "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, server)
        ask = f"{url}/v1/ask"
        body = json.dumps(QUESTION).encode()
        status, headers, _ = request(ask, body)
        print(f"no key:            {status} WWW-Authenticate: {headers.get('www-authenticate')}")
        status, _, _ = request(ask, body, key="dummy-key-not-a-secret")
        print(f"unknown key:       {status}")
        status, _, reply = request(ask, json.dumps({"question": "x" * 5000}).encode(), keys["team-a"])
        print(f"5,000-byte body:   {status} {json.loads(reply)['detail']}")
        # #region request-limit
        print("team-a, 3 requests a minute:")
        unit_s = 60 / clients[0]["requests_per_minute"]  # one request unit comes back every 20 s
        started = time.monotonic()  # no later than ask 1 spends the first unit
        for n in range(1, 5):
            status, headers, reply = request(ask, body, keys["team-a"])
            extra = countdown(headers, unit_s, started, "ask 1") if status == 429 else ""
            print(f"  ask {n}: {status} {extra}".rstrip())
        # #endregion request-limit
        # #region token-limit
        print("free-tier, 60 tokens a minute (burst 100), charged with what each answer used:")
        free = clients[1]
        started = time.monotonic()  # no later than ask 1's answer is charged
        for n in range(1, 4):
            status, headers, reply = request(ask, body, keys["free-tier"])
            if status == 200:
                used = json.loads(reply)["usage"]["total_tokens"]
                print(f"  ask {n}: 200 used {used} tokens")
            else:
                # out of debt once the bucket is above zero again: the debt plus one token, at the refill rate
                debt_s = (used - free["token_burst"] + 1) / (free["tokens_per_minute"] / 60)
                reason = json.loads(reply)["detail"].partition(";")[0]
                print(f"  ask {n}: {status} {countdown(headers, debt_s, started, 'ask 1')} ({reason})")
        # #endregion token-limit
        status, _, _ = request(f"{url}/metrics")
        print(f"GET /metrics on the public port:  {status}")
        scrape = urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5).read().decode()
        print("GET /metrics on the metrics port: 200")
        for line in sorted(scrape.splitlines()):
            if line.startswith("lumen_edge_rejections_total{"):
                print(f"  {line}")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
