"""Two agents coordinating over a real Redis pub/sub: starts the researcher and the writer (each beside its
own sidecar), publishes one TriggerAction to the researcher's topic, and prints what each agent did,
what it cost, and the two Redis streams the messages travelled on."""

import os
import subprocess
import sys
import time

from sidecar import use_sidecar

use_sidecar("lumen-researcher")  # this driver publishes through the researcher's sidecar

import json  # noqa: E402

from dapr.clients import DaprClient  # noqa: E402

from lumen.agents.ledger import CostLedger, DaprStore, cost_lines  # noqa: E402
from lumen.agents.lumen_agent import PUBSUB, STATE_STORE  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MEMBERS = ["lumen-researcher", "lumen-writer"]


def sidecar(app_id: str) -> DaprStore:
    return DaprStore(STATE_STORE, f"127.0.0.1:{os.environ['DAPR_GRPC_PORT_' + app_id.upper().replace('-', '_')]}")


def wait_for(what: str, check, timeout_s: float = 120):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {what}")


def redis(*args: str) -> str:
    return subprocess.run(["redis-cli", "-p", os.environ.get("REDIS_PORT", "6379"), *args],
                          capture_output=True, text=True, check=True).stdout.strip()


logs = {name: open(f"{name}.log", "w+") for name in MEMBERS}
members = [subprocess.Popen([sys.executable, os.path.join(HERE, "team_member.py"), name],
                            stdout=logs[name], stderr=subprocess.STDOUT, start_new_session=True) for name in MEMBERS]
try:
    for name in MEMBERS:
        wait_for(f"{name} to subscribe", lambda: "ready" in open(f"{name}.log").read())
    print("1. both agents subscribed:", ", ".join(f"{name} on topic {name}" for name in MEMBERS))
# #region trigger
    with DaprClient() as client:
        client.publish_event(PUBSUB, "lumen-researcher", json.dumps({"task": "What is a sidecar?"}),
                             data_content_type="application/json", publish_metadata={"cloudevent.type": "TriggerAction"})
# #endregion trigger
    print("2. published TriggerAction {'task': 'What is a sidecar?'} to topic lumen-researcher")
    researcher, writer = sidecar("lumen-researcher"), sidecar("lumen-writer")
    handoff = wait_for("the researcher's hand-off", lambda: researcher.load("lumen-handoff:latest"))
    print("3. researcher answered and published to topic lumen-writer:", handoff["answer"])
    page = wait_for("the writer's page", lambda: writer.load("lumen-page:latest"))
    print("4. writer, triggered by the researcher's run:", page["from"] == handoff["instance"])
    print("  ", page["page"])
    for name, store, instance in (("researcher", researcher, handoff["instance"]), ("writer", writer, page["instance"])):
        print(f"5. {name}'s ledger:")
        for line in cost_lines(CostLedger(store).steps(instance)):
            print("    " + line)
    for topic in MEMBERS:
        groups = [line for line in redis("XINFO", "GROUPS", topic).splitlines()]
        group = groups[groups.index("name") + 1] if "name" in groups else "?"
        print(f"6. Redis stream {topic}: {redis('XLEN', topic)} message(s), consumer group {group}")
finally:
    for member in members:
        os.killpg(member.pid, 15)
        member.wait(timeout=30)
