"""API tests through FastAPI's TestClient: python3 -m pytest -q tests/test_api.py

No server, no network: the TestClient calls the app in-process, and the lifespan runs inside `with`.
Skipped when FastAPI is not installed (pip install -r requirements-dev.txt).
"""

import asyncio
import importlib.util
import json
import unittest
from collections.abc import AsyncIterator, Iterator

if importlib.util.find_spec("fastapi") is None:
    raise unittest.SkipTest("needs fastapi: pip install -r requirements-dev.txt")

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from lumen.main import create_app, get_provider  # noqa: E402
from lumen.providers.base import Completion, ProviderError, Usage  # noqa: E402
from lumen.settings import Settings  # noqa: E402
from lumen.shutdown import DRAINED, drain  # noqa: E402


# #region fixture
@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_app(Settings(provider="offline", stream_delay_ms=0, _env_file=None))
    with TestClient(app) as test_client:  # runs the lifespan: provider created, then closed
        yield test_client
# #endregion fixture


def read_events(response) -> list[tuple[str, dict]]:
    """Parses a text/event-stream body into (event, data) pairs, skipping comments."""
    events, name, data = [], "message", []
    for line in response.iter_lines():
        if line == "":
            if data:
                events.append((name, json.loads("\n".join(data))))
            name, data = "message", []
        elif line.startswith("event:"):
            name = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data.append(line.removeprefix("data:").strip())
    return events


def test_probes(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready", "provider": "offline"}


# #region ask-test
def test_ask_uses_the_calculator(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "What is 6 * 7?"})
    assert response.status_code == 200
    body = response.json()
    assert body["answer"] == "6 * 7 = 42."
    assert body["tool_calls"] == [{"name": "calculator", "input": "6 * 7", "output": "42", "ok": True}]
    assert body["usage"]["completion_tokens"] == 10
# #endregion ask-test


def test_question_is_validated(client: TestClient) -> None:
    assert client.post("/v1/ask", json={"question": ""}).status_code == 422
    assert client.post("/v1/ask", json={"question": "x" * 2001}).status_code == 422
    assert client.post("/v1/ask", json={}).status_code == 422


