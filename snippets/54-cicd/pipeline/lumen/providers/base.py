"""What Lumen expects from a language-model provider, in standard-library types only.

    provider: Provider = OfflineProvider()
    completion = await provider.complete("Question: What is 6 * 7?")
    completion.text         # -> "TOOL calculator: 6 * 7"
    completion.usage        # -> Usage(prompt_tokens=..., completion_tokens=4)
    async for chunk in provider.stream(prompt): ...   # text chunks as they are produced
    await provider.aclose()                           # release connections on shutdown
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Usage:
    """Tokens a call consumed; what the provider bills for."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.prompt_tokens + other.prompt_tokens, self.completion_tokens + other.completion_tokens)


@dataclass(frozen=True)
class Completion:
    """One finished answer from the model."""

    text: str
    usage: Usage


class ProviderError(Exception):
    """The model provider failed (network, timeout, bad status). The API turns it into a 502."""


def estimate_tokens(text: str) -> int:
    """A rough token count (one token per word) for when a provider reports none, e.g. while streaming."""
    return len(text.split())


# #region protocol
@runtime_checkable
class Provider(Protocol):
    """Anything that can turn a prompt into text. The agent and the API only ever see this."""

    name: str

    async def complete(self, prompt: str) -> Completion:
        """The whole answer at once, with the usage the provider reports."""
        ...

    def stream(self, prompt: str) -> AsyncIterator[str]:
        """The answer as text chunks, as soon as the model produces them."""
        ...

    async def ready(self) -> bool:
        """Whether the provider can take requests now (used by the readiness probe)."""
        ...

    async def aclose(self) -> None:
        """Release network connections; called once, on shutdown."""
        ...
# #endregion protocol
