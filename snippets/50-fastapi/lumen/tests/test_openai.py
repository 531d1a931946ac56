"""The production provider against a fake model API: python3 -m pytest -q tests/test_openai.py

httpx2's MockTransport answers in-process, so these tests check the exact request Lumen sends, how it
reads a completion and a token stream, and how HTTP failures become ProviderError, with no network and no
key. Skipped when httpx2 is not installed (pip install -r requirements-dev.txt).
"""

import asyncio
import importlib.util
import json
import unittest

if importlib.util.find_spec("httpx2") is None or importlib.util.find_spec("pydantic_settings") is None:
    raise unittest.SkipTest("needs httpx2 and pydantic-settings: pip install -r requirements-dev.txt")

import httpx2  # noqa: E402
import pytest  # noqa: E402

from lumen.providers.base import ProviderError, Usage  # noqa: E402
from lumen.providers.openai import OUTPUT_LIMIT_FIELD, OpenAIProvider  # noqa: E402
from lumen.settings import Settings  # noqa: E402

BASE_URL = "https://models.example.test/v1"


# #region mock
def provider_answering(handler, seen: list[httpx2.Request]) -> OpenAIProvider:
    """An OpenAIProvider whose client sends every request to `handler` instead of the network."""

    def record(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return handler(request)

    client = httpx2.AsyncClient(base_url=BASE_URL, transport=httpx2.MockTransport(record))
    return OpenAIProvider(client, model="test-model", output_limit=64, reasoning_effort="low")
# #endregion mock


def sse(*payloads: str) -> httpx2.Response:
    text = "".join(f"data: {payload}\n\n" for payload in payloads)
    return httpx2.Response(200, headers={"content-type": "text/event-stream"}, text=text)


async def collect(provider: OpenAIProvider) -> list[object]:
    return [chunk async for chunk in provider.stream("What is a pod?")]


def test_complete_sends_one_chat_request_and_reads_text_and_usage() -> None:
    seen: list[httpx2.Request] = []
    answer = {"choices": [{"message": {"content": "42."}}], "usage": {"prompt_tokens": 12, "completion_tokens": 2}}
    provider = provider_answering(lambda request: httpx2.Response(200, json=answer), seen)

    completion = asyncio.run(provider.complete("What is 6 * 7?"))

    assert completion.text == "42."
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (12, 2)
    [request] = seen
    assert request.method == "POST"
    assert str(request.url) == f"{BASE_URL}/chat/completions"
    body = json.loads(request.content)
    assert body["model"] == "test-model"
    assert body["messages"] == [{"role": "user", "content": "What is 6 * 7?"}]
    assert body[OUTPUT_LIMIT_FIELD] == 64
    assert body["reasoning_effort"] == "low"
    assert body["stream"] is False
    assert "stream_options" not in body


def test_stream_yields_the_delta_texts_and_stops_at_done() -> None:
    events = [
        ": keep-alive",
        "",
        'data: {"choices": [{"delta": {"role": "assistant"}}]}',
        "",
        'data: {"choices": [{"delta": {"content": "A pod"}}]}',
        "",
        'data: {"choices": [{"delta": {"content": " is small."}}]}',
        "",
        "data: [DONE]",
        "",
        'data: {"choices": [{"delta": {"content": "never read"}}]}',
        "",
    ]
    seen: list[httpx2.Request] = []
    provider = provider_answering(
        lambda request: httpx2.Response(200, headers={"content-type": "text/event-stream"}, text="\n".join(events)),
        seen,
    )

    async def collect() -> list[str]:
        return [chunk async for chunk in provider.stream("What is a pod?")]

    assert asyncio.run(collect()) == ["A pod", " is small."]
    body = json.loads(seen[0].content)
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}


# #region reasoning
def test_a_reply_truncated_by_reasoning_is_an_error_not_an_empty_answer() -> None:
    truncated = {
        "choices": [{"message": {"content": ""}, "finish_reason": "length"}],
        "usage": {"prompt_tokens": 70, "completion_tokens": 64, "completion_tokens_details": {"reasoning_tokens": 64}},
    }
    provider = provider_answering(lambda request: httpx2.Response(200, json=truncated), [])
    with pytest.raises(ProviderError, match="output cap of 64 tokens ran out before any answer"):
        asyncio.run(provider.complete("hello"))


