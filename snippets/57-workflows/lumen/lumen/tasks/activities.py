"""The task workflow's activities: everything with a side effect or an answer that may differ between
runs. The engine records each result, so a replay never runs a finished activity again; an activity
that crashed or failed before its result was recorded runs again, so each one must be safe to repeat.

State lives under LUMEN_TASKS_DIR (default ./tasks-data): pages/<task>.md for staged and published
pages, and ledger.jsonl, one line per activity execution, which the demos read to show what ran.
"""

import json
import os
from pathlib import Path
from typing import Any

from dapr.ext.workflow import WorkflowActivityContext

from lumen.agent import Agent
from lumen.providers.offline import OfflineProvider


def data_dir() -> Path:
    path = Path(os.environ.get("LUMEN_TASKS_DIR", "tasks-data"))
    (path / "pages").mkdir(parents=True, exist_ok=True)
    return path


def record(activity: str, task: str, **fields: Any) -> int:
    """Appends one execution to the ledger; returns how many times (activity, task, fields) has run."""
    line = {"activity": activity, "task": task, **fields}
    ledger = data_dir() / "ledger.jsonl"
    with ledger.open("a") as out:
        out.write(json.dumps(line, sort_keys=True) + "\n")
    return sum(1 for row in ledger.read_text().splitlines() if json.loads(row) == line)


class SourceUnavailable(RuntimeError):
    pass


# #region fetch
async def fetch_source(ctx: WorkflowActivityContext, call: dict[str, str]) -> dict[str, str]:
    """Asks one research source. A source named in LUMEN_FLAKY_SOURCES fails its first attempt per
    task, as a real search API sometimes does, so the RetryPolicy has something to do."""
    task = ctx.workflow_id.removesuffix("-research")
    attempt = record("fetch_source", task, source=call["source"])
    if call["source"] in os.environ.get("LUMEN_FLAKY_SOURCES", "").split(","):
        if attempt == 1:
            raise SourceUnavailable(f"{call['source']} answered 503 (attempt {attempt})")
    answer = await Agent(OfflineProvider()).answer(call["question"])
    record("model_call", task, source=call["source"], prompt_tokens=answer.usage.prompt_tokens,
           completion_tokens=answer.usage.completion_tokens)  # what the cost model prices
    return {"source": call["source"], "note": answer.text}
# #endregion fetch


async def write_draft(ctx: WorkflowActivityContext, work: dict[str, Any]) -> str:
    record("write_draft", ctx.workflow_id)
    lines = [f"# {work['question']}", ""] + [f"- {n['note']} ({n['source']})" for n in work["notes"]]
    return "\n".join(lines) + "\n"


# #region stage
def stage_page(ctx: WorkflowActivityContext, work: dict[str, str]) -> str:
    """The side effect: a draft page others can see. Writing the same content twice is harmless."""
    record("stage_page", work["task"])
    page = data_dir() / "pages" / f"{work['task']}.md"
    page.write_text("status: draft\n" + work["draft"])
    return page.name


def unstage_page(ctx: WorkflowActivityContext, work: dict[str, str]) -> bool:
    """Compensation for stage_page. Idempotent: a page that is already gone is a success."""
    record("unstage_page", work["task"])
    page = data_dir() / "pages" / f"{work['task']}.md"
    existed = page.exists()
    page.unlink(missing_ok=True)
    return existed
# #endregion stage


def publish_page(ctx: WorkflowActivityContext, work: dict[str, str]) -> str:
    record("publish_page", work["task"])
    page = data_dir() / "pages" / work["page"]
    page.write_text(page.read_text().replace("status: draft\n", "status: published\n", 1))
    return work["page"]


def notify_owner(ctx: WorkflowActivityContext, work: dict[str, Any]) -> None:
    record("notify_owner", work["task"], undone=work["undone"])


def notify_reviewer(ctx: WorkflowActivityContext, work: dict[str, str]) -> None:
    """Added in version 2 of the publishing workflow (upgrade.py): tells a reviewer a page is on its way."""
    record("notify_reviewer", work["task"])


def send_digest(ctx: WorkflowActivityContext, work: dict[str, int]) -> int:
    record("send_digest", ctx.workflow_id, round=work["round"])
    return 1
