"""Runs Lumen's real server command and checks what the chapters claim about it, on this machine.

    python3 scripts/serve_check.py                        # the command chapter 50 documents
    python3 scripts/serve_check.py --dockerfile Dockerfile  # the image's CMD, run here without Docker

Checks, each printed as one line (a failed check exits 1 and says what went wrong):
  1. every line the process writes, uvicorn's own included, is one JSON object;
  2. probes and scrapes are not logged at INFO;
  3. a client that disconnects mid-stream is counted in lumen_streams_cancelled_total;
  4. SIGTERM with a stream running: the stream ends with a final `error` event that says ask again
     (after LUMEN_DRAIN_SECONDS, 1 s here), then the process stops cleanly ("stopped" logged);
  5. a bad setting stops it at startup with one JSON line naming the LUMEN_* variable, exit status 1.
Needs uvicorn and FastAPI (requirements.txt). Standard library otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
# #region command
SERVER = ["uvicorn", "--factory", "lumen.main:create_app", "--host", "0.0.0.0", "--port", "8000",
          "--no-access-log", "--timeout-graceful-shutdown", "25"]
# #endregion command


def command_from_dockerfile(path: Path) -> list[str]:
    """The exec-form CMD of the last stage, as an argv list."""
    cmds = [line for line in path.read_text().splitlines() if line.startswith("CMD ")]
    if not cmds:
        sys.exit(f"{path}:1:1 no CMD line: write CMD [\"uvicorn\", ...] in exec form")
    return json.loads(cmds[-1].removeprefix("CMD "))


def local(argv: list[str], port: int) -> list[str]:
    """The same command on this machine: loopback and a free port instead of 0.0.0.0:8000."""
    out = list(argv)
    out[out.index("--host") + 1] = "127.0.0.1"
    out[out.index("--port") + 1] = str(port)
    return [sys.executable, "-m", *out] if out[0] == "uvicorn" else out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Generous: on a loaded 2-core CI machine the first import of FastAPI alone can take several seconds,
# and a process can be paused for a few more at any time. Only a server that is really stuck needs longer.
READY_TIMEOUT_S = 60
ANSWER_TIMEOUT_S = 30


def request(port: int, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=ANSWER_TIMEOUT_S)
    try:
        conn.request(method, path, json.dumps(body) if body else None, {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read().decode()
    except TimeoutError:
        fail(f"{method} {path} got no answer in {ANSWER_TIMEOUT_S} s")
    finally:
        conn.close()


def cut_stream(port: int) -> None:
    """Starts a streamed answer, reads its first event, and hangs up: a user closing the tab."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=ANSWER_TIMEOUT_S)
    conn.request("POST", "/v1/ask/stream", json.dumps({"question": "What is a pod?"}), {"Content-Type": "application/json"})
    response = conn.getresponse()
    response.fp.readline()  # "event: tool": the stream is running
    conn.sock.shutdown(socket.SHUT_RDWR)
    conn.close()


