"""The task workflow. Every function here is an orchestrator: Dapr runs it again from the top after each
event (replay) and feeds it the recorded results, so it must decide the same way every time. No clock
but ctx.current_utc_datetime, no randomness, no network or files: those belong in activities.

    lumen_task(ctx, {"question": ..., "approval_timeout_s": 3600})
      -> {"status": "published" | "rejected" | "expired" | "failed", "page": ..., "undone": [...]}
"""

from datetime import timedelta
from typing import Any

from dapr.ext.workflow import DaprWorkflowContext, RetryPolicy, TaskFailedError, when_all, when_any

# Activity and workflow names: the contract between this file, activities.py and the engine's history.
FETCH, DRAFT, STAGE, PUBLISH, UNSTAGE, NOTIFY = (
    "fetch_source", "write_draft", "stage_page", "publish_page", "unstage_page", "notify_owner")
SOURCES = ["glossary", "runbook"]

# #region retry
RETRY = RetryPolicy(
    first_retry_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    max_number_of_attempts=3,
    max_retry_interval=timedelta(seconds=10),
)
# #endregion retry


# #region research
def research(ctx: DaprWorkflowContext, question: str) -> Any:
    """Child workflow: ask every source at once (fan-out) and wait for all of them (fan-in)."""
    calls = [ctx.call_activity(FETCH, input={"source": s, "question": question}, retry_policy=RETRY)
             for s in SOURCES]
    notes = yield when_all(calls)
    return notes
# #endregion research


# #region task
def lumen_task(ctx: DaprWorkflowContext, request: dict[str, Any]) -> Any:
    question = request["question"]
    timeout = timedelta(seconds=request.get("approval_timeout_s", 3600))
    ctx.set_custom_status("researching")
    notes = yield ctx.call_child_workflow(research, input=question,
                                          instance_id=f"{ctx.instance_id}-research")
    draft = yield ctx.call_activity(DRAFT, input={"question": question, "notes": notes},
                                    retry_policy=RETRY)
    done: list[str] = []  # the side effects so far, newest last: what a compensation must undo
    # #region saga
    try:
        page = yield ctx.call_activity(STAGE, input={"task": ctx.instance_id, "draft": draft})
        done.append(STAGE)
        # #region approval
        ctx.set_custom_status("awaiting approval")
        decision = ctx.wait_for_external_event("approval")
        deadline = ctx.create_timer(ctx.current_utc_datetime + timeout)
        winner = yield when_any([decision, deadline])
        if winner is deadline:
            raise TaskAbandoned("expired")
        answer = decision.get_result() or {}
        if not answer.get("approved"):
            raise TaskAbandoned("rejected")
        # #endregion approval
        ctx.set_custom_status("publishing")
        yield ctx.call_activity(PUBLISH, input={"task": ctx.instance_id, "page": page},
                                retry_policy=RETRY)
        return {"status": "published", "page": page, "by": answer.get("by", "unknown")}
    except (TaskAbandoned, TaskFailedError) as stop:  # a no, a timeout, or a step out of retries
        reason = stop.reason if isinstance(stop, TaskAbandoned) else "failed"
        ctx.set_custom_status(f"undoing ({reason})")
        undone = yield from compensate(ctx, done)
        return {"status": reason, "page": None, "undone": undone}
    # #endregion saga
# #endregion task


# #region compensate
UNDO = {STAGE: UNSTAGE}


def compensate(ctx: DaprWorkflowContext, done: list[str]) -> Any:
    """Undo the side effects newest first. Each undo activity is idempotent (undoing twice is harmless),
    because a crash after the undo but before its result is recorded makes the engine run it again."""
    undone = []
    for step in reversed(done):
        yield ctx.call_activity(UNDO[step], input={"task": ctx.instance_id}, retry_policy=RETRY)
        undone.append(UNDO[step])
    yield ctx.call_activity(NOTIFY, input={"task": ctx.instance_id, "undone": undone})
    return undone
# #endregion compensate


class TaskAbandoned(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# #region digest
DIGEST = "send_digest"


def daily_digest(ctx: DaprWorkflowContext, state: dict[str, int]) -> Any:
    """An endless loop that keeps its history short: one round, one timer, then start over as new
    with a small input. Without continue_as_new the history (and each replay) would grow forever."""
    every = state.get("every_s", 24 * 3600)
    sent = yield ctx.call_activity(DIGEST, input={"round": state["round"]})
    yield ctx.create_timer(timedelta(seconds=every))
    ctx.continue_as_new({"round": state["round"] + 1, "sent": state.get("sent", 0) + sent,
                         "every_s": every})
# #endregion digest
