"""The agent: asks the provider, runs a tool when the model asks for one, and returns the answer.

    agent = Agent(OfflineProvider())                    # tools run in this process
    agent = Agent(provider, tools=RemoteTools(sidecar))  # chapter 55: tools run in the lumen-tools app
    answer = await agent.answer("What is 6 * 7?")
    answer.text, answer.tool_calls, answer.usage   # -> "6 * 7 = 42.", [ToolCall(calculator ...)], Usage(...)
    async for event in agent.stream("What is a pod?"):
        event.kind, event.data                     # "tool" | "token" | "done", with a JSON-ready dict

The model requests a tool by answering with exactly one line, `TOOL <name>: <input>`. That plain-text
form works with any chat model and with the offline provider alike. Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from lumen.providers.base import Provider, Usage, estimate_tokens
from lumen.tools import TOOLS, ToolError, run_tool

MAX_TOOL_CALLS = 2
TOOL_PREFIX = "TOOL "
GAVE_UP = "Sorry, I could not finish that answer within the tool-call limit."
_TOOL_LINE = re.compile(r"^TOOL\s+([a-z_]+)\s*:\s*(.+)$")


@dataclass(frozen=True)
class ToolCall:
    name: str
    input: str
    output: str
    ok: bool = True


@dataclass(frozen=True)
class Answer:
    text: str
    tool_calls: list[ToolCall] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class Event:
    """One step of a streamed answer: kind is "tool", "token" or "done"; data is JSON-ready."""

    kind: str
    data: dict[str, Any]


# #region runner
class ToolRunner(Protocol):
    async def run(self, name: str, argument: str) -> ToolCall: ...


class LocalTools:
    """Tools in this process, as chapters 50-54 ran them."""

    async def run(self, name: str, argument: str) -> ToolCall:
        return run_requested_tool(name, argument)
# #endregion runner


# #region prompt
def build_prompt(question: str, tool_calls: list[ToolCall] | None = None,
                 history: list[tuple[str, str]] | None = None) -> str:
    """The whole conversation as one prompt; the question is folded onto one line."""
    tools = "\n".join(f"- {tool.name}: {tool.description}" for tool in TOOLS.values())
    lines = [
        "You are Lumen, a concise assistant for cloud-native engineering questions.",
        f"Tools you may use:\n{tools}",
        "To use a tool, reply with exactly one line and nothing else: TOOL <name>: <input>",
        "When a tool result is given, answer in one or two sentences.",
    ]
    for asked, answered in history or []:  # memory: earlier turns, which the model is billed for again
        lines.append(f"Earlier the user asked: {' '.join(asked.split())}")
        lines.append(f"You answered: {' '.join(answered.split())}")
    lines += [
        f"Question: {' '.join(question.split())}",
    ]
    for call in tool_calls or []:
        lines.append(f"TOOL {call.name}: {call.input}")
        lines.append(f"Tool {'result' if call.ok else 'error'}: {call.output}")
    return "\n".join(lines)


def parse_tool_request(text: str) -> tuple[str, str] | None:
    """("calculator", "6 * 7") when the model's whole reply is a tool request, else None."""
    match = _TOOL_LINE.match(text.strip())
    return (match.group(1), match.group(2).strip()) if match else None
# #endregion prompt


def run_requested_tool(name: str, argument: str) -> ToolCall:
    """Runs a tool; a failure becomes a ToolCall with ok=False so the model can explain it."""
    try:
        return ToolCall(name, argument, run_tool(name, argument))
    except ToolError as error:
        return ToolCall(name, argument, str(error), ok=False)


class Agent:
    def __init__(self, provider: Provider, tools: ToolRunner | None = None) -> None:
        self.provider = provider
        self.tools: ToolRunner = tools or LocalTools()

    # #region answer
    async def answer(self, question: str, history: list[tuple[str, str]] | None = None) -> Answer:
        calls: list[ToolCall] = []
        usage = Usage()
        for _ in range(MAX_TOOL_CALLS + 1):
            completion = await self.provider.complete(build_prompt(question, calls, history))
            usage += completion.usage
            request = parse_tool_request(completion.text)
            if request is None:
                return Answer(completion.text.strip(), calls, usage)
            if len(calls) == MAX_TOOL_CALLS:
                break
            calls.append(await self.tools.run(*request))
        return Answer(GAVE_UP, calls, usage)
    # #endregion answer

    # #region stream
    async def stream(self, question: str) -> AsyncIterator[Event]:
        """Like answer(), but yields tokens as they arrive. Tool requests are held back, never shown."""
        calls: list[ToolCall] = []
        usage = Usage()
        for _ in range(MAX_TOOL_CALLS + 1):
            prompt = build_prompt(question, calls)
            held = ""  # text kept back until we know whether it is a tool request
            passing = False  # True once the reply is known to be an answer, not a tool request
            produced = ""
            reported: Usage | None = None  # what the provider says the call used, if it says
            async for chunk in self.provider.stream(prompt):
                if isinstance(chunk, Usage):
                    reported = chunk
                    continue
                produced += chunk
                if passing:
                    yield Event("token", {"text": chunk})
                    continue
                held += chunk
                if len(held.lstrip()) >= len(TOOL_PREFIX) and not held.lstrip().startswith(TOOL_PREFIX):
                    passing = True
                    yield Event("token", {"text": held})
            usage += reported or Usage(estimate_tokens(prompt), estimate_tokens(produced), estimated=True)
            request = None if passing else parse_tool_request(held)
            if request is None:
                if not passing and held:
                    yield Event("token", {"text": held})
                break
            if len(calls) == MAX_TOOL_CALLS:
                yield Event("token", {"text": GAVE_UP})
                break
            call = await self.tools.run(*request)
            calls.append(call)
            yield Event("tool", asdict(call))
        yield Event("done", {"usage": usage_dict(usage), "tool_calls": len(calls)})
    # #endregion stream


def usage_dict(usage: Usage) -> dict[str, int | bool]:
    """{"prompt_tokens", "completion_tokens", "reasoning_tokens", "total_tokens", "estimated"}"""
    counts = asdict(usage)
    estimated = counts.pop("estimated")
    return {**counts, "total_tokens": usage.total_tokens, "estimated": estimated}