def stream_until_closed(port: int, stop) -> tuple[str, float]:
    """Starts a streamed answer, reads its first event, calls stop() (the SIGTERM) and reads on
    until the server closes the stream. Returns the last event and the seconds it took after stop()."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=ANSWER_TIMEOUT_S)
    conn.request("POST", "/v1/ask/stream", json.dumps({"question": "What is a pod?"}), {"Content-Type": "application/json"})
    response = conn.getresponse()
    response.readline()  # "event: tool": the stream is running
    stop()
    stopped = time.monotonic()
    rest = response.read().decode()  # http.client undoes the chunked framing; ends when the server closes
    conn.close()
    events = [block.strip() for block in rest.split("\n\n") if block.strip()]
    return (events[-1] if events else ""), time.monotonic() - stopped


def fail(message: str, log: str = "") -> None:
    print(f"FAILED: {message}")
    if log:
        print(log)
    sys.exit(1)


def check_running(argv: list[str]) -> None:
    port = free_port()
    env = {**os.environ, "LUMEN_PROVIDER": "offline", "LUMEN_STREAM_DELAY_MS": "200", "LUMEN_LOG_LEVEL": "INFO",
           "LUMEN_DRAIN_SECONDS": "1"}
    server = subprocess.Popen(local(argv, port), cwd=HERE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            try:
                if request(port, "GET", "/readyz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                fail(f"the server did not become ready in {READY_TIMEOUT_S} s")
            time.sleep(0.1)
        for path in ("/healthz", "/readyz", "/metrics"):
            request(port, "GET", path)
        request(port, "POST", "/v1/ask", {"question": "What is 6 * 7?"})
        cut_stream(port)
        deadline = time.monotonic() + ANSWER_TIMEOUT_S
        while True:  # the server notices the hang-up at its next write
            metrics = request(port, "GET", "/metrics")[1]
            cancelled = next((l for l in metrics.splitlines() if l.startswith("lumen_streams_cancelled_total")), "")
            if cancelled.endswith(" 1") or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        last, took = stream_until_closed(port, lambda: server.send_signal(signal.SIGTERM))
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    lines = [line for line in output.splitlines() if line.strip()]
    entries = []
    for number, line in enumerate(lines, 1):
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            fail(f"output line {number} is not JSON: {line}", output)
    loggers = sorted({entry["logger"] for entry in entries})
    print(f"1. every output line is a JSON object, from the loggers {', '.join(loggers)}")
    quiet = ("/healthz", "/readyz", "/metrics")
    noisy = [e for e in entries if e["level"] == "INFO" and (e.get("route") in quiet or any(f" {q} " in e["msg"] for q in quiet))]
    if noisy:
        fail(f"{len(noisy)} probe or scrape requests logged at INFO", output)
    print("2. probes and scrapes logged at INFO: 0")
    if not cancelled.endswith(" 1") or not any(e["msg"] == "stream cancelled" for e in entries):
        fail(f"the cut stream was not counted in {ANSWER_TIMEOUT_S} s (metrics say {cancelled!r})", output)
    print(f"3. after the client hung up mid-stream: {cancelled}")
    # uvicorn shuts down, then re-raises the signal it caught, so the status is "killed by SIGTERM"
    # (143 in a shell, and what Kubernetes reports), after a clean shutdown.
    clean = any(e["msg"] == "stopped" for e in entries) and entries[-1]["msg"].startswith("Finished server process")
    if server.returncode not in (0, -signal.SIGTERM) or not clean:
        fail(f"SIGTERM: exit status {server.returncode}, clean shutdown logged: {clean}", output)
    if not last.startswith("event: error") or '"retry":true' not in last.replace(" ", ""):
        fail(f"SIGTERM mid-stream: the stream's last event was {last!r}, not the final error event", output)
    if not 0.9 <= took < 20:  # the drain is 1 s; uvicorn's own cut-off would be 25 s
        fail(f"SIGTERM mid-stream: the final event came {took:.1f} s after the signal, not about 1 s", output)
    print(f"4. SIGTERM mid-stream, LUMEN_DRAIN_SECONDS=1: the stream ended with: {' | '.join(last.splitlines())}")
    print(f"   then the lifespan closed the provider (\"stopped\"), then {describe(server.returncode)}")


def describe(status: int) -> str:
    return f"exit status {status}" if status >= 0 else f"ended by signal {signal.Signals(-status).name} (status {128 - status} in a shell)"


def check_bad_setting(argv: list[str]) -> None:
    env = {**os.environ, "LUMEN_PROVIDER": "offline", "LUMEN_STREAM_DELAY_MS": "-1"}
    try:
        done = subprocess.run(local(argv, free_port()), cwd=HERE, env=env, capture_output=True, text=True, timeout=READY_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        fail(f"a bad setting (LUMEN_STREAM_DELAY_MS=-1) did not stop the server in {READY_TIMEOUT_S} s")
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if done.returncode != 1 or len(lines) != 1:
        fail(f"a bad setting gave exit status {done.returncode} and {len(lines)} lines", done.stdout + done.stderr)
    entry = json.loads(lines[0])
    print(f"5. LUMEN_STREAM_DELAY_MS=-1: exit status 1, one line: {json.dumps(entry)}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Run Lumen's server command and check its logs and shutdown.")
    parser.add_argument("--dockerfile", type=Path, help="take the command from this Dockerfile's CMD")
    args = parser.parse_args()
    argv = command_from_dockerfile(args.dockerfile) if args.dockerfile else SERVER
    print("command: " + " ".join(argv))
    check_running(argv)
    check_bad_setting(argv)


if __name__ == "__main__":
    main()
