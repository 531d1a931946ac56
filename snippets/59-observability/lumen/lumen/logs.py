"""Structured logs: every record becomes one JSON object on one line of standard output.

    configure_logging("INFO")
    log = logging.getLogger("lumen")
    log.info("ask", extra={"fields": {"tool_calls": 1, "total_tokens": 87}})
    # -> {"ts": "2026-10-01T09:30:00.123Z", "level": "INFO", "logger": "lumen", "msg": "ask", "tool_calls": 1, "total_tokens": 87}

Inside a traced request every line also carries "trace_id" and "span_id" (chapter 59), so a log
search and a trace viewer point at each other: one id, copied from either side.

Log collectors (Kubernetes, Loki, Cloud Logging) parse such lines without any pattern to maintain.
That includes uvicorn's own lines: its loggers come with their own plain-text handlers and do not
propagate, so configure_logging points them at the JSON handler too. Standard library only.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

from opentelemetry import trace


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        # #region correlate
        span = trace.get_current_span().get_span_context()  # the span active where the record was made
        if span.is_valid:
            entry["trace_id"] = format(span.trace_id, "032x")
            entry["span_id"] = format(span.span_id, "016x")
        # #endregion correlate
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


# #region configure
UVICORN_LOGGERS = ("uvicorn", "uvicorn.access")  # the two that uvicorn gives handlers of their own


def configure_logging(level: str = "INFO") -> None:
    """Sends every logger's records to stdout as JSON lines (replacing earlier handlers)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        if logger.handlers:  # replace uvicorn's plain-text handler; a disabled access log stays disabled
            logger.handlers[:] = [handler]
# #endregion configure
