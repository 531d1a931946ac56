"""Hand-written counters, rendered in the Prometheus text exposition format. Standard library only.

    metrics = Metrics()
    metrics.inc("lumen_requests_total", route="/v1/ask", status="200")
    metrics.inc("lumen_tokens_total", 87, kind="total")
    metrics.render()
    # -> '# HELP lumen_requests_total HTTP requests handled.\n# TYPE lumen_requests_total counter\n
    #     lumen_requests_total{route="/v1/ask",status="200"} 1\n...'

Counters only go up; Prometheus computes rates from them. Label values must come from a small fixed
set (route templates, not raw paths), or every new value becomes a new time series.
"""

from __future__ import annotations

import threading

HELP: dict[str, str] = {
    "lumen_requests_total": "HTTP requests handled, by route template and status code.",
    "lumen_tokens_total": "Model tokens used, by kind (prompt, completion, reasoning: part of completion) and source (provider, estimate).",
    "lumen_tool_calls_total": "Tool calls made by the agent, by tool and outcome.",
    "lumen_streams_cancelled_total": "Streamed answers stopped because the client went away.",
    "lumen_streams_drained_total": "Streamed answers ended early with an error event because the process was stopping.",
    "lumen_events_total": "Events handed to Kafka or to the Dapr sidecar, by outcome (delivered, failed, dropped).",
    "lumen_state_conflicts_total": "Conversation saves refused with 409 (another replica saved first) and retried.",
}


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()  # def endpoints and background tasks run in worker threads
        self._values: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}

    def inc(self, name: str, amount: float = 1, **labels: str) -> None:
        if name not in HELP:
            raise KeyError(f"unknown metric {name!r}")
        key = (name, tuple(sorted(labels.items())))
        with self._lock:
            self._values[key] = self._values.get(key, 0) + amount

    def value(self, name: str, **labels: str) -> float:
        return self._values.get((name, tuple(sorted(labels.items()))), 0)

    def render(self) -> str:
        with self._lock:
            values = dict(self._values)
        lines: list[str] = []
        for name, help_text in HELP.items():
            lines += [f"# HELP {name} {help_text}", f"# TYPE {name} counter"]
            for (metric, labels), value in sorted(values.items()):
                if metric != name:
                    continue
                label_text = ",".join(f'{key}="{_escape(val)}"' for key, val in labels)
                number = str(int(value)) if float(value).is_integer() else repr(value)
                lines.append(f"{name}{{{label_text}}} {number}" if label_text else f"{name} {number}")
        return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
