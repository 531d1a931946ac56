"""Lumen's agent on Dapr Agents: a DurableAgent whose model is Lumen's provider and whose tools are
Lumen's tools, with the chapter's guardrails and cost ledger attached.

    agent = build_agent("lumen-researcher", tools=["glossary", "calculator"], budget_tokens=400)
    runner = AgentRunner()
    output = await runner.run(agent, {"task": "What is a sidecar?"}, instance_id="task-1")

Every model call and every tool call is an activity of the agent's workflow, so a crash resumes the
loop where it stopped (chapter 57). The workflow state lives in the sidecar's actor state store; the
agent's own conversation record and the cost ledger live in the `statestore` component.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from dapr_agents import DurableAgent, tool
from dapr_agents.agents.configs import (
    AgentExecutionConfig,
    AgentMCPConfig,
    AgentPubSubConfig,
    AgentStateConfig,
)
from dapr_agents.storage.daprstores.stateservice import StateStoreService

from lumen import tools as lumen_tools
from lumen.agents.chat_client import LumenChatClient
from lumen.agents.guardrails import CURRENT_STEP, TokenBudget, ToolPolicy, guardrail_hooks
from lumen.agents.ledger import CostLedger, DaprStore
from lumen.providers.base import Provider
from lumen.providers.offline import OfflineProvider

STATE_STORE = os.environ.get("LUMEN_AGENT_STATE_STORE", "statestore")
PUBSUB = os.environ.get("LUMEN_AGENT_PUBSUB", "agent-pubsub")
# Lumen's tools, unchanged (chapter 50), as dapr-agents tools: the name and docstring become the schema.
TOOLS = {name: tool(getattr(lumen_tools, name)) for name in ("calculator", "glossary")}


# #region agent
class LumenAgent(DurableAgent):
    """A DurableAgent that tells its hooks which task and turn the running call_llm activity serves,
    and can hand its final answer on when a run finishes."""

    on_finish: Callable[[str, dict, str | None], None] | None = None

    def call_llm(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        token = CURRENT_STEP.set((payload["instance_id"], int(payload.get("turn", 0))))
        try:
            return super().call_llm(ctx, payload)
        finally:
            CURRENT_STEP.reset(token)

    def summarize(self, ctx: Any, payload: dict[str, Any]) -> dict[str, Any]:
        """Off. DurableAgent 1.0.9 ends every run by asking the model for a structured summary of the
        conversation for long-term memory. That call does not go through call_llm, so no hook sees it: it
        would be a model call outside the budget and the ledger. Lumen's memory is the run record itself."""
        return {}

    def finalize_workflow(self, ctx: Any, payload: dict[str, Any]) -> None:
        """The last activity of a run; the hand-off to the next agent happens here, after the record is
        saved. An activity runs at least once, so a hand-off may be published twice: the receiver
        drops a repeated CloudEvent id, and the hand-off carries the sender's instance id."""
        super().finalize_workflow(ctx, payload)
        if self.on_finish is not None:
            self.on_finish(payload["instance_id"], payload.get("final_message") or {},
                           payload.get("triggering_workflow_instance_id"))


def build_agent(name: str, *, tools: list[str], allowed: set[str] | None = None, budget_tokens: int = 1000,
                provider: Provider | None = None, pubsub: bool = False, max_iterations: int = 4,
                ledger: CostLedger | None = None,
                on_finish: Callable[[str, dict, str | None], None] | None = None) -> LumenAgent:
    """`tools` are what the agent is given; `allowed` (default: all of them) is what it may run."""
    ledger = ledger or CostLedger(DaprStore(STATE_STORE))
    policy = ToolPolicy({name: set(tools if allowed is None else allowed)})
    agent = LumenAgent(
        name=name,
        role="Lumen, a concise assistant for cloud-native engineering questions",
        llm=LumenChatClient(provider or OfflineProvider()),
        tools=[TOOLS[t] for t in tools],
        state=AgentStateConfig(store=StateStoreService(store_name=STATE_STORE)),
        pubsub=AgentPubSubConfig(pubsub_name=PUBSUB, agent_topic=name) if pubsub else None,
        execution=AgentExecutionConfig(max_iterations=max_iterations),
        hooks=guardrail_hooks(name, policy, TokenBudget(budget_tokens), ledger),
        mcp=AgentMCPConfig(enabled=False),  # no MCPServer resources here: skip the metadata lookup
    )
    agent.on_finish = on_finish
    return agent
# #endregion agent
