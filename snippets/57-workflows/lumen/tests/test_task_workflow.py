"""The task workflow's decisions, step by step, with no sidecar: each test plays the engine."""

from datetime import timedelta

from dapr.ext.workflow import TaskFailedError
from tests.driver import Driver

from lumen.tasks import workflow as w

REQUEST = {"question": "What is a pod?", "approval_timeout_s": 600}


def out_of_retries(message: str) -> TaskFailedError:
    """The error the engine raises in the workflow when an activity has failed for good. Its
    constructor wants the engine's protobuf failure details, which a fake engine does not have."""
    error = TaskFailedError.__new__(TaskFailedError)
    Exception.__init__(error, message)
    return error


NOTES = [{"source": "glossary", "note": "A pod is ..."}, {"source": "runbook", "note": "..."}]


def until_approval(monkeypatch):
    run = Driver(w.lumen_task, REQUEST, monkeypatch, instance_id="task-1")
    assert (run.pending.kind, run.pending.name) == ("child", "research")
    assert run.pending.input["instance_id"] == "task-1-research"  # a fixed id: replays find the same child
    run.send(NOTES)
    assert run.pending.name == w.DRAFT and run.pending.retry is w.RETRY
    run.send("# What is a pod?\n")
    assert run.pending.name == w.STAGE
    run.send("task-1.md")
    assert run.pending.kind == "any"
    event, timer = run.pending.children
    assert (event.kind, event.name) == ("event", "approval")
    assert timer.input == run.ctx.current_utc_datetime + timedelta(seconds=600)  # the engine's clock
    return run, event, timer


def test_research_fans_out_to_every_source_with_retries(monkeypatch):
    run = Driver(w.research, "What is a pod?", monkeypatch, instance_id="task-1-research")
    assert run.pending.kind == "all"
    assert [c.input["source"] for c in run.pending.children] == w.SOURCES
    assert all(c.retry is w.RETRY for c in run.pending.children)
    run.send(NOTES)
    assert run.finished and run.output == NOTES


def test_approved_task_publishes(monkeypatch):
    run, event, _ = until_approval(monkeypatch)
    event.result = {"approved": True, "by": "ana"}
    run.send(event)
    assert run.pending.name == w.PUBLISH
    run.send("task-1.md")
    assert run.output == {"status": "published", "page": "task-1.md", "by": "ana"}
    assert run.ctx.statuses == ["researching", "awaiting approval", "publishing"]


def test_rejected_task_undoes_the_staged_page_then_notifies(monkeypatch):
    run, event, _ = until_approval(monkeypatch)
    event.result = {"approved": False, "by": "ben"}
    run.send(event)
    assert (run.pending.name, run.pending.input) == (w.UNSTAGE, {"task": "task-1"})
    run.send(True)
    assert run.pending.name == w.NOTIFY
    run.send(None)
    assert run.output == {"status": "rejected", "page": None, "undone": [w.UNSTAGE]}


def test_no_answer_before_the_timer_expires_the_task(monkeypatch):
    run, _, timer = until_approval(monkeypatch)
    run.send(timer)
    assert run.pending.name == w.UNSTAGE
    run.send(True).send(None)
    assert run.output["status"] == "expired"


def test_publish_out_of_retries_compensates(monkeypatch):
    run, event, _ = until_approval(monkeypatch)
    event.result = {"approved": True, "by": "ana"}
    run.send(event)
    run.fail(out_of_retries("publish_page failed 3 times"))
    assert run.pending.name == w.UNSTAGE
    run.send(False).send(None)
    assert run.output == {"status": "failed", "page": None, "undone": [w.UNSTAGE]}


def test_a_failure_before_anything_was_staged_undoes_nothing(monkeypatch):
    run = Driver(w.lumen_task, REQUEST, monkeypatch)
    run.send(NOTES)
    try:
        run.fail(out_of_retries("write_draft failed 3 times"))
    except TaskFailedError:
        pass  # nothing to compensate: the failure propagates and the workflow fails
    else:
        raise AssertionError("a draft failure before any side effect must fail the workflow")
    assert [c.name for c in run.scheduled if c] == ["research", w.DRAFT]


def test_digest_loop_starts_over_with_a_small_input(monkeypatch):
    run = Driver(w.daily_digest, {"round": 4, "sent": 9}, monkeypatch)
    assert run.pending.name == w.DIGEST
    run.send(1)
    assert run.pending.kind == "timer" and run.pending.input == timedelta(hours=24)
    run.send(None)
    assert run.finished and run.ctx.new_input == {"round": 5, "sent": 10, "every_s": 24 * 3600}


def test_digest_loop_keeps_its_round_length(monkeypatch):
    run = Driver(w.daily_digest, {"round": 1, "every_s": 1}, monkeypatch)
    run.send(1)
    assert run.pending.kind == "timer" and run.pending.input == timedelta(seconds=1)
    run.send(None)
    assert run.ctx.new_input == {"round": 2, "sent": 1, "every_s": 1}
