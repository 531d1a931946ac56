"""Unit tests of chapter 58's pieces without a sidecar: the chat-client adapter, the guardrails and the
cost ledger. (Constructing a DurableAgent needs a sidecar: it reads the sidecar's metadata at start.)"""

import json

from dapr_agents import tool
from dapr_agents.hooks import Deny, LLMHookContext, Proceed, ToolHookContext

from lumen import tools as lumen_tools
from lumen.agents.chat_client import LumenChatClient, to_lumen_prompt
from lumen.agents.guardrails import CURRENT_STEP, TokenBudget, ToolPolicy, guardrail_hooks
from lumen.agents.ledger import CostLedger, MemoryStore, Step, cost_lines
from lumen.cost import Prices, token_cost
from lumen.providers.offline import OfflineProvider

TOOLS = [tool(lumen_tools.calculator), tool(lumen_tools.glossary)]


def ask(messages):
    return LumenChatClient(OfflineProvider()).generate(messages=messages, tools=TOOLS)


def test_a_tool_request_becomes_a_structured_tool_call():
    response = ask([{"role": "system", "content": "You are Lumen."}, {"role": "user", "content": "What is 6 * 7?"}])
    call = response.get_message().tool_calls[0]
    assert (call.id, call.function.name, json.loads(call.function.arguments)) == (
        "call_1_calculator", "calculator", {"expression": "6 * 7"})
    assert response.results[0].finish_reason == "tool_calls"
    assert response.metadata["usage"]["completion_tokens"] == 5  # "TOOL calculator: 6 * 7", one per word


def test_a_tool_result_comes_back_as_lumens_prompt_and_gives_the_answer():
    asked = ask([{"role": "user", "content": "What is 6 * 7?"}]).get_message().model_dump()
    messages = [{"role": "user", "content": "What is 6 * 7?"}, asked,
                {"role": "tool", "tool_call_id": "call_1_calculator", "name": "calculator", "content": "42"}]
    assert to_lumen_prompt(messages).endswith("Question: What is 6 * 7?\nTOOL calculator: 6 * 7\nTool result: 42")
    answer = ask(messages)
    assert answer.get_message().content == "6 * 7 = 42."
    assert answer.results[0].finish_reason == "stop"


def test_a_denied_or_failed_tool_is_an_error_for_the_model():
    asked = ask([{"role": "user", "content": "What is a pod?"}]).get_message().model_dump()
    denied = {"role": "tool", "tool_call_id": "call_1_glossary", "name": "glossary",
              "content": "Tool 'glossary' was not executed: writer may not call glossary (allowed: none)."}
    reply = ask([{"role": "user", "content": "What is a pod?"}, asked, denied]).get_message().content
    assert reply.startswith("Sorry, I could not use the glossary tool: Tool 'glossary' was not executed")


def test_the_allow_list_is_per_caller():
    policy = ToolPolicy({"researcher": {"glossary"}})
    assert isinstance(policy.decide("researcher", "glossary"), Proceed)
    refused = policy.decide("researcher", "calculator")
    assert isinstance(refused, Deny) and refused.reason == "researcher may not call calculator (allowed: glossary)"
    assert policy.decide("someone-else", "glossary").reason.endswith("(allowed: none)")


def test_the_budget_refuses_a_call_that_would_exceed_it():
    assert isinstance(TokenBudget(100).decide(spent=30, next_prompt=70), Proceed)
    refused = TokenBudget(100).decide(spent=30, next_prompt=71)
    assert isinstance(refused, Deny) and "30 spent + 71 for the next prompt > 100" in refused.reason


def test_the_hooks_record_each_step_once_and_stop_the_loop_at_the_budget():
    ledger = CostLedger(MemoryStore())
    hooks = guardrail_hooks("researcher", ToolPolicy({"researcher": {"calculator"}}), TokenBudget(120), ledger)
    messages = [{"role": "user", "content": "What is 6 * 7?"}]
    token = CURRENT_STEP.set(("task-1", 1))
    try:
        assert isinstance(hooks.before_llm_call[0](LLMHookContext(payload={"messages": messages})), Proceed)
        response = ask(messages)
        context = LLMHookContext(payload={"messages": messages, "response_metadata": response.metadata})
        for _ in range(2):  # an activity retried after it ran: the same turn overwrites its entry
            hooks.after_llm_call[0](context, response.get_message().model_dump())
    finally:
        CURRENT_STEP.reset(token)
    assert ledger.steps("task-1") == [Step(1, 66, 5, "calculator")]
    token = CURRENT_STEP.set(("task-1", 2))
    try:
        refused = hooks.before_llm_call[0](LLMHookContext(payload={"messages": messages}))
    finally:
        CURRENT_STEP.reset(token)
    assert isinstance(refused, Deny) and refused.reason.startswith("token budget exhausted: 71 spent + 66")
    denied = hooks.before_tool_call[0](ToolHookContext(step_name="glossary", source="local", payload={}))
    assert isinstance(denied, Deny)


def test_cost_lines_price_with_the_books_one_price_list():
    steps = [Step(1, 59, 4, "calculator"), Step(2, 64, 5)]
    lines = cost_lines(steps)
    assert lines[0] == "step 1: 59 x $0.25/1M + 4 x $2/1M = $0.00002275 (asked for calculator)"
    total = token_cost(123, 9, Prices())
    assert lines[-1] == f"task: 2 model calls, 132 tokens, ${total:.8f} (${total * 1e6:,.2f} per million such tasks)"
