"""Lumen's edge checks for real: uvicorn on loopback, two clients, every refusal a client can meet.

    python3 scripts/edge_demo.py

Keys are generated here, at run time, and only their SHA-256 digests are written to the clients file
Lumen reads (LUMEN_API_KEYS_FILE), as a Secret would hold them on a cluster. /metrics is served on a
port of its own (LUMEN_METRICS_PORT) and the public port answers 404 for it. Every line printed is
the same on every run: the offline provider uses the same tokens for the same question, and
Retry-After is whole seconds computed from that usage.
"""

from __future__ import annotations

import hashlib
import json
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
        for n in range(1, 5):
            status, headers, reply = request(ask, body, keys["team-a"])
            extra = f"Retry-After: {headers['retry-after']}" if status == 429 else ""
            print(f"  ask {n}: {status} {extra}".rstrip())
        # #endregion request-limit
        # #region token-limit
        print("free-tier, 60 tokens a minute (burst 100), charged with what each answer used:")
        for n in range(1, 4):
            status, headers, reply = request(ask, body, keys["free-tier"])
            if status == 200:
                print(f"  ask {n}: 200 used {json.loads(reply)['usage']['total_tokens']} tokens")
            else:
                print(f"  ask {n}: {status} Retry-After: {headers['retry-after']} ({json.loads(reply)['detail']})")
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
