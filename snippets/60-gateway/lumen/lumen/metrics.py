"""Lumen's metrics through prometheus-client: counters, and the histograms chapter 50 could not write.

    metrics = Metrics()                                    # one registry per app, so tests never share
    metrics.inc("lumen_requests_total", route="/v1/ask", status="200")
    metrics.observe("lumen_request_duration_seconds", 0.012, trace_id="4bf9...", route="/v1/ask")
    metrics.value("lumen_requests_total", route="/v1/ask", status="200")   # -> 1.0
    body, content_type = metrics.render(accept="application/openmetrics-text")

The names and label sets are declared once, below; an unknown name or a wrong label set raises at
the call, not at scrape time. Every label value comes from a small fixed set (route templates, tool
names, outcomes): never a user id, a conversation id or a question, or each becomes a time series.
Histograms carry the trace id of one request per bucket as an exemplar, shown only in the
OpenMetrics format (the Prometheus text format has no place for it).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client import exposition
from prometheus_client.openmetrics import exposition as openmetrics

disable_created_metrics()  # no extra *_created series per child: half the series, nothing lost for rate()

# Model calls take seconds, not milliseconds: buckets up to a minute, dense where the SLO is (1 s, 2.5 s).
SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
TOKENS = (16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192)

# #region declarations
COUNTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "lumen_requests_total": ("HTTP requests handled, by route template and status code.", ("route", "status")),
    "lumen_tokens_total": ("Model tokens used, by kind (prompt, completion, reasoning: part of completion) "
                           "and source (provider, estimate).", ("kind", "source")),
    "lumen_model_cost_usd_total": ("Model spend in USD at the configured (assumed) prices, by source.", ("source",)),
    "lumen_tool_calls_total": ("Tool calls made by the agent, by tool and outcome.", ("tool", "ok")),
    "lumen_streams_cancelled_total": ("Streamed answers stopped because the client went away.", ()),
    "lumen_streams_drained_total": ("Streamed answers ended early with an error event because the process was stopping.", ()),
    "lumen_events_total": ("Events handed to Kafka, by outcome (delivered, failed, dropped).", ("outcome",)),
    "lumen_edge_rejections_total": ("Requests refused by Lumen's edge checks, by reason "
                                    "(unauthenticated, requests, tokens, too_large).", ("reason",)),
}
HISTOGRAMS: dict[str, tuple[str, tuple[str, ...], tuple[float, ...]]] = {
    "lumen_request_duration_seconds": ("Time from request to last byte, by route template.", ("route",), SECONDS),
    "lumen_time_to_first_token_seconds": ("Time from request to the first streamed token.", ("route",), SECONDS),
    "lumen_request_tokens": ("Tokens one request used, by kind (prompt, completion).", ("kind",), TOKENS),
}
# #endregion declarations


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._counters = {name: Counter(name, text, labels, registry=self.registry)
                          for name, (text, labels) in COUNTERS.items()}
        self._histograms = {name: Histogram(name, text, labels, buckets=buckets, registry=self.registry)
                            for name, (text, labels, buckets) in HISTOGRAMS.items()}

    def inc(self, name: str, amount: float = 1, **labels: str) -> None:
        counter = self._counters.get(name)
        if counter is None:
            raise KeyError(f"unknown counter {name!r}")
        (counter.labels(**labels) if labels else counter).inc(amount)

    def observe(self, name: str, value: float, trace_id: str | None = None, **labels: str) -> None:
        histogram = self._histograms.get(name)
        if histogram is None:
            raise KeyError(f"unknown histogram {name!r}")
        exemplar = {"trace_id": trace_id} if trace_id else None
        (histogram.labels(**labels) if labels else histogram).observe(value, exemplar=exemplar)

    def value(self, name: str, **labels: str) -> float:
        """The current value of one series (a histogram's _count or _sum too); 0 when it has none yet."""
        return self.registry.get_sample_value(name, labels) or 0.0

    def render(self, accept: str = "") -> tuple[bytes, str]:
        """The scrape body and its content type: OpenMetrics (with exemplars) when the scraper asks."""
        if "application/openmetrics-text" in accept:
            return openmetrics.generate_latest(self.registry), openmetrics.CONTENT_TYPE_LATEST
        return exposition.generate_latest(self.registry), exposition.CONTENT_TYPE_LATEST
