"""One question, traced from the HTTP request through Kafka to a consumer, printed as a span tree.

    KAFKA_BOOTSTRAP_SERVERS=localhost:9092 python3 scripts/trace_kafka.py

The app runs in-process (FastAPI's TestClient, real lifespan, real KafkaSink to the real broker); spans
go to the SDK's in-memory exporter. The consumer half is what any service reading lumen.events does:
read the traceparent header, start a CONSUMER span with that context as its parent. Ids vary from run
to run, so the tree prints the span names, kinds, parents and a few attributes, and whether every span
shares one trace id.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from confluent_kafka import Consumer  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from opentelemetry import propagate, trace  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402
from opentelemetry.trace import SpanKind  # noqa: E402

from lumen.events import TOPIC, decode  # noqa: E402
from lumen.main import create_app  # noqa: E402
from lumen.settings import Settings  # noqa: E402
from lumen.telemetry import configure_tracing  # noqa: E402
from create_topics import ensure_topic  # noqa: E402  (chapter 52's script, beside this one)

SHOWN = ("gen_ai.operation.name", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
         "gen_ai.tool.name", "messaging.operation.type", "lumen.event.type")


# #region consume
def consume_traced(bootstrap: str, expected: int) -> None:
    """Reads `expected` records and processes each inside a span that continues the producer's trace."""
    tracer = trace.get_tracer("usage-meter")
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"trace-demo-{os.getpid()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([TOPIC])
    seen, deadline = 0, time.monotonic() + 30
    try:
        while seen < expected and time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is None or message.error():
                continue
            headers = {key: value.decode() for key, value in message.headers() or []}
            parent = propagate.extract(headers)  # the producer span's context, from "traceparent"
            with tracer.start_as_current_span(f"process {TOPIC}", context=parent, kind=SpanKind.CONSUMER,
                                              attributes={"messaging.operation.type": "process",
                                                          "lumen.event.type": decode(message.value()).type}):
                seen += 1  # a real consumer does its work here: its spans and logs join the trace
    finally:
        consumer.close()
# #endregion consume


def print_tree(spans) -> None:
    ids = {span.context.span_id for span in spans}
    children: dict[int | None, list] = {}
    for span in sorted(spans, key=lambda s: s.start_time):
        parent = span.parent.span_id if span.parent and span.parent.span_id in ids else None
        children.setdefault(parent, []).append(span)

    def show(span, depth: int) -> None:
        shown = " ".join(f"{key}={span.attributes[key]}" for key in SHOWN if key in span.attributes)
        print(f"{'  ' * depth}{span.name} [{span.kind.name}] {shown}".rstrip())
        for child in children.get(span.context.span_id, []):
            show(child, depth + 1)

    for root in children.get(None, []):
        show(root, 0)


def main() -> None:
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
    ensure_topic(bootstrap, TOPIC, 3)
    exporter = InMemorySpanExporter()
    configure_tracing(exporter)
    app = create_app(Settings(provider="offline", events="kafka", log_level="WARNING", _env_file=None))
    with TestClient(app) as client:  # leaving the block flushes the producer
        client.post("/v1/ask", json={"question": "What is 6 * 7?", "conversation_id": "c-trace"})
    published = sum(1 for span in exporter.get_finished_spans() if span.kind is SpanKind.PRODUCER)
    consume_traced(bootstrap, published)
    spans = exporter.get_finished_spans()
    print(f"{len(spans)} spans, {len({span.context.trace_id for span in spans})} trace id")
    print_tree(spans)


if __name__ == "__main__":
    main()
