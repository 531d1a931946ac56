"""Five mistakes from building this chapter, reproduced so their real error text is on record:
a 0.x import, a state key with Dapr's separator in it, a tool without a docstring, an agent
constructed with no sidecar listening, and an agent run on a sidecar without an actor state store."""

import os

from sidecar import use_sidecar

use_sidecar("lumen-researcher")

import grpc  # noqa: E402
from dapr.clients import DaprClient  # noqa: E402


def first_line(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).split(' (/')[0].splitlines()[0]}"


# 1. A 0.x tutorial's import
for name in ("Agent", "AssistantAgent", "ReActAgent", "WorkflowApp"):
    try:
        exec(f"from dapr_agents import {name}")
    except ImportError as error:
        print("1.", first_line(error))

# 2. A state key containing '||', which Dapr uses between the app id and the key
with DaprClient() as client:
    try:
        client.save_state("statestore", "lumen-cost||task-1", "{}")
    except grpc.RpcError as error:
        print("2.", error.code().name, "-", error.details())

# 3. A tool function without a docstring: the docstring is the tool's description for the model
from dapr_agents import tool  # noqa: E402
from dapr_agents.types.exceptions import ToolError  # noqa: E402

def lookup(term: str) -> str:  # noqa: E302
    return term

try:
    tool(lookup)
except ToolError as error:
    print("3.", first_line(error))

# 4. A DurableAgent built where no sidecar listens (a closed port, and a 2 s health timeout). In a child
#    process, because the SDK reads the ports once, when it is first imported.
import subprocess  # noqa: E402
import sys  # noqa: E402

CHILD = """
from dapr_agents.types.exceptions import AgentError
from lumen.agents.lumen_agent import build_agent
try:
    build_agent("lumen-researcher", tools=["glossary"])
except AgentError as error:
    print(f"{type(error).__name__}: {error}")
"""
child_env = {**os.environ, "DAPR_HTTP_PORT": "1", "DAPR_GRPC_PORT": "2", "DAPR_HEALTH_TIMEOUT": "2",
             "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}
result = subprocess.run([sys.executable, "-c", CHILD], env=child_env, capture_output=True, text=True, timeout=120)
print("4.", next(line for line in result.stdout.splitlines() if line.startswith("AgentError")))

# 5. A sidecar whose state store lacks actorStateStore: "true" (lumen-noactors, components-noactors/).
#    The agent builds, because only its runs need the workflow engine; the first run cannot be created.
CHILD_NO_ACTORS = """
import asyncio
import grpc
from dapr_agents import AgentRunner
from lumen.agents.lumen_agent import build_agent
agent = build_agent("lumen-noactors", tools=["glossary"])
try:
    print("returned:", asyncio.run(AgentRunner().run(agent, {"task": "What is a pod?"}, instance_id="no-actors")))
except grpc.RpcError as error:
    print(f"RpcError {error.code().name}: {error.details()}")
"""
noactors_env = {**os.environ, "PYTHONPATH": child_env["PYTHONPATH"], "DAPR_APP_ID": "lumen-noactors",
                "DAPR_HTTP_PORT": os.environ["DAPR_HTTP_PORT_LUMEN_NOACTORS"],
                "DAPR_GRPC_PORT": os.environ["DAPR_GRPC_PORT_LUMEN_NOACTORS"]}
result = subprocess.run([sys.executable, "-c", CHILD_NO_ACTORS], env=noactors_env, capture_output=True, text=True,
                        timeout=180)
print("5.", result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip().splitlines()[-1])
