"""A tiny OTLP/HTTP trace receiver, the part of a collector this example needs.

    APP_PORT=4318 python3 scripts/otlp_receiver.py
    POST /v1/traces   an ExportTraceServiceRequest (protobuf, optionally gzip), as daprd and the SDK send
    GET  /spans       every span received so far, as JSON lines: service, scope, name, kind, ids
    GET  /healthz     200 once listening

It keeps spans in memory and forwards nothing: a real collector batches, retries and exports to a
backend. Decoding uses the protobuf classes of opentelemetry-proto, the same ones collectors use.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.trace.v1.trace_pb2 import Span

received: list[dict[str, str]] = []
lock = threading.Lock()


def flatten(request: ExportTraceServiceRequest) -> list[dict[str, str]]:
    """One dict per span, with the resource's service.name and the instrumentation scope's name."""
    spans = []
    for resource_spans in request.resource_spans:
        attributes = {kv.key: kv.value.string_value for kv in resource_spans.resource.attributes}
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                spans.append({
                    "service": attributes.get("service.name", "?"),
                    "scope": scope_spans.scope.name,
                    "name": span.name,
                    "kind": Span.SpanKind.Name(span.kind).removeprefix("SPAN_KIND_"),
                    "trace_id": span.trace_id.hex(),
                    "span_id": span.span_id.hex(),
                    "parent_id": span.parent_span_id.hex(),
                    "start": str(span.start_time_unix_nano),
                })
    return spans


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        if self.path != "/v1/traces":
            self.send_error(404, "only /v1/traces is received here")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        if self.headers.get("Content-Type", "").split(";")[0] != "application/x-protobuf":
            self.send_error(415, "send OTLP as application/x-protobuf")
            return
        spans = flatten(ExportTraceServiceRequest.FromString(body))
        with lock:
            received.extend(spans)
        self._answer(200, "application/x-protobuf", ExportTraceServiceResponse().SerializeToString())

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/healthz":
            self._answer(200, "text/plain", b"ok\n")
        elif self.path == "/spans":
            with lock:
                lines = "".join(json.dumps(span) + "\n" for span in received)
            self._answer(200, "application/x-ndjson", lines.encode())
        else:
            self.send_error(404)

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        # One line per request on stderr (the service's log), never on the step's output.
        print(f"{self.address_string()} {self.headers.get('User-Agent', '-')} {format % args}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("APP_PORT", "4318"))), Handler).serve_forever()
