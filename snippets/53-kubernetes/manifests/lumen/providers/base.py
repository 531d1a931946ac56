"""What Lumen expects from a language-model provider, in standard-library types only.

    provider: Provider = OfflineProvider()
    completion = await provider.complete("Question: What is 6 * 7?")
    completion.text         # -> "TOOL calculator: 6 * 7"
    completion.usage        # -> Usage(prompt_tokens=..., completion_tokens=4, estimated=True)
    async for chunk in provider.stream(prompt): ...   # str chunks as produced, then at most one Usage
    await provider.aclose()                           # release connections on shutdown
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Usage:
    """Tokens a call consumed; what the provider bills for.

    reasoning_tokens are the hidden "thinking" of a reasoning model. They are already part of
    completion_tokens (and billed as output), so they are reported, never added again.
    estimated is True when nobody reported the counts and Lumen estimated them (one token per word).
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasoning_tokens: int = 0
    estimated: bool = False

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
            self.reasoning_tokens + other.reasoning_tokens,
            self.estimated or other.estimated,
        )


@dataclass(frozen=True)
class Completion:
    """One finished answer from the model."""

    text: str
    usage: Usage


class ProviderError(Exception):
    """The model provider failed (network, timeout, bad status, a reply Lumen cannot use). The API turns
    it into a 502, or an `error` event in a stream."""


def estimate_tokens(text: str) -> int:
    """A rough token count (one token per word) for when a provider reports none (the offline provider)."""
    return len(text.split())


# #region protocol
@runtime_checkable
class Provider(Protocol):
    """Anything that can turn a prompt into text. The agent and the API only ever see this."""

    name: str

    async def complete(self, prompt: str) -> Completion:
        """The whole answer at once, with the usage the provider reports."""
        ...

    def stream(self, prompt: str) -> AsyncIterator[str | Usage]:
        """The answer as text chunks, as soon as the model produces them; then, if the provider
        reported it, one Usage for the whole call."""
        ...

    async def ready(self) -> bool:
        """Whether this process can send requests (a local check, no network call): the readiness probe."""
        ...

    async def aclose(self) -> None:
        """Release network connections; called once, on shutdown."""
        ...
# #endregion protocol
