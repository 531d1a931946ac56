"""Guardrails as code, not prompt text: a tool allow-list per caller and a token budget per task.

    hooks = guardrail_hooks("lumen-researcher", ToolPolicy({"lumen-researcher": {"glossary"}}),
                            TokenBudget(200), ledger)
    DurableAgent(..., hooks=hooks)

Both are dapr-agents hooks. The allow-list is a before_tool_call hook: it runs in the workflow body, so it
must be deterministic (it reads only its own configuration). A refused call never reaches the run_tool
activity; the model gets a tool message saying why. The budget is a before_llm_call hook: it runs inside
the call_llm activity, so it may read the ledger in the state store; once a task has spent its budget,
the next model call is refused and the loop ends with that refusal as the answer.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field

from dapr_agents.hooks import Deny, HookDecision, Hooks, LLMHookContext, Proceed, ToolHookContext

from lumen.agents.chat_client import to_lumen_prompt
from lumen.agents.ledger import CostLedger, Step
from lumen.providers.base import estimate_tokens

# (task id, turn) of the call_llm activity running in this thread; set by LumenAgent.call_llm.
CURRENT_STEP: contextvars.ContextVar[tuple[str, int]] = contextvars.ContextVar("lumen_current_step")


# #region allow-list
@dataclass(frozen=True)
class ToolPolicy:
    allowed: dict[str, set[str]] = field(default_factory=dict)  # caller -> tools it may call

    def decide(self, caller: str, tool: str) -> HookDecision:
        permitted = self.allowed.get(caller, set())
        if tool in permitted:
            return Proceed()
        return Deny(reason=f"{caller} may not call {tool} (allowed: {', '.join(sorted(permitted)) or 'none'})",
                    code="lumen.tool_not_allowed")
# #endregion allow-list


# #region budget
@dataclass(frozen=True)
class TokenBudget:
    limit: int  # tokens (prompt + completion) one task may spend on the model

    def decide(self, spent: int, next_prompt: int) -> HookDecision:
        if spent + next_prompt > self.limit:
            return Deny(reason=f"token budget exhausted: {spent} spent + {next_prompt} for the next prompt"
                               f" > {self.limit}", code="lumen.budget_exhausted")
        return Proceed()
# #endregion budget


def guardrail_hooks(caller: str, policy: ToolPolicy, budget: TokenBudget, ledger: CostLedger) -> Hooks:
    def allow_list(context: ToolHookContext) -> HookDecision:
        return policy.decide(caller, context.step_name)

    def check_budget(context: LLMHookContext) -> HookDecision:
        task_id, _ = CURRENT_STEP.get()
        next_prompt = estimate_tokens(to_lumen_prompt(list(context.payload.get("messages", []))))
        return budget.decide(ledger.spent(task_id), next_prompt)

    def record_usage(context: LLMHookContext, message: dict) -> None:
        task_id, turn = CURRENT_STEP.get()
        usage = context.payload.get("response_metadata", {}).get("usage")
        if usage is None:  # the call was refused (Deny or Skip): no model ran, nothing to record
            return None
        tool = next((c["function"]["name"] for c in message.get("tool_calls") or []), None)
        ledger.record(task_id, Step(turn, usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0), tool))
        return None

    return Hooks(before_tool_call=[allow_list], before_llm_call=[check_budget], after_llm_call=[record_usage])
