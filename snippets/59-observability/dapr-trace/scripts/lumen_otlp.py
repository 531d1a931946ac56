"""Chapter 59's Lumen with its spans exported over OTLP/HTTP instead of to the console.

    OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 APP_PORT=8000 python3 scripts/lumen_otlp.py

configure_tracing installs the SDK once, so installing the OTLP exporter before create_app() makes the
app's own configure_tracing(settings.traces) keep it. The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT and
posts to its /v1/traces, as a cluster's Lumen would post to a collector.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn  # noqa: E402
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: E402

from lumen.main import create_app  # noqa: E402
from lumen.telemetry import configure_tracing  # noqa: E402

if __name__ == "__main__":
    configure_tracing(OTLPSpanExporter())
    uvicorn.run(create_app(), host="127.0.0.1", port=int(os.environ["APP_PORT"]), log_level="warning")