def test_reasoning_tokens_are_read_from_the_usage() -> None:
    answer = {"choices": [{"message": {"content": "42."}, "finish_reason": "stop"}],
              "usage": {"prompt_tokens": 70, "completion_tokens": 40, "completion_tokens_details": {"reasoning_tokens": 38}}}
    provider = provider_answering(lambda request: httpx2.Response(200, json=answer), [])
    assert asyncio.run(provider.complete("hello")).usage == Usage(70, 40, 38)
# #endregion reasoning


def test_a_stream_ends_with_the_usage_the_api_reported() -> None:
    provider = provider_answering(lambda request: sse(
        '{"choices": [{"delta": {"content": "Hi."}, "finish_reason": "stop"}]}',
        '{"choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 30,'
        ' "completion_tokens_details": {"reasoning_tokens": 28}}}',
        "[DONE]"), [])
    assert asyncio.run(collect(provider)) == ["Hi.", Usage(9, 30, 28)]


def test_a_stream_truncated_by_reasoning_is_an_error() -> None:
    provider = provider_answering(lambda request: sse(
        '{"choices": [{"delta": {"content": ""}, "finish_reason": "length"}]}', "[DONE]"), [])
    with pytest.raises(ProviderError, match="output cap"):
        asyncio.run(collect(provider))


@pytest.mark.parametrize("reply", [
    httpx2.Response(200, json={"id": "no choices"}),
    httpx2.Response(200, json={"choices": []}),
    httpx2.Response(200, text="not json"),
    httpx2.Response(200, json={"choices": [{"message": None}]}),
])
def test_a_malformed_reply_is_a_provider_error(reply: httpx2.Response) -> None:
    provider = provider_answering(lambda request: reply, [])
    with pytest.raises(ProviderError, match="malformed reply"):
        asyncio.run(provider.complete("hello"))


def test_a_malformed_stream_line_is_a_provider_error() -> None:
    provider = provider_answering(lambda request: sse('{"choices": [{"delta": {"content": "A"}}]}', "{broken"), [])
    with pytest.raises(ProviderError, match="malformed stream"):
        asyncio.run(collect(provider))


def test_no_reasoning_effort_for_models_without_it() -> None:
    seen: list[httpx2.Request] = []
    client = httpx2.AsyncClient(base_url=BASE_URL, transport=httpx2.MockTransport(
        lambda request: seen.append(request) or httpx2.Response(200, json={"choices": [{"message": {"content": "x"}}]})))
    asyncio.run(OpenAIProvider(client, "llama", 64, reasoning_effort="").complete("hello"))
    assert "reasoning_effort" not in json.loads(seen[0].content)


@pytest.mark.parametrize("status", [401, 429, 500])
def test_http_errors_become_provider_errors(status: int) -> None:
    provider = provider_answering(lambda request: httpx2.Response(status, json={"error": "nope"}), [])
    with pytest.raises(ProviderError, match=str(status)):
        asyncio.run(provider.complete("hello"))


def test_a_transport_failure_becomes_a_provider_error() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("connection refused", request=request)

    provider = provider_answering(refuse, [])
    with pytest.raises(ProviderError, match="ConnectError"):
        asyncio.run(provider.complete("hello"))


def test_from_settings_needs_a_key_and_sends_it_only_in_the_header() -> None:
    with pytest.raises(ValueError, match="LUMEN_OPENAI_API_KEY"):
        OpenAIProvider.from_settings(Settings(provider="offline", _env_file=None))

    settings = Settings(provider="openai", openai_api_key="dummy-key-for-tests", _env_file=None)
    provider = OpenAIProvider.from_settings(settings)
    try:
        assert provider._client.headers["Authorization"] == "Bearer dummy-key-for-tests"
        assert "dummy-key-for-tests" not in repr(settings)  # SecretStr keeps it out of logs and tracebacks
        assert asyncio.run(provider.ready()) is True
    finally:
        asyncio.run(provider.aclose())
    assert asyncio.run(provider.ready()) is False
