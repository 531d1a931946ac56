"""Lumen's stream through a real nginx on loopback: buffered, streamed, and cut by an idle timeout.

    python3 scripts/sse_through_nginx.py        # needs nginx on PATH (npm run runtimes -- install tools)

Lumen runs with LUMEN_STREAM_DELAY_MS=600, so its offline provider waits 0.6 s before each word, as a
model does between tokens. The client notes when each event arrives. Timings vary between machines,
so they are printed in coarse buckets, and nginx's error-log line is printed without its timestamp.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from sse_client import read_events  # noqa: E402  (chapter 50's parser: one event per blank line)

QUESTION = "What is a pod?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"sse_through_nginx: {what} exited with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"sse_through_nginx: {what} did not listen on {port} in 60 s")


def gunzip_lines(response: http.client.HTTPResponse) -> Iterator[bytes]:
    """Lines of a gzip-encoded body, decompressed as the bytes arrive (what a browser does)."""
    inflate, pending = zlib.decompressobj(wbits=31), b""
    while chunk := response.read1(65536):
        pending += inflate.decompress(chunk)
        *lines, pending = pending.split(b"\n")
        yield from (line + b"\n" for line in lines)


# #region measure
def stream(port: int, prefix: str) -> dict[str, object]:
    """POST the question through one nginx location; when each token arrived, and whether 'done' did."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.monotonic()
    connection.request("POST", f"{prefix}v1/ask/stream", json.dumps({"question": QUESTION}),
                       {"Content-Type": "application/json", "Accept": "text/event-stream",
                        "Accept-Encoding": "gzip"})  # as a browser's EventSource sends it
    response = connection.getresponse()
    gzipped = response.getheader("Content-Encoding") == "gzip"
    arrivals, kinds = [], []
    try:
        for event, _ in read_events(gunzip_lines(response) if gzipped else response):
            kinds.append(event)
            if event == "token":
                arrivals.append(time.monotonic() - started)
    except (http.client.IncompleteRead, ConnectionError):
        kinds.append("(connection closed)")
    connection.close()
    return {"status": response.status, "kinds": kinds, "arrivals": arrivals, "gzip": gzipped}
# #endregion measure


WORD_S = 0.6  # Lumen runs with LUMEN_STREAM_DELAY_MS=600 (see main): one word every 0.6 s


def spread(arrivals: list[float]) -> str:
    # Tokens passed on as they are produced are spread over the answer's whole time (8 s here); tokens
    # a proxy held back arrive in one piece, less than one word's interval apart.
    if len(arrivals) < 2:
        return "fewer than 2 tokens"
    seconds = arrivals[-1] - arrivals[0]
    return "all at once (<0.6 s apart)" if seconds < WORD_S else "one by one (>1 s first to last)" \
        if seconds > 1 else "in between (0.6-1 s)"


def first_token(arrivals: list[float], total_words: int) -> str:
    if not arrivals:
        return "never"
    # Judged against the last token, not against the clock: streamed, the tokens after the first take
    # 0.6 s each, and the first is early if they kept coming for at least half that long. A slow start
    # delays the first and the last token alike; a proxy that holds the answer releases them together.
    streamed_s = WORD_S * (total_words - 1)
    return "early" if arrivals[-1] - arrivals[0] >= streamed_s / 2 else "late (after the whole answer)"


def main() -> int:
    nginx = shutil.which("nginx")
    if nginx is None:
        raise SystemExit("sse_through_nginx: nginx is not on PATH (npm run runtimes -- install tools)")
    lumen_port, nginx_port = free_port(), free_port()
    run = Path(tempfile.mkdtemp(prefix="nginx-"))
    # the same file the chapter shows, with the laptop ports replaced by free ones
    conf = (ROOT / "nginx" / "lumen.conf").read_text()
    conf = conf.replace("127.0.0.1:8000", f"127.0.0.1:{lumen_port}").replace("127.0.0.1:8080", f"127.0.0.1:{nginx_port}")
    (run / "lumen.conf").write_text(conf)
    env = {**os.environ, "LUMEN_STREAM_DELAY_MS": "600", "LUMEN_LOG_LEVEL": "WARNING"}
    lumen = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "lumen.main:create_app", "--host", "127.0.0.1",
                              "--port", str(lumen_port), "--no-access-log"], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    errors = run / "error.log"
    with errors.open("wb") as log:
        proxy = subprocess.Popen([nginx, "-p", str(run), "-c", str(run / "lumen.conf"), "-e", "stderr"],
                                 stdout=subprocess.DEVNULL, stderr=log)
    try:
        wait_port(lumen_port, lumen, "uvicorn")
        wait_port(nginx_port, proxy, "nginx")
        direct = stream(lumen_port, "/")
        words = len(direct["arrivals"])
        print(f"direct           {words} tokens, last event: {direct['kinds'][-1]}")
        for prefix in ("/buffered/", "/buffered-gzip/", "/streamed/", "/idle/"):
            result = stream(nginx_port, prefix)
            kinds = result["kinds"]
            print(f"{prefix:<16} status {result['status']}{' gzip' if result['gzip'] else ''}, "
                  f"{len(result['arrivals'])}/{words} tokens, last event: {kinds[-1] if kinds else 'none'}")
            print(f"                 {spread(result['arrivals'])}; first token {first_token(result['arrivals'], words)}")
    finally:
        for process in (proxy, lumen):
            process.terminate()
            process.wait(timeout=20)
    for line in errors.read_text().splitlines():
        if "timed out" in line:  # drop the timestamp, pid, connection number and ports
            line = re.sub(r"^\S+ \S+ \[(\w+)\] \d+#\d+: \*\d+ ", r"[\1] ", line)
            print("nginx: " + re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
