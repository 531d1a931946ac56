"""The tool gate's controls, each refusing with its reason, against the real policy in a real OPA."""

import json

from lumen.security.audit import AuditLog
from lumen.security.auth import Principal
from lumen.security.gate import Budget, ToolGate, WorkflowApprovals
from lumen.security.opa import OpaPolicy
from lumen.security.redact import redact


class FakeWorkflowClient:
    """Records what DaprWorkflowClient.schedule_new_workflow would have been asked (chapter 57 runs it)."""

    def __init__(self):
        self.scheduled = []

    def schedule_new_workflow(self, workflow, *, input=None, instance_id=None):  # noqa: A002
        self.scheduled.append((workflow, instance_id, input))
        return instance_id


def gate_for(policy, scopes, lines, client=None, budget=None):
    who = Principal("ana", "lumen-web", frozenset(scopes))
    return ToolGate(who, policy, task="t-1", audit=AuditLog(lines.append),
                    approvals=WorkflowApprovals(client or FakeWorkflowClient()),
                    budget=budget or Budget(), trace_id="4bf92f3577b34da6a3ce929d0e0e4736")


def test_each_control_refuses_with_its_reason(policy):
    lines = []
    gate = gate_for(policy, ["tools:calc", "tools:fetch"], lines)
    assert gate.decide("calculator", "6 * 7").outcome == "allow"
    cases = {
        ("calculator", "__import__('os')"): ("validation", "argument does not match the calculator schema"),
        ("glossary", "pod"): ("scope", 'tool "glossary" needs scope "tools:search"'),
        ("shell", "rm -rf /"): ("allow-list", 'unknown tool "shell"'),
        ("fetch_url", "https://attacker.example/x"): ("egress", 'host "attacker.example" is not on the egress allow-list'),
        ("fetch_url", "http://kubernetes.io/"): ("validation", "argument does not match the fetch_url schema"),
    }
    for (tool, argument), (control, reason) in cases.items():
        decision = gate.decide(tool, argument)
        assert (decision.outcome, decision.control, decision.reason) == ("deny", control, reason)


def test_the_budget_is_per_task_and_not_negotiable(policy):
    gate = gate_for(policy, ["tools:calc"], [], budget=Budget(max_calls=2))
    assert [gate.decide("calculator", "1 + 1").outcome for _ in range(3)] == ["allow", "allow", "deny"]
    assert gate.decide("calculator", "1 + 1").reason == "tool-call budget of 2 per task used up"


def test_side_effects_become_a_workflow_task(policy):
    client = FakeWorkflowClient()
    gate = gate_for(policy, ["tools:publish"], [], client=client)
    decision = gate.decide("publish", "Lumen 2.0 is out")
    assert (decision.outcome, decision.reason) == ("approval", "held for a person: task t-1-publish-1")
    assert client.scheduled == [("lumen_task", "t-1-publish-1",
                                 {"question": "Lumen 2.0 is out", "approval_timeout_s": 3600})]


def test_every_call_is_audited_without_its_argument(policy):
    lines = []
    gate = gate_for(policy, ["tools:calc"], lines)
    gate.decide("calculator", "6 * 7")
    gate.decide("publish", "my secret plan")
    records = [json.loads(line) for line in lines]
    assert [(r["tool"], r["outcome"], r["control"]) for r in records] == [
        ("calculator", "allow", "policy"), ("publish", "deny", "scope")]
    assert all(r["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736" for r in records)
    assert "my secret plan" not in "".join(lines)


def test_no_policy_answer_is_a_denial():
    gate = gate_for(OpaPolicy("http://127.0.0.1:9", timeout_s=0.5), ["tools:calc"], [])
    decision = gate.decide("calculator", "6 * 7")
    assert (decision.outcome, decision.control) == ("deny", "policy")


def test_the_output_filter_redacts_secrets_and_contacts():
    key = "sk-" + "x" * 24  # built here so no file holds a key-shaped string
    text, found = redact(f"mail ops@example.com, key {key}")
    assert text == "mail [redacted:email], key [redacted:api-key]"
    assert found == ["api-key", "email"]
    assert redact("6 * 7 = 42.") == ("6 * 7 = 42.", [])
