"""Lumen's HTTP API (FastAPI). Run it with:

    uvicorn --factory lumen.main:create_app --host 0.0.0.0 --port 8000 --no-access-log

    GET  /healthz          liveness: the process answers             -> {"status": "ok"}
    GET  /readyz           readiness: this process can serve         -> {"status": "ready", ...} or 503
    POST /v1/ask           {"question": "What is 6 * 7?"}            -> {"answer", "tool_calls", "usage"}
    POST /v1/ask/stream    the same question, answered as server-sent events: tool, token..., done
                           (or, when the process stops mid-answer, a final error event: ask again)
    GET  /metrics          Prometheus metrics: counters and histograms (OpenMetrics with exemplars on request)

Chapter 59 adds traces (OpenTelemetry: LUMEN_TRACES=console), histograms and trace ids in the logs.

create_app(settings) builds an app; with no argument (how uvicorn's --factory calls it) it reads LUMEN_*
variables, and a bad value stops the process with one JSON line naming the variable. Nothing is read at
import time, so importing this module in a test reads no environment.
"""

import logging
import time
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from pydantic import BaseModel, Field

from lumen import __version__, genai
from lumen.agent import Agent, ToolCall, usage_dict
from lumen.logs import configure_logging
from lumen.metrics import Metrics
from lumen.cost import Prices, token_cost
from lumen.providers import Provider, ProviderError, Usage, build_provider
from lumen.settings import Settings, load_settings
from lumen.shutdown import DRAINED, drain
from lumen.sinks import EventSink, answer_events, build_sink
from lumen.telemetry import TracedProvider, configure_tracing, current_trace_id, tracer

log = logging.getLogger("lumen")


# #region models
class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000, examples=["What is 6 * 7?"])
    conversation_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]{1,100}$")


class ToolCallOut(BaseModel):
    name: str
    input: str
    output: str
    ok: bool


class UsageOut(BaseModel):
    prompt_tokens: int
    completion_tokens: int  # includes reasoning_tokens
    reasoning_tokens: int
    total_tokens: int
    estimated: bool  # True when the provider reported nothing and Lumen counted words


class AskResponse(BaseModel):
    conversation_id: str
    answer: str
    tool_calls: list[ToolCallOut]
    usage: UsageOut
# #endregion models


# #region dependencies
def get_provider(request: Request) -> Provider:
    """The provider the lifespan created: one per process, shared by every request."""
    return request.app.state.provider


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


def get_agent(provider: Annotated[Provider, Depends(get_provider)]) -> Agent:
    """A fresh, cheap Agent per request around the shared provider."""
    return Agent(provider)


def get_sink(request: Request) -> EventSink:
    return request.app.state.events


def get_prices(request: Request) -> Prices:
    return request.app.state.prices


