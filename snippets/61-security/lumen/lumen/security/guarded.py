"""The agent loop of chapter 50 with the controls in it: every tool request goes through the gate, every
tool result is folded onto one line before the model sees it, and the answer passes the output filter.

    agent = GuardedAgent(provider, gate, agent_tools(corpus, https_fetch))
    answer = await agent.answer("What is 6 * 7?")   # -> GuardedAnswer(text="6 * 7 = 42.", steps=[...])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lumen.agent import GAVE_UP, ToolCall, build_prompt, parse_tool_request
from lumen.providers.base import Provider, Usage
from lumen.security.gate import Decision, ToolGate
from lumen.security.redact import redact
from lumen.tools import ToolError

MAX_TURNS = 6  # model calls per answer, whatever the budget says: a second, cruder bound


@dataclass(frozen=True)
class Step:
    tool: str
    argument: str
    decision: Decision


@dataclass(frozen=True)
class GuardedAnswer:
    text: str
    steps: list[Step] = field(default_factory=list)
    redacted: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)  # every model call of the answer, priced by lumen.cost.token_cost
    model_calls: int = 0


# #region loop
class GuardedAgent:
    def __init__(self, provider: Provider, gate: ToolGate, tools: dict[str, Callable[[str], str]]) -> None:
        self.provider, self.gate, self.tools = provider, gate, tools

    async def answer(self, question: str) -> GuardedAnswer:
        calls: list[ToolCall] = []
        steps: list[Step] = []
        usage = Usage()
        for turn in range(1, MAX_TURNS + 1):
            completion = await self.provider.complete(build_prompt(question, calls))
            usage += completion.usage
            request = parse_tool_request(completion.text)
            if request is None:
                text, found = redact(completion.text.strip())
                return GuardedAnswer(text, steps, found, usage, turn)
            tool, argument = request
            decision = self.gate.decide(tool, argument)
            steps.append(Step(tool, argument, decision))
            if decision.outcome == "allow":
                try:
                    run = self.tools.get(tool)
                    if run is None:
                        raise ToolError(f"no tool {tool!r} in this service")
                    calls.append(ToolCall(tool, argument, one_line(run(argument))))
                except ToolError as error:
                    calls.append(ToolCall(tool, argument, str(error), ok=False))
            else:  # the model is told no, and why; it cannot argue with the gate
                calls.append(ToolCall(tool, argument, f"{decision.control}: {decision.reason}", ok=False))
        return GuardedAnswer(GAVE_UP, steps, [], usage, MAX_TURNS)
# #endregion loop


def one_line(text: str) -> str:
    """A tool result on one line: a newline in a document cannot start a line that looks like the
    model's own `TOOL ...` request in the transcript."""
    return " ".join(text.split())
