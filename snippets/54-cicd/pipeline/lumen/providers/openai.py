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


class OpenAIProvider:
    name = "openai"

    def __init__(self, client: httpx2.AsyncClient, model: str, output_limit: int) -> None:
        self._client = client
        self._model = model
        self._output_limit = output_limit

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
        return cls(client, settings.model, settings.max_output_tokens)
    # #endregion client

    def _body(self, prompt: str, stream: bool) -> dict[str, Any]:
        return {
            "model": self._model,
            "messages": [{"role": "user", "content": prompt}],
            OUTPUT_LIMIT_FIELD: self._output_limit,
            "stream": stream,
        }

    async def complete(self, prompt: str) -> Completion:
        try:
            response = await self._client.post("/chat/completions", json=self._body(prompt, stream=False))
            response.raise_for_status()
        except httpx2.HTTPError as error:
            raise ProviderError(f"{type(error).__name__}: {error}") from error
        body = response.json()
        usage = body.get("usage") or {}
        return Completion(
            text=body["choices"][0]["message"].get("content") or "",
            usage=Usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
        )

    # #region stream
    async def stream(self, prompt: str) -> AsyncIterator[str]:
        try:
            async with self._client.stream("POST", "/chat/completions", json=self._body(prompt, stream=True)) as response:
                response.raise_for_status()
                async for line in response.aiter_lines():
                    if not line.startswith("data:"):
                        continue  # blank separators and ": keep-alive" comments
                    payload = line.removeprefix("data:").strip()
                    if payload == "[DONE]":
                        break
                    choices = json.loads(payload).get("choices") or []
                    text = (choices[0].get("delta") or {}).get("content") if choices else None
                    if text:
                        yield text
        except httpx2.HTTPError as error:
            raise ProviderError(f"{type(error).__name__}: {error}") from error
    # #endregion stream

    async def ready(self) -> bool:
        return not self._client.is_closed

    async def aclose(self) -> None:
        await self._client.aclose()
