"""One question to Lumen through its Dapr sidecar, with the caller's W3C traceparent, then the trace as
the collector received it: daprd's spans and Lumen's own, one tree.

    DAPR_HTTP_PORT=3500 APP_PORT_OTLP_RECEIVER=4318 python3 scripts/trace_dapr.py

The caller (a gateway, say) starts the trace: it sends `traceparent: 00-<trace id>-<its span id>-01`
to daprd's service-invocation API. Ids are random per run, so the tree prints services, scopes, span
names and kinds, and checks that every span carries the caller's trace id and hangs off the caller.
"""

import json
import os
import secrets
import sys
import time
import urllib.request


# #region call
def ask_through_sidecar(dapr_port: str, trace_id: str, caller_span: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{dapr_port}/v1.0/invoke/lumen/method/v1/ask",
        data=json.dumps({"question": "What is 6 * 7?"}).encode(),
        headers={"Content-Type": "application/json", "traceparent": f"00-{trace_id}-{caller_span}-01"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)
# #endregion call


def received(receiver_port: str) -> list[dict]:
    with urllib.request.urlopen(f"http://127.0.0.1:{receiver_port}/spans", timeout=5) as response:
        return [json.loads(line) for line in response.read().decode().splitlines()]


def complete(spans: list[dict], caller_span: str) -> bool:
    """A whole tree: something hangs off the caller's span, and every span's parent has arrived."""
    ids = {s["span_id"] for s in spans} | {caller_span}
    return any(s["parent_id"] == caller_span for s in spans) and all(s["parent_id"] in ids for s in spans)


def wait_for_trace(receiver_port: str, trace_id: str, caller_span: str, seconds: float = 30) -> list[dict]:
    """daprd batches its exports (every few seconds), Lumen exports each span as it ends: wait until the
    tree is whole and nothing new came in for a second."""
    deadline, last = time.monotonic() + seconds, -1
    while time.monotonic() < deadline:
        spans = [s for s in received(receiver_port) if s["trace_id"] == trace_id]
        if len(spans) == last and complete(spans, caller_span):
            return spans
        last = len(spans)
        time.sleep(1)
    return [s for s in received(receiver_port) if s["trace_id"] == trace_id]


def print_tree(spans: list[dict], caller_span: str) -> None:
    children: dict[str, list[dict]] = {}
    for span in sorted(spans, key=lambda s: int(s["start"])):
        children.setdefault(span["parent_id"], []).append(span)

    def walk(parent: str, depth: int) -> None:
        for span in children.get(parent, []):
            print(f"{'  ' * depth}{span['name']} [{span['kind']}] service={span['service']} scope={span['scope']}")
            walk(span["span_id"], depth + 1)

    print("caller (traceparent sent to daprd)")
    walk(caller_span, 1)
    ids = {s["span_id"] for s in spans} | {caller_span}
    orphans = [s for s in spans if s["parent_id"] not in ids]
    if orphans:
        print(f"{len(orphans)} spans whose parent is not in the trace:", ", ".join(s["name"] for s in orphans))


def main() -> int:
    trace_id, caller_span = secrets.token_hex(16), secrets.token_hex(8)
    answer = ask_through_sidecar(os.environ["DAPR_HTTP_PORT"], trace_id, caller_span)
    print("answer:", answer["answer"])
    spans = wait_for_trace(os.environ["APP_PORT_OTLP_RECEIVER"], trace_id, caller_span)
    print_tree(spans, caller_span)
    others = [s for s in received(os.environ["APP_PORT_OTLP_RECEIVER"]) if s["trace_id"] != trace_id]
    print(f"{len(spans)} spans carry the caller's trace id; whole tree: {'yes' if complete(spans, caller_span) else 'NO'}")
    # Requests nobody traced upstream start traces of their own (daprd asks the app for its config at start).
    print("spans in other traces:", ", ".join(f"{s['name']} [{s['kind']}]" for s in others) or "none")
    return 0 if complete(spans, caller_span) else 1


if __name__ == "__main__":
    sys.exit(main())
