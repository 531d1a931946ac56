"""Runs Lumen's DurableAgent through its sidecar on two questions and prints what happened: the answer,
each model step with its tokens, each tool call, the cost from the ledger, and what durability costs
(the Redis commands the run caused and the wall time next to chapter 50's in-process loop)."""

from sidecar import use_sidecar

use_sidecar("lumen-researcher")

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from dapr.ext.workflow import DaprWorkflowClient  # noqa: E402
from dapr_agents import AgentRunner  # noqa: E402

from lumen.agent import Agent  # noqa: E402
from lumen.agents.ledger import CostLedger, DaprStore, cost_lines  # noqa: E402
from lumen.agents.lumen_agent import STATE_STORE, build_agent  # noqa: E402
from lumen.providers.offline import OfflineProvider  # noqa: E402

QUESTIONS = ["What is (1200 * 0.8) / 3?", "What is a sidecar?"]


WRITES = {"eval", "hset", "hincrby", "del", "exec"}  # what Dapr's Redis state store writes with
READS = {"hget", "hgetall"}


def redis_commands() -> dict[str, int]:
    """Calls per command Redis has executed so far (INFO commandstats), to count what one run costs."""
    out = subprocess.run(["redis-cli", "-p", os.environ.get("REDIS_PORT", "6379"), "INFO", "commandstats"],
                         capture_output=True, text=True, check=True).stdout
    return {line.split(":")[0].removeprefix("cmdstat_"): int(line.split("calls=")[1].split(",")[0])
            for line in out.splitlines() if "calls=" in line}


def delta(before: dict[str, int], after: dict[str, int], names: set[str]) -> int:
    return sum(after.get(name, 0) - before.get(name, 0) for name in names)


async def main() -> None:
    ledger = CostLedger(DaprStore(STATE_STORE))
    agent = build_agent("lumen-researcher", tools=["calculator", "glossary"], budget_tokens=1000, ledger=ledger)
    agent.text_formatter.print_message = lambda *args, **kwargs: None  # the agent's own console echo
    runner = AgentRunner()
    client = DaprWorkflowClient()
    await runner.run(agent, {"task": "warm-up: What is 1 + 1?"}, instance_id="warm-up")  # connects the worker
    for number, question in enumerate(QUESTIONS, start=1):
        task_id = f"task-{number}"
        before, started = redis_commands(), time.perf_counter()
# #region run
        output = await runner.run(agent, {"task": question}, instance_id=task_id)
# #endregion run
        durable_s, after = time.perf_counter() - started, redis_commands()
        started = time.perf_counter()
        plain = await Agent(OfflineProvider()).answer(question)
        plain_s = time.perf_counter() - started
        state = client.get_workflow_state(task_id)
        answer = json.loads(output)["content"]
        print(f"{task_id}: {question!r} -> {state.runtime_status.name}: {answer}")
        print(f"  same answer as chapter 50's in-process loop: {answer == plain.text}")
        steps = ledger.steps(task_id)
        for step in steps:
            what = f"TOOL {step.tool}" if step.tool else "answer"
            print(f"  step {step.turn}: {step.prompt_tokens} prompt + {step.completion_tokens} completion tokens -> {what}")
        for line in cost_lines(steps):
            print(f"  {line}")
        print(f"  durable run {durable_s:.3f}s, in-process loop {plain_s:.4f}s")
        print(f"  Redis during the run: {delta(before, after, WRITES)} write commands"
              f" ({delta(before, after, {'exec'})} transactions), {delta(before, after, READS)} reads;"
              f" the in-process loop: none")
    loaded = sorted(name for name in ("tiktoken", "posthog", "litellm", "openai") if name in sys.modules)
    print("heavy dependencies this process imported:", ", ".join(loaded) or "none of tiktoken, posthog, litellm")
    runner.shutdown()


asyncio.run(main())
