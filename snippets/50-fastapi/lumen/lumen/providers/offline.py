"""OfflineProvider: a stand-in for a language model that needs no network, no key and no GPU.

It answers from rules, so the same prompt always gives the same text: tests can assert exact answers,
and the whole service runs on a laptop or in CI for free. Standard library only.

    provider = OfflineProvider(delay_s=0.02)
    (await provider.complete(build_prompt("What is 6 * 7?"))).text   # -> "TOOL calculator: 6 * 7"
    (await provider.complete(build_prompt("What is a pod?"))).text   # -> "TOOL glossary: a pod"

Rules, applied to the last "Question:" line of the prompt and what follows it:
  1. a "Tool result:" or "Tool error:" line is there  -> a one-sentence answer built from it
  2. the question contains arithmetic (6 * 7)          -> "TOOL calculator: <expression>"
  3. the question is "what is/are X", "define X"      -> "TOOL glossary: <X>"
  4. anything else                                    -> a fixed sentence explaining the limits
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

from lumen.providers.base import Completion, Usage, estimate_tokens

_EXPRESSION = re.compile(r"[\d(][\d\s.()+\-*/%]*[\d)]")
_OPERATOR = re.compile(r"[+\-*/%]")
_DEFINITION = re.compile(r"^(?:what\s+is|what\s+are|what's|define|explain)\s+(.+?)[?.!]*$", re.IGNORECASE)
_TOOL_LINE = re.compile(r"^TOOL\s+([a-z_]+)\s*:\s*(.+)$")
FALLBACK = (
    "I am Lumen's offline provider, so I only answer arithmetic (What is 6 * 7?) and glossary "
    "questions (What is a pod?). Set LUMEN_PROVIDER=openai for everything else."
)


def _with_article(term: str) -> str:
    return f"{'An' if term[:1].lower() in 'aeiou' else 'A'} {term}"


def offline_reply(prompt: str) -> str:
    """The deterministic reply to a prompt built by lumen.agent.build_prompt."""
    lines = prompt.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Question: ")]
    if not starts:
        return FALLBACK
    question = lines[starts[-1]].removeprefix("Question: ").strip()
    after = lines[starts[-1] + 1 :]
    tool = next((_TOOL_LINE.match(line) for line in reversed(after) if _TOOL_LINE.match(line)), None)
    outcome = next((line for line in reversed(after) if line.startswith(("Tool result: ", "Tool error: "))), None)
    if tool and outcome:
        name, argument = tool.group(1), tool.group(2)
        kind, _, value = outcome.partition(": ")
        if kind == "Tool error":
            return f"Sorry, I could not use the {name} tool: {value}."
        if name == "calculator":
            return f"{argument} = {value}."
        term, _, meaning = value.partition(": ")
        return f"{_with_article(term)} is {meaning}."
    for match in _EXPRESSION.finditer(question):
        if _OPERATOR.search(match.group()):
            return f"TOOL calculator: {match.group().strip()}"
    definition = _DEFINITION.match(question)
    if definition:
        return f"TOOL glossary: {definition.group(1)}"
    return FALLBACK


class OfflineProvider:
    name = "offline"

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s  # pause between streamed words, so streaming is visible in a demo
        self.closed = False

    async def complete(self, prompt: str) -> Completion:
        text = offline_reply(prompt)
        return Completion(text, Usage(estimate_tokens(prompt), estimate_tokens(text), estimated=True))

    # #region stream
    async def stream(self, prompt: str) -> AsyncIterator[str]:
        for index, word in enumerate(offline_reply(prompt).split(" ")):
            await asyncio.sleep(self.delay_s)  # also hands control back to the event loop
            yield word if index == 0 else f" {word}"
    # #endregion stream

    async def ready(self) -> bool:
        return not self.closed

    async def aclose(self) -> None:
        self.closed = True
