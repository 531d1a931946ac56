"""Changing workflow code under running instances, on the real engine. Three builds of one publishing
workflow (lumen/tasks/upgrade.py) take turns as the worker, the way deployments replace each other:

  v1 starts page-1 and page-2, which wait for approval; the worker is then replaced by
  v2, whose new step is guarded by ctx.is_patched: page-1 finishes the v1 way, new page-3 the v2 way;
  v2-unguarded, which adds the same step without the guard, then tries to finish page-2.

Then continue_as_new: the digest loop runs three short rounds under one instance id."""

from app_process import until
from upgrade_demo import client, show, wait, waiting, worker
from upgrade_demo import steps as ledger_steps

DATA = "tasks-upgrade"  # a ledger of its own, apart from the other demos'


def steps(instance: str) -> list[str]:
    return ledger_steps(DATA, instance)


# #region upgrade
app = worker(DATA, LUMEN_PUBLISH_CODE="v1")
for page in ("page-1", "page-2"):
    client.schedule_new_workflow("publish_flow", instance_id=page, input={"draft": f"# {page}\n"})
    wait(page, waiting)
print("1. v1 worker: page-1 and page-2 staged, awaiting approval")
app.kill()

app = worker(DATA, LUMEN_PUBLISH_CODE="v2")
client.schedule_new_workflow("publish_flow", instance_id="page-3", input={"draft": "# page-3\n"})
wait("page-3", waiting)
for page in ("page-1", "page-3"):
    client.raise_workflow_event(page, "approval", data={"approved": True})
print("2. v2 worker (guarded by is_patched): page-3 started under v2; page-1 and page-3 approved")
for page in ("page-1", "page-3"):
    show(page)
    print(f"   {page} ran: {steps(page)}")
app.kill()

app = worker(DATA, LUMEN_PUBLISH_CODE="v2-unguarded")
client.raise_workflow_event("page-2", "approval", data={"approved": True})
print("3. v2-unguarded worker: page-2 (started under v1) approved")
show("page-2")
print(f"   page-2 ran: {steps('page-2')}")
# #endregion upgrade

# #region continue
client.schedule_new_workflow("daily_digest", instance_id="digest", input={"round": 1, "every_s": 10})
until(lambda: steps("digest").count("send_digest") >= 3, 60, "three digest rounds")
state = client.get_workflow_state("digest")
print("4. digest after three rounds:", state.runtime_status.name, "input now:", state.serialized_input)
client.terminate_workflow("digest")
wait("digest", lambda s: s.runtime_status.name == "TERMINATED")
# #endregion continue
for instance in ("page-1", "page-2", "page-3", "digest"):
    client.purge_workflow(instance)
app.kill(15)