ProviderDep = Annotated[Provider, Depends(get_provider)]
SinkDep = Annotated[EventSink, Depends(get_sink)]
AgentDep = Annotated[Agent, Depends(get_agent)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
PricesDep = Annotated[Prices, Depends(get_prices)]
# #endregion dependencies


# #region usage
def record_usage(metrics: Metrics, route: str, usage: Usage, tool_calls: list[ToolCall], prices: Prices,
                 conversation: str | None = None) -> None:
    """Counts tokens, spend and tool calls and writes one usage log line: the raw material of cost reports."""
    source = "estimate" if usage.estimated else "provider"  # never mix guessed and billed counts
    metrics.observe("lumen_request_tokens", usage.prompt_tokens, kind="prompt")
    metrics.observe("lumen_request_tokens", usage.completion_tokens, kind="completion")
    # completion_tokens already include the reasoning tokens: priced once, at the output price
    metrics.inc("lumen_model_cost_usd_total", token_cost(usage.prompt_tokens, usage.completion_tokens, prices),
                source=source)
    metrics.inc("lumen_tokens_total", usage.prompt_tokens, kind="prompt", source=source)
    metrics.inc("lumen_tokens_total", usage.completion_tokens, kind="completion", source=source)
    if usage.reasoning_tokens:
        metrics.inc("lumen_tokens_total", usage.reasoning_tokens, kind="reasoning", source=source)
    for call in tool_calls:
        metrics.inc("lumen_tool_calls_total", tool=call.name, ok=str(call.ok).lower())
    fields = {"route": route, **usage_dict(usage), "tools": [c.name for c in tool_calls]}
    if conversation is not None:  # the same id as the events' key: logs and topic join on it
        fields["conversation"] = conversation
    log.info("usage", extra={"fields": fields})
# #endregion usage


router = APIRouter()


# #region probes
@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(provider: ProviderDep, response: Response) -> dict[str, str]:
    # "Can this process serve?", not "is the model API up?": every replica shares the model API, so
    # failing readiness on its outage would empty the Service instead of sending a clear 502.
    if not await provider.ready():
        response.status_code = 503
        return {"status": "not ready", "provider": provider.name}
    return {"status": "ready", "provider": provider.name}
# #endregion probes


# #region ask
@router.post("/v1/ask")
async def ask(body: AskRequest, agent: AgentDep, metrics: MetricsDep, sink: SinkDep, prices: PricesDep,
              background: BackgroundTasks) -> AskResponse:
    conversation = body.conversation_id or str(uuid.uuid4())
    # One span for the whole agent execution; the model calls and tool calls become its children.
    # The conversation id is fine on a span (one trace each), never as a metric label.
    with tracer.start_as_current_span("invoke_agent lumen", attributes={
            genai.OPERATION_NAME: "invoke_agent", genai.AGENT_NAME: "lumen", genai.CONVERSATION_ID: conversation}) as span:
        answer = await agent.answer(body.question)
        span.set_attribute("lumen.tool_calls", len(answer.tool_calls))
        await sink.publish(answer_events(conversation, body.question, answer, agent.provider.name))
    background.add_task(record_usage, metrics, "/v1/ask", answer.usage, answer.tool_calls, prices, conversation)
    return AskResponse(
        conversation_id=conversation,
        answer=answer.text,
        tool_calls=[ToolCallOut(**asdict(call)) for call in answer.tool_calls],
        usage=UsageOut(**usage_dict(answer.usage)),
    )
# #endregion ask


# #region stream
@router.post("/v1/ask/stream", response_class=EventSourceResponse)
async def ask_stream(body: AskRequest, agent: AgentDep, metrics: MetricsDep,
                     prices: PricesDep) -> AsyncIterable[ServerSentEvent]:
    calls: list[ToolCall] = []
    finished = False
    started, waiting = time.perf_counter(), True
    try:
        async for event in drain.guard(agent.stream(body.question)):
            if event is DRAINED:  # the process is stopping: say so while the connection still works
                metrics.inc("lumen_streams_drained_total")
                yield ServerSentEvent(event="error", retry=1000,
                                      data={"detail": "Lumen is restarting; ask again", "retry": True})
                break
            if event.kind == "token" and waiting:  # time to first token: what a user waits for
                waiting = False
                metrics.observe("lumen_time_to_first_token_seconds", time.perf_counter() - started,
                                trace_id=current_trace_id(), route="/v1/ask/stream")
            if event.kind == "tool":
                calls.append(ToolCall(**event.data))
            if event.kind == "done":
                used = event.data["usage"]
                usage = Usage(used["prompt_tokens"], used["completion_tokens"],
                              used["reasoning_tokens"], used["estimated"])
                record_usage(metrics, "/v1/ask/stream", usage, calls, prices)
            yield ServerSentEvent(event=event.kind, data=event.data)
        finished = True
    except ProviderError as error:
        log.warning("provider failed while streaming", extra={"fields": {"error": str(error)}})
        yield ServerSentEvent(event="error", data={"detail": "the model provider failed; try again later"})
        finished = True
    finally:
        if not finished:  # the client went away: the server cancelled this generator mid-answer
            metrics.inc("lumen_streams_cancelled_total")
            log.info("stream cancelled", extra={"fields": {"tool_calls": len(calls)}})
# #endregion stream


@router.get("/metrics")
async def prometheus_metrics(request: Request, metrics: MetricsDep) -> Response:
    body, content_type = metrics.render(accept=request.headers.get("accept", ""))
    return Response(body, headers={"Content-Type": content_type})


async def provider_failed(request: Request, error: Exception) -> JSONResponse:
    log.warning("provider failed", extra={"fields": {"error": str(error), "path": request.url.path}})
    return JSONResponse({"detail": "the model provider failed; try again later"}, status_code=502)


# #region access-log
QUIET_ROUTES = {"/healthz", "/readyz", "/metrics"}  # probes and scrapes: counted, logged only at DEBUG


class AccessLog:
    """Plain ASGI middleware: one counter and one JSON line per request. It never touches the body,
    so streamed responses and client disconnects pass through unchanged."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_watch(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_watch)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")  # the template, never the raw path
            metrics = getattr(scope["app"].state, "metrics", None)
            seconds = time.perf_counter() - started
            if metrics is not None:
                metrics.inc("lumen_requests_total", route=route, status=str(status))
                if route not in QUIET_ROUTES and route != "unmatched":
                    metrics.observe("lumen_request_duration_seconds", seconds, trace_id=current_trace_id(), route=route)
            fields = {"method": scope["method"], "route": route, "status": status,
                      "duration_ms": round(seconds * 1000, 1)}
            log.log(logging.DEBUG if route in QUIET_ROUTES else logging.INFO, "request", extra={"fields": fields})
# #endregion access-log


# #region app
def create_app(settings: Settings | None = None) -> FastAPI:
    if settings is None:
        settings = load_settings()  # invalid: one JSON line on stderr, exit status 1

    configure_logging(settings.log_level)  # before uvicorn's first line, so that one is JSON too
    configure_tracing(settings.traces)  # "off" leaves the OpenTelemetry API a no-op

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.metrics = Metrics()
        app.state.prices = Prices(settings.input_price, settings.output_price)
        # one client and connection pool per process, wrapped so every model call is a span
        app.state.provider = TracedProvider(build_provider(settings), settings.model if settings.provider != "offline"
                                            else "offline", settings.max_output_tokens, settings.trace_content)
        app.state.events = build_sink(settings, app.state.metrics)  # one producer per process, too
        drain.install(settings.drain_seconds)  # SIGTERM: streams get this long, then a final event
        log.info("started", extra={"fields": {"version": __version__, "provider": settings.provider,
                                              "events": settings.events}})
        try:
            yield  # the app serves requests while the lifespan is suspended here
        finally:
            drain.uninstall()
            await app.state.events.aclose()  # flush buffered events before the provider goes
            await app.state.provider.aclose()
            log.info("stopped")

    app = FastAPI(title="Lumen", version=__version__, lifespan=lifespan)
    app.add_middleware(AccessLog)
    app.add_exception_handler(ProviderError, provider_failed)
    app.include_router(router)
    # #region instrument
    # The server span for every request (W3C traceparent read from the caller), except probes and scrapes.
    FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics", exclude_spans=["receive", "send"])
    # #endregion instrument
    return app
# #endregion app