def test_stream_sends_tool_tokens_done(client: TestClient) -> None:
    with client.stream("POST", "/v1/ask/stream", json={"question": "What is a pod?"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = read_events(response)
    kinds = [name for name, _ in events]
    assert kinds[0] == "tool" and kinds[-1] == "done" and set(kinds[1:-1]) == {"token"}
    text = "".join(data["text"] for name, data in events if name == "token")
    assert text.startswith("A pod is the smallest unit Kubernetes schedules")


def test_usage_is_recorded_in_the_background(client: TestClient) -> None:
    client.post("/v1/ask", json={"question": "What is 6 * 7?"})
    metrics = client.get("/metrics").text
    assert 'lumen_requests_total{route="/v1/ask",status="200"} 1' in metrics
    assert 'lumen_tool_calls_total{ok="true",tool="calculator"} 1' in metrics
    assert 'lumen_tokens_total{kind="completion",source="estimate"} 10' in metrics  # offline: counted words


# #region override
class CannedProvider:
    """Stands in for the model: fixed answer, no network."""

    name = "canned"

    async def complete(self, prompt: str) -> Completion:
        return Completion("Canned answer.", Usage(3, 2))

    async def stream(self, prompt: str) -> AsyncIterator[str]:
        yield "Canned answer."

    async def ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None


def test_provider_can_be_swapped(client: TestClient) -> None:
    client.app.dependency_overrides[get_provider] = CannedProvider
    response = client.post("/v1/ask", json={"question": "anything"})
    assert response.json()["answer"] == "Canned answer."
    assert response.json()["usage"] == {"prompt_tokens": 3, "completion_tokens": 2, "reasoning_tokens": 0,
                                        "total_tokens": 5, "estimated": False}
# #endregion override


class BrokenProvider(CannedProvider):
    async def complete(self, prompt: str) -> Completion:
        raise ProviderError("ConnectTimeout: timed out")

    async def stream(self, prompt: str) -> AsyncIterator[str]:
        raise ProviderError("ConnectTimeout: timed out")
        yield ""  # unreachable; makes this an async generator


def test_provider_failure_is_a_502(client: TestClient) -> None:
    client.app.dependency_overrides[get_provider] = BrokenProvider
    response = client.post("/v1/ask", json={"question": "What is 6 * 7?"})
    assert response.status_code == 502
    assert "timed out" not in response.text  # internal details stay in the logs


def test_provider_failure_while_streaming_is_an_error_event(client: TestClient) -> None:
    client.app.dependency_overrides[get_provider] = BrokenProvider
    with client.stream("POST", "/v1/ask/stream", json={"question": "hi"}) as response:
        events = read_events(response)
    assert events == [("error", {"detail": "the model provider failed; try again later"})]


# #region disconnect
async def stream_by_hand(app, *, hang_up: bool, on_first_event=lambda: None) -> list[dict]:
    """Drives the ASGI app by hand: sends a streamed question, calls on_first_event() once the first
    event is out, and then hangs up (a user closing the tab) or stays until the response ends."""
    body = json.dumps({"question": "What is a pod?"}).encode()
    incoming = [{"type": "http.request", "body": body, "more_body": False}]
    first_event = asyncio.Event()
    sent: list[dict] = []

    async def receive() -> dict:
        if incoming:
            return incoming.pop(0)
        await first_event.wait()  # the user closes the tab once the first event has arrived
        if not hang_up:
            await asyncio.Event().wait()  # never set: this client stays
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and b"event:" in message.get("body", b"") and not first_event.is_set():
            first_event.set()
            on_first_event()

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/v1/ask/stream", "raw_path": b"/v1/ask/stream", "query_string": b"",
             "root_path": "", "headers": [(b"content-type", b"application/json"), (b"host", b"test")],
             "client": ("127.0.0.1", 1), "server": ("test", 80), "app": app, "state": {}}
    await asyncio.wait_for(app(scope, receive, send), timeout=30)
    return sent


def test_a_client_that_leaves_mid_stream_is_counted_and_stops_the_answer() -> None:
    app = create_app(Settings(provider="offline", stream_delay_ms=50, _env_file=None))
    with TestClient(app):  # runs the lifespan
        sent = asyncio.run(stream_by_hand(app, hang_up=True))
        metrics = app.state.metrics
    bodies = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert metrics.value("lumen_streams_cancelled_total") == 1
    assert b"event: done" not in bodies  # the answer stopped: no more tokens were produced or paid for
# #endregion disconnect


# #region drain
def test_a_stream_running_when_the_process_stops_ends_with_an_event_that_says_ask_again() -> None:
    # 15 tokens 300 ms apart take 4.5 s, and the first comes within 0.6 s of the signal: a 3 s grace lets some
    # through and still cuts the answer. A busy machine only makes the answer slower, so it is cut all the
    # same, and only a pause of over 2 s could keep every token out of the grace.
    app = create_app(Settings(provider="offline", stream_delay_ms=300, drain_seconds=3, _env_file=None))
    with TestClient(app):
        sent = asyncio.run(stream_by_hand(app, hang_up=False, on_first_event=drain.start))  # SIGTERM's handler
        metrics = app.state.metrics
    bodies = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    events = [block for block in bodies.decode().split("\n\n") if block.strip()]
    assert events[-1].startswith("event: error\n") and "retry: 1000" in events[-1], events[-1]
    assert '"retry":true' in events[-1].replace(" ", "")
    assert "event: done" not in bodies.decode()  # ended early, but told the client so
    assert any(e.startswith("event: token") for e in events)  # the grace let some tokens through first
    assert metrics.value("lumen_streams_drained_total") == 1
    assert metrics.value("lumen_streams_cancelled_total") == 0  # not counted as a client that left
# #endregion drain


async def slow_events() -> AsyncIterator[str]:
    yield "first"
    await asyncio.sleep(30)  # a model call that takes longer than the drain allows
    yield "never"


def test_drain_ends_a_long_wait_for_the_next_event_on_time() -> None:
    async def run() -> tuple[list[object], float]:
        drain.install(0.1)
        got: list[object] = []
        started = asyncio.get_running_loop().time()
        try:
            async for item in drain.guard(slow_events()):
                got.append(item)
                if item == "first":
                    drain.start()  # the signal arrives while the stream waits for its next event
        finally:
            drain.uninstall()
        return got, asyncio.get_running_loop().time() - started

    got, took = asyncio.run(run())
    assert got == ["first", DRAINED]
    assert took < 20  # the drain's 0.1 s, not the model call's 30 s


def test_without_a_stop_the_drain_passes_every_event_through() -> None:
    async def run() -> list[object]:
        drain.install(0.1)

        async def three() -> AsyncIterator[int]:
            for n in range(3):
                await asyncio.sleep(0)
                yield n

        try:
            return [item async for item in drain.guard(three())]
        finally:
            drain.uninstall()

    assert asyncio.run(run()) == [0, 1, 2]

def test_lifespan_closes_the_provider() -> None:
    app = create_app(Settings(provider="offline", _env_file=None))
    with TestClient(app):
        provider = app.state.provider
    assert provider.closed  # the lifespan closed it on shutdown
