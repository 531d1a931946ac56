"""One member of a two-agent team, in its own process beside its own sidecar:
  python3 scripts/team_member.py lumen-researcher   # answers with Lumen's tools, hands off to the writer
  python3 scripts/team_member.py lumen-writer       # turns the research into a runbook entry
Each subscribes to the topic named after it on the `agent-pubsub` component and runs until killed."""

import sys

from sidecar import use_sidecar

NAME = sys.argv[1]
use_sidecar(NAME)

import asyncio  # noqa: E402
import json  # noqa: E402

from dapr.clients import DaprClient  # noqa: E402
from dapr_agents import AgentRunner  # noqa: E402

from lumen.agents.editor import EditorProvider  # noqa: E402
from lumen.agents.ledger import DaprStore  # noqa: E402
from lumen.agents.lumen_agent import PUBSUB, STATE_STORE, build_agent  # noqa: E402

records = DaprStore(STATE_STORE)


# #region hand-off
def hand_off_to_writer(instance_id: str, final: dict, _trigger: str | None) -> None:
    """Runs in the researcher's finalize_workflow activity: publish a TriggerAction to the writer's topic."""
    trigger = {"task": f"Write a runbook entry. Research: {final.get('content', '')}",
               "workflow_instance_id": instance_id}  # the writer records who handed the work on
    with DaprClient() as client:
        client.publish_event(PUBSUB, "lumen-writer", json.dumps(trigger), data_content_type="application/json",
                             publish_metadata={"cloudevent.type": "TriggerAction"})
    records.save("lumen-handoff:latest", {"instance": instance_id, "answer": final.get("content", "")})
# #endregion hand-off


def record_page(instance_id: str, final: dict, trigger: str | None) -> None:
    records.save("lumen-page:latest", {"instance": instance_id, "from": trigger, "page": final.get("content", "")})


async def main() -> None:
    if NAME == "lumen-researcher":
        agent = build_agent(NAME, tools=["glossary"], pubsub=True, budget_tokens=500, on_finish=hand_off_to_writer)
    else:
        agent = build_agent(NAME, tools=[], pubsub=True, budget_tokens=500, provider=EditorProvider(),
                            on_finish=record_page)
    agent.text_formatter.print_message = lambda *args, **kwargs: None
    runner = AgentRunner()
    runner.subscribe(agent)  # a streaming subscription over gRPC: no app port, nothing for daprd to call
    print("ready", flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
