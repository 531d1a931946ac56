"""EditorProvider: the writer agent's model, offline and deterministic like Lumen's OfflineProvider.

    (await EditorProvider().complete(build_prompt("Write a runbook entry. Research: A pod is ..."))).text
    # -> "Runbook entry: A pod is ... (source: lumen-researcher; checked against Lumen's glossary)"

It follows the same Provider protocol (chapter 50), so the writer agent runs through LumenChatClient as
the researcher does; it only reformats the research it is handed. Standard library only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from lumen.providers.base import Completion, Usage, estimate_tokens

MARKER = "Research: "


def edit(prompt: str) -> str:
    question = next((line for line in reversed(prompt.splitlines()) if line.startswith("Question: ")), "")
    research = question.partition(MARKER)[2].strip()
    if not research:
        return "I only write runbook entries from research handed to me (a task with 'Research: ...')."
    return f"Runbook entry: {research} (source: lumen-researcher; checked against Lumen's glossary)"


class EditorProvider:
    name = "offline-editor"

    async def complete(self, prompt: str) -> Completion:
        text = edit(prompt)
        return Completion(text, Usage(estimate_tokens(prompt), estimate_tokens(text), estimated=True))

    async def stream(self, prompt: str) -> AsyncIterator[str]:
        yield edit(prompt)

    async def ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None
