"""Named workflow versions, on the real engine. One workflow name, review_flow, registered as versions
(lumen/tasks/upgrade.py, runtime.py); which versions a worker carries is chosen when it starts:

  a worker with v1 only starts review-1, which waits for approval; it is replaced by
  a worker with v1 and v2, v2 the latest: review-1 finishes on v1, new review-2 runs v2;
  a rollback to a v1-only worker meets review-3, a v2 instance, and the engine stalls it;
  a worker with both versions again, and review-3 finishes on v2."""

from upgrade_demo import client, show, steps, wait, waiting, worker

DATA = "tasks-named"  # a ledger of its own, apart from the other demos'


def start(instance: str) -> None:
    client.schedule_new_workflow("review_flow", instance_id=instance, input={"draft": f"# {instance}\n"})
    wait(instance, waiting)


def approve(instance: str) -> None:
    client.raise_workflow_event(instance, "approval", data={"approved": True})


# #region named
app = worker(DATA, LUMEN_REVIEW_VERSIONS="v1")
start("review-1")
print("1. worker with review_flow v1: review-1 staged, awaiting approval")
app.kill()

app = worker(DATA, LUMEN_REVIEW_VERSIONS="v1,v2")  # v2 is the latest: new instances get it
start("review-2")
for instance in ("review-1", "review-2"):
    approve(instance)
print("2. worker with v1 and v2 (latest v2): review-2 started; review-1 and review-2 approved")
for instance in ("review-1", "review-2"):
    show(instance)
    print(f"   {instance} ran: {steps(DATA, instance)}")
# #endregion named

# #region rollback
start("review-3")
app.kill()
app = worker(DATA, LUMEN_REVIEW_VERSIONS="v1")  # a rollback: this build has never heard of v2
approve("review-3")
print("3. rolled back to a v1-only worker: review-3 (started on v2) approved")
show("review-3", lambda s: s.runtime_status.name in ("STALLED", "COMPLETED", "FAILED"))
app.kill()

app = worker(DATA, LUMEN_REVIEW_VERSIONS="v1,v2")
print("4. worker with v1 and v2 again")
show("review-3")
print(f"   review-3 ran: {steps(DATA, 'review-3')}")
# #endregion rollback
for instance in ("review-1", "review-2", "review-3"):
    client.purge_workflow(instance)
app.kill(15)
