"""Shows the two guardrails refusing, through a real sidecar:
  python3 scripts/guardrails_demo.py allow-list  # the agent has the calculator but may not call it
  python3 scripts/guardrails_demo.py budget      # a 100-token budget runs out before the answer"""

import sys

from sidecar import use_sidecar

use_sidecar("lumen-researcher")

import asyncio  # noqa: E402
import json  # noqa: E402

from dapr.ext.workflow import DaprWorkflowClient  # noqa: E402
from dapr_agents import AgentRunner  # noqa: E402

from lumen.agents.ledger import CostLedger, DaprStore  # noqa: E402
from lumen.agents.lumen_agent import STATE_STORE, build_agent  # noqa: E402

CASES = {  # name -> (agent keyword arguments, question)
    "allow-list": (dict(tools=["calculator", "glossary"], allowed={"glossary"}, budget_tokens=1000), "What is 6 * 7?"),
    "budget": (dict(tools=["glossary"], budget_tokens=100), "What is a pod?"),
}


async def main(case: str) -> None:
    options, question = CASES[case]
    ledger = CostLedger(DaprStore(STATE_STORE))
    agent = build_agent("lumen-researcher", ledger=ledger, **options)
    agent.text_formatter.print_message = lambda *args, **kwargs: None
    runner = AgentRunner()
    output = await runner.run(agent, {"task": question}, instance_id=f"guarded-{case}")
    state = DaprWorkflowClient().get_workflow_state(f"guarded-{case}")
    print(f"{case}: {question!r} -> {state.runtime_status.name}")
    print(f"  answer: {json.loads(output)['content']}")
    for step in ledger.steps(f"guarded-{case}"):
        what = f"asked for {step.tool}" if step.tool else "answered"
        print(f"  step {step.turn}: {step.tokens} tokens, {what}")
    print(f"  tokens spent: {ledger.spent(f'guarded-{case}')}")
    runner.shutdown()


asyncio.run(main(sys.argv[1]))
