"""Lumen's long-running tasks (chapter 57): a Dapr workflow that researches, drafts, stages a page and
waits for a person to approve it, undoing what it did when the answer is no.

    workflow.py    the orchestrators: deterministic code, no I/O (replayed after every event)
    activities.py  the side effects: the model, the files, the page store (run once per success)
    runtime.py     registers both with a Dapr WorkflowRuntime
    api.py         the HTTP task API: start, status, approve, cancel
"""
