"""OpenAIProvider: the production path, over any OpenAI-compatible chat completions API, with httpx2.

    provider = OpenAIProvider.from_settings(settings)   # one AsyncClient: pooled connections, timeouts
    completion = await provider.complete(prompt)        # POST {base_url}/chat/completions
    async for chunk in provider.stream(prompt): ...     # the same call with "stream": true (SSE)
    await provider.aclose()                             # closes the connection pool

Works against OpenAI itself and against servers that copy its API (vLLM, Ollama, LiteLLM, ...):
point LUMEN_OPENAI_BASE_URL at them.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import httpx2

from lumen.providers.base import Completion, ProviderError, Usage

if TYPE_CHECKING:
    from lumen.settings import Settings

# OpenAI's name for the output cap; some compatible servers still expect the older "max_tokens".
OUTPUT_LIMIT_FIELD = "max_completion_tokens"
# What a malformed reply raises while Lumen reads it: turned into ProviderError, never a 500 or a dead stream.
MALFORMED = (ValueError, KeyError, IndexError, TypeError, AttributeError)


def read_usage(usage: dict[str, Any] | None) -> Usage | None:
    """The usage object of a chat completion (or of a stream's last chunk), reasoning tokens included."""
    if not usage:
        return None
    details = usage.get("completion_tokens_details") or {}
    return Usage(
        int(usage.get("prompt_tokens", 0)),
        int(usage.get("completion_tokens", 0)),
        int(details.get("reasoning_tokens") or 0),
    )


class OpenAIProvider:
    name = "openai"

    def __init__(self, client: httpx2.AsyncClient, model: str, output_limit: int, reasoning_effort: str = "") -> None:
        self._client = client
        self._model = model
        self._output_limit = output_limit
        self._reasoning_effort = reasoning_effort

    # #region client
    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIProvider:
        if settings.openai_api_key is None:
            raise ValueError("LUMEN_OPENAI_API_KEY is not set")
        client = httpx2.AsyncClient(
            base_url=settings.openai_base_url,
            headers={"Authorization": f"Bearer {settings.openai_api_key.get_secret_value()}"},
            timeout=httpx2.Timeout(settings.request_timeout_s, connect=5.0),
            limits=httpx2.Limits(max_connections=50, max_keepalive_connections=10),
        )
        return cls(client, settings.model, settings.max_output_tokens, settings.reasoning_effort)
    # #endregion client

    # #region body
    def _body(self, prompt: str, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self._model,
            "messages": [{"role": "user", "content": prompt}],
            OUTPUT_LIMIT_FIELD: self._output_limit,  # a reasoning model's hidden reasoning counts against it
            "stream": stream,
        }
        if self._reasoning_effort:  # "" for models and servers that do not know the parameter
            body["reasoning_effort"] = self._reasoning_effort
        if stream:
            body["stream_options"] = {"include_usage": True}  # a last chunk with the real token counts
        return body
    # #endregion body

    # #region complete
    async def complete(self, prompt: str) -> Completion:
        try:
            response = await self._client.post("/chat/completions", json=self._body(prompt, stream=False))
            response.raise_for_status()
            body = response.json()
            choice = body["choices"][0]
            text = choice["message"].get("content") or ""
            usage = read_usage(body.get("usage")) or Usage()
        except httpx2.HTTPError as error:
            raise ProviderError(f"{type(error).__name__}: {error}") from error
        except MALFORMED as error:
            raise ProviderError(f"malformed reply from the model API ({type(error).__name__}: {error})") from error
        if choice.get("finish_reason") == "length" and not text.strip():
            raise self._cap_used_up(usage)
        return Completion(text=text, usage=usage)
    # #endregion complete

    def _cap_used_up(self, usage: Usage) -> ProviderError:
        """A reasoning model can spend the whole output cap thinking and return no answer at all."""
        return ProviderError(
            f"the output cap of {self._output_limit} tokens ran out before any answer"
            f" ({usage.reasoning_tokens} of them reasoning): raise LUMEN_MAX_OUTPUT_TOKENS"
            " or lower LUMEN_REASONING_EFFORT"
        )

    # #region stream
    async def stream(self, prompt: str) -> AsyncIterator[str | Usage]:
        produced, finish = "", None
        usage: Usage | None = None
        try:
            async with self._client.stream("POST", "/chat/completions", json=self._body(prompt, stream=True)) as response:
                response.raise_for_status()
                async for line in response.aiter_lines():
                    if not line.startswith("data:"):
                        continue  # blank separators and ": keep-alive" comments
                    payload = line.removeprefix("data:").strip()
                    if payload == "[DONE]":
                        break
                    chunk = json.loads(payload)
                    usage = read_usage(chunk.get("usage")) or usage  # only the last chunk carries usage
                    choices = chunk.get("choices") or []
                    if not choices:
                        continue
                    finish = choices[0].get("finish_reason") or finish
                    text = (choices[0].get("delta") or {}).get("content")
                    if text:
                        produced += text
                        yield text
        except httpx2.HTTPError as error:
            raise ProviderError(f"{type(error).__name__}: {error}") from error
        except MALFORMED as error:
            raise ProviderError(f"malformed stream from the model API ({type(error).__name__}: {error})") from error
        if finish == "length" and not produced.strip():
            raise self._cap_used_up(usage or Usage())
        if usage is not None:
            yield usage
    # #endregion stream

    async def ready(self) -> bool:
        """A local check only: the client is open. It never calls the model API (see the chapter on why)."""
        return not self._client.is_closed

    async def aclose(self) -> None:
        await self._client.aclose()
