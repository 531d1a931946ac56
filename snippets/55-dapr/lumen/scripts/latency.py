"""What the sidecars cost in latency on loopback: the same tool call straight to lumen-tools, and through
Lumen's sidecar -> lumen-tools' sidecar -> lumen-tools (service invocation, two extra hops).
Sequential calls on kept-alive connections, alternating between the paths; medians and 95th percentiles of N calls each.

    python3 scripts/latency.py            # N=300
"""

import http.client
import json
import os
import statistics
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
BODY = json.dumps({"input": "6 * 7"})


def timings(targets: list[tuple[int, str]]) -> list[list[float]]:
    """Alternates between the targets call by call, so a busy machine slows both alike."""
    conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for port, _ in targets]
    out: list[list[float]] = [[] for _ in targets]
    for i in range(N + 20):
        for k, (conn, (_, path)) in enumerate(zip(conns, targets)):
            started = time.perf_counter()
            conn.request("POST", path, BODY, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            assert response.status == 200, response.status
            if i >= 20:  # the first calls warm connections and caches
                out[k].append((time.perf_counter() - started) * 1000)
    for conn in conns:
        conn.close()
    return out


def summary(ms: list[float]) -> tuple[float, float]:
    return statistics.median(ms), statistics.quantiles(ms, n=20)[18]


direct_ms, via_ms = timings([
    (int(os.environ.get("APP_PORT_LUMEN_TOOLS", "8001")), "/tools/calculator"),
    (int(os.environ.get("DAPR_HTTP_PORT_LUMEN", "3500")), "/v1.0/invoke/lumen-tools/method/tools/calculator"),
])
direct, via = summary(direct_ms), summary(via_ms)
print(f"{N} calls each, loopback, one at a time, the two paths alternating")
print(f"direct to lumen-tools:      median {direct[0]:.2f}ms  p95 {direct[1]:.2f}ms")
print(f"through both sidecars:      median {via[0]:.2f}ms  p95 {via[1]:.2f}ms")
# The difference is left to the reader: on a busy machine it is noise-sized, and its sign can flip.
if os.environ.get("LATENCY_LOG"):  # raw figures for the chapter's measurements (medians of runs)
    with open(os.environ["LATENCY_LOG"], "a") as log:
        log.write(f"direct {direct[0]:.3f} {direct[1]:.3f} via {via[0]:.3f} {via[1]:.3f}\n")
