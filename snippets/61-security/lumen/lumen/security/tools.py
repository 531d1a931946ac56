"""The tools chapter 61 adds, beside chapter 50's calculator and glossary: reading (search_docs,
fetch_url) and one that changes the world (publish). They do their job and nothing else; whether a call
may run at all is the gate's decision (lumen.security.gate), made before any of them is called.

    tools = agent_tools(corpus={"upgrade runbook": "Drain one pod at a time."}, fetch=https_fetch)
    tools["search_docs"]("upgrade runbook")   # -> "[upgrade runbook] Drain one pod at a time."
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable

from lumen.tools import ToolError, calculator, glossary

MAX_FETCH_BYTES = 64_000


def https_fetch(url: str) -> str:
    """The real transport: HTTPS only, a short timeout, a size cap. Egress is decided before this runs."""
    if not url.startswith("https://"):
        raise ToolError("only https URLs are fetched")
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read(MAX_FETCH_BYTES).decode("utf-8", "replace")


def agent_tools(corpus: dict[str, str], fetch: Callable[[str], str]) -> dict[str, Callable[[str], str]]:
    def search_docs(query: str) -> str:
        for title, text in corpus.items():
            if title in query.lower():
                return f"[{title}] {text}"
        raise ToolError(f"no document matches {query!r}")

    def publish(text: str) -> str:
        raise ToolError("publish runs only as an approved task, never directly")

    return {"calculator": calculator, "glossary": glossary, "search_docs": search_docs,
            "fetch_url": fetch, "publish": publish}
