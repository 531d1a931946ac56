"""One in-memory span exporter for the whole test session (OpenTelemetry allows one global provider)."""

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from lumen.telemetry import configure_tracing

EXPORTER = InMemorySpanExporter()
configure_tracing(EXPORTER)


@pytest.fixture
def spans() -> InMemorySpanExporter:
    EXPORTER.clear()
    return EXPORTER
