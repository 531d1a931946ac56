"""A loopback load test: Lumen under uvicorn, `hey` as the load, /metrics as the evidence.

    python3 scripts/load.py                    # 4 questions x 400 requests, 16 at a time
    python3 scripts/load.py --requests 100 --concurrency 4 --scrape metrics.txt

Only 127.0.0.1 is ever a target. The run is bounded (a fixed number of requests, a time limit per
hey), the server is stopped on every path, and the scrape is saved for `python3 -m lumen.cost
--from-metrics`. Timings vary with the machine, so they are printed on lines of their own; counts
(requests, tokens, tool calls) are the same on every run, because the offline provider is.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["What is 6 * 7?", "What is a sidecar?", "What is a readiness probe?", "What is (1200 * 0.8) / 3?"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"load: uvicorn exited with status {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"load: {url}/readyz did not answer 200 within {seconds:g} s")


# #region hey
def run_hey(url: str, question: str, requests: int, concurrency: int) -> dict[str, float]:
    """One hey run against POST /v1/ask; returns its status-code counts and requests per second."""
    body = json.dumps({"question": question})
    result = subprocess.run(
        ["hey", "-n", str(requests), "-c", str(concurrency), "-t", "30", "-m", "POST",
         "-T", "application/json", "-d", body, f"{url}/v1/ask"],
        capture_output=True, text=True, timeout=120, check=True)
    codes = {f"[{code}]": float(count) for code, count in re.findall(r"\[(\d{3})\]\s+(\d+) responses", result.stdout)}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    return {**codes, "rps": float(rps.group(1)) if rps else 0.0}
# #endregion hey


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def quantile(buckets: list[tuple[float, float]], q: float) -> float:
    """The upper bound of the bucket that holds quantile q: what histogram_quantile rounds up to."""
    total = buckets[-1][1]
    return next(bound for bound, count in buckets if count >= q * total)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per question")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--scrape", default="metrics.txt", help="where to save the final /metrics scrape")
    args = parser.parse_args()
    if shutil.which("hey") is None:
        print("load: hey is not on PATH: run `npm run runtimes -- install tools`", file=sys.stderr)
        return 1
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "LUMEN_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "lumen.main:create_app",
                               "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_ready(url, server)
        runs = [run_hey(url, question, args.requests, args.concurrency) for question in QUESTIONS]
        with urllib.request.urlopen(f"{url}/metrics", timeout=5) as response:
            scrape = response.read().decode()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    Path(args.scrape).write_text(scrape)
    values = samples(scrape)
    total = args.requests * len(QUESTIONS)
    ok = sum(run.get("[200]", 0) for run in runs)
    served = values.get(("lumen_requests_total", (("route", "/v1/ask"), ("status", "200"))), 0)
    tokens = {kind: values.get(("lumen_tokens_total", (("kind", kind), ("source", "estimate"))), 0)
              for kind in ("prompt", "completion")}
    tools = sum(v for (name, _), v in values.items() if name == "lumen_tool_calls_total")
    buckets = sorted((float(dict(labels)["le"]), v) for (name, labels), v in values.items()
                     if name == "lumen_request_duration_seconds_bucket" and dict(labels).get("route") == "/v1/ask")
    print(f"load: {len(QUESTIONS)} questions x {args.requests} requests, {args.concurrency} concurrent, loopback only")
    print(f"hey: {ok:.0f} of {total} answered 200")
    print(f"lumen_requests_total{{route=\"/v1/ask\",status=\"200\"}} = {served:.0f}")
    print(f"per execution: {tokens['prompt'] / served:.2f} prompt + {tokens['completion'] / served:.2f} completion tokens,"
          f" {tools / served:.2f} tool calls")
    print(f"saved the scrape to {args.scrape} ({len(values)} samples)")
    print("timings on this machine (they vary):")
    print(f"  throughput {sum(run['rps'] for run in runs) / len(runs):.0f} req/s")
    print(f"  p50 <= {quantile(buckets, 0.5):g} s, p99 <= {quantile(buckets, 0.99):g} s (histogram bucket bounds)")
    return 0 if ok == total == served else 1


if __name__ == "__main__":
    raise SystemExit(main())
