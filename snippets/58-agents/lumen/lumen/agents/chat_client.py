"""LumenChatClient: Lumen's Provider (chapter 50) behind dapr-agents' chat-client interface.

    client = LumenChatClient(OfflineProvider())
    response = client.generate(messages=[{"role": "user", "content": "What is 6 * 7?"}], tools=[calculator])
    response.get_message().tool_calls[0].function.name    # -> "calculator"
    response.metadata["usage"]                             # -> {"prompt_tokens": 59, "completion_tokens": 4, ...}

A DurableAgent asks its `llm` for the next assistant message with OpenAI-shaped messages (system, user,
assistant with tool_calls, tool). Lumen's providers take one plain-text prompt and ask for a tool with a
line `TOOL <name>: <input>`. This class translates both ways and reports the provider's usage in the
response metadata, where the agent's after_llm_call hooks find it. Nothing here opens a connection.
"""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

from dapr_agents.llm.chat import ChatClientBase
from dapr_agents.types.message import AssistantMessage, FunctionCall, LLMChatCandidate, LLMChatResponse, ToolCall

from lumen.agent import ToolCall as LumenToolCall
from lumen.agent import build_prompt, parse_tool_request
from lumen.providers.base import Provider

TOOL_FAILED = "Error executing tool "  # how DurableAgent.run_tool reports a tool that raised
TOOL_DENIED = "was not executed: "     # how DurableAgent reports a before_tool_call Deny


# #region translate
def to_lumen_prompt(messages: list[dict[str, Any]]) -> str:
    """The conversation as Lumen's prompt: the last user question, then each tool call and its result."""
    question = next((m.get("content") or "" for m in reversed(messages) if m.get("role") == "user"), "")
    asked: dict[str, tuple[str, str]] = {}  # tool_call_id -> (tool name, the input the model gave)
    calls: list[LumenToolCall] = []
    for message in messages:
        for call in message.get("tool_calls") or []:
            arguments = json.loads(call["function"].get("arguments") or "{}")
            asked[call["id"]] = (call["function"]["name"], str(next(iter(arguments.values()), "")))
        if message.get("role") == "tool" and message.get("tool_call_id") in asked:
            name, argument = asked[message["tool_call_id"]]
            content = str(message.get("content") or "")
            ok = not (content.startswith(TOOL_FAILED) or TOOL_DENIED in content)
            detail = content.split(": ", 2)[-1] if content.startswith(TOOL_FAILED) else content
            calls.append(LumenToolCall(name, argument, detail.rstrip("."), ok))
    return build_prompt(question, calls)


def to_assistant_message(text: str, tools: list[Any], step: int) -> tuple[AssistantMessage, str]:
    """Lumen's reply as an assistant message: a `TOOL name: input` line becomes a structured tool call."""
    request = parse_tool_request(text)
    if request is None:
        return AssistantMessage(content=text.strip()), "stop"
    name, argument = request
    schema = next((t.args_schema for t in tools if getattr(t, "name", None) == name), {})
    parameter = next(iter(schema), "input")  # calculator(expression), glossary(term)
    call = ToolCall(id=f"call_{step}_{name}", type="function",
                    function=FunctionCall(name=name, arguments=json.dumps({parameter: argument})))
    return AssistantMessage(content=None, tool_calls=[call]), "tool_calls"
# #endregion translate


def run_coroutine(coroutine: Any) -> Any:
    """Runs a provider coroutine from synchronous code, also when the calling thread has a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    result: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", asyncio.run(coroutine)))
    thread.start()
    thread.join()
    return result["value"]


# #region client
class LumenChatClient(ChatClientBase):
    """A dapr-agents chat client whose model is any Lumen Provider (the offline one in this book)."""

    def __init__(self, provider: Provider) -> None:
        self.backend = provider
        self.prompty = None
        self.prompt_template = None
        self.provider = "lumen"     # the agent's registry metadata and spans read these two strings
        self.model = provider.name

    @classmethod
    def from_prompty(cls, prompty_source: str | Path, timeout: Any = 1500) -> LumenChatClient:
        raise NotImplementedError("Lumen builds its prompt in lumen.agent.build_prompt, not from Prompty")

    def generate(self, messages: Any = None, *, input_data: Any = None, model: Any = None, tools: Any = None,
                 response_format: Any = None, structured_mode: Any = None, stream: bool = False,
                 **kwargs: Any) -> LLMChatResponse:
        if response_format is not None:
            raise NotImplementedError("the offline provider cannot produce structured output")
        conversation = [m if isinstance(m, dict) else m.model_dump() for m in (messages or [])]
        completion = run_coroutine(self.backend.complete(to_lumen_prompt(conversation)))
        step = 1 + sum(1 for m in conversation if m.get("role") == "assistant")
        message, finish = to_assistant_message(completion.text, list(tools or []), step)
        usage = completion.usage
        return LLMChatResponse(
            results=[LLMChatCandidate(message=message, finish_reason=finish)],
            metadata={"model": self.backend.name, "usage": {
                "prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens,
                "reasoning_tokens": usage.reasoning_tokens, "estimated": usage.estimated}})
# #endregion client
