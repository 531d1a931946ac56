"""Traces for Lumen: the SDK set-up, and spans around every model call.

    configure_tracing("console")                 # the SDK, spans as JSON on stderr (a laptop)
    configure_tracing(InMemorySpanExporter())    # tests and the book's scripts read spans back
    provider = TracedProvider(OfflineProvider(), model="offline", max_tokens=512)
    await provider.complete(prompt)              # -> one CLIENT span "chat offline" with gen_ai.* usage

Without configure_tracing nothing is recorded: the OpenTelemetry API is a no-op until an SDK
provider is installed, so the same code runs untraced in tests that do not care. The provider is
process-global (OpenTelemetry allows one), so configure_tracing installs it at most once.
In a cluster, the exporter would be OTLP to a collector (opentelemetry-exporter-otlp); this chapter
keeps the exporter in-process so every run here is offline.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, SpanExporter
from opentelemetry.trace import Span, SpanKind

from lumen import __version__, genai
from lumen.providers.base import Completion, Provider, Usage

tracer = trace.get_tracer("lumen")
_installed: TracerProvider | None = None


# #region configure
def configure_tracing(exporter: str | SpanExporter) -> TracerProvider | None:
    """Installs the SDK once: "off" (nothing), "console", or an exporter object (synchronous export)."""
    global _installed
    if exporter == "off" or _installed is not None:
        return _installed
    provider = TracerProvider(resource=Resource.create({"service.name": "lumen", "service.version": __version__}))
    if isinstance(exporter, str):  # "console": batched, so exporting never sits on the request path
        provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
    else:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _installed = provider
    return provider
# #endregion configure


def current_trace_id() -> str | None:
    """The 32-hex-digit trace id of the active span, or None outside a (sampled) trace."""
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


# #region traced-provider
class TracedProvider:
    """Wraps any Provider: one CLIENT span per model call, named "chat <model>", with the GenAI
    attributes for model, limits and token usage. Prompt and reply text only when capture_content."""

    def __init__(self, inner: Provider, model: str, max_tokens: int, capture_content: bool = False) -> None:
        self.inner = inner
        self.name = inner.name
        self.model = model
        self.max_tokens = max_tokens
        self.capture_content = capture_content

    def _attributes(self, stream: bool) -> dict[str, str | int | bool]:
        return {genai.OPERATION_NAME: "chat", genai.PROVIDER_NAME: self.inner.name,
                genai.REQUEST_MODEL: self.model, genai.REQUEST_MAX_TOKENS: self.max_tokens,
                genai.REQUEST_STREAM: stream}

    def _record(self, span: Span, usage: Usage) -> None:
        span.set_attribute(genai.USAGE_INPUT, usage.prompt_tokens)
        span.set_attribute(genai.USAGE_OUTPUT, usage.completion_tokens)
        if usage.reasoning_tokens:
            span.set_attribute(genai.USAGE_REASONING, usage.reasoning_tokens)
        span.set_attribute("lumen.usage.estimated", usage.estimated)  # ours: never mix guessed and billed

    async def complete(self, prompt: str) -> Completion:
        with tracer.start_as_current_span(f"chat {self.model}", kind=SpanKind.CLIENT,
                                          attributes=self._attributes(False)) as span:
            if self.capture_content:
                span.set_attribute(genai.INPUT_MESSAGES, prompt)
            completion = await self.inner.complete(prompt)
            self._record(span, completion.usage)
            if self.capture_content:
                span.set_attribute(genai.OUTPUT_MESSAGES, completion.text)
            return completion

    async def stream(self, prompt: str) -> AsyncIterator[str | Usage]:
        # start_span, not start_as_current_span: a generator can be closed from another context,
        # and detaching a context there fails. The span is ended in `finally`, on every path.
        span = tracer.start_span(f"chat {self.model}", kind=SpanKind.CLIENT, attributes=self._attributes(True))
        started, first = time.perf_counter(), True
        try:
            async for chunk in self.inner.stream(prompt):
                if isinstance(chunk, Usage):
                    self._record(span, chunk)
                elif first:
                    first = False
                    span.set_attribute(genai.RESPONSE_TIME_TO_FIRST_CHUNK, time.perf_counter() - started)
                yield chunk
        except Exception as error:
            span.record_exception(error)
            span.set_status(trace.StatusCode.ERROR, type(error).__name__)
            raise
        finally:
            span.end()

    def __getattr__(self, name: str) -> object:  # anything else (closed, client, ...) is the inner provider's
        return getattr(self.inner, name)

    async def ready(self) -> bool:
        return await self.inner.ready()

    async def aclose(self) -> None:
        await self.inner.aclose()
# #endregion traced-provider
