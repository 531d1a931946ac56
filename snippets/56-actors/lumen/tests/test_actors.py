"""The actors' logic with the Dapr SDK's mock harness (dapr.actor.runtime.mock_actor): state lives in a
dict and reminders are recorded instead of sent to daprd, so these tests need no sidecar. The real runtime
(turns, reminders firing, placement) is exercised by the chapter's other steps."""

import asyncio
from datetime import timedelta
from typing import Any

from dapr.actor.runtime.mock_actor import create_mock_actor

from lumen.budget import UserBudgetActor
from lumen.conversation import IDLE_REMINDER, RESERVE_PER_TURN, ConversationActor


class LocalBudget:
    """The proxy methods a ConversationActor calls, answered by a mock UserBudgetActor in this process."""

    def __init__(self, actor: UserBudgetActor) -> None:
        self.actor = actor

    async def Reserve(self, tokens: int) -> dict[str, Any]:  # noqa: N802 (the actor method's name)
        return await self.actor.reserve(tokens)

    async def Settle(self, charge: dict[str, int]) -> dict[str, Any]:  # noqa: N802
        return await self.actor.settle(charge)


def conversation(limit: int = 20_000) -> tuple[ConversationActor, UserBudgetActor]:
    budget = create_mock_actor(UserBudgetActor, "ada")
    budget.daily_limit = limit
    actor = create_mock_actor(ConversationActor, "c-1")
    actor.budget_of = lambda user: LocalBudget(budget)  # type: ignore[method-assign]
    return actor, budget


# #region mock-test
def test_a_turn_is_kept_and_arms_the_idle_reminder() -> None:
    actor, _ = conversation()
    turn = asyncio.run(actor.ask({"question": "What is 6 * 7?", "user": "ada"}))
    assert (turn["turn"], turn["answer"]) == (1, "6 * 7 = 42.")
    state = actor._state_manager._mock_state  # type: ignore[attr-defined]
    assert [t["question"] for t in state["turns"]] == ["What is 6 * 7?"]
    assert state["tokens"] == turn["tokens"] > 0
    reminder = actor._state_manager._mock_reminders[IDLE_REMINDER]  # type: ignore[attr-defined]
    assert (reminder.due_time, reminder.period) == (ConversationActor.idle_after, ConversationActor.idle_after)
# #endregion mock-test


def test_the_idle_reminder_summarises_and_keeps_the_token_count() -> None:
    actor, _ = conversation()
    for question in ["What is 6 * 7?", "What is a sidecar?"]:
        asyncio.run(actor.ask({"question": question, "user": "ada"}))
    asyncio.run(actor.receive_reminder(IDLE_REMINDER, b"", timedelta(seconds=3), timedelta(0)))
    history = asyncio.run(actor.get_history())
    assert not actor._state_manager._mock_reminders  # type: ignore[attr-defined]  (unregistered when done)
    assert history["turns"] == []
    assert history["summary"] == "2 turn(s) about: What is 6 * 7?; What is a sidecar?"
    assert history["tokens"] > 0


def test_another_reminder_name_changes_nothing() -> None:
    actor, _ = conversation()
    asyncio.run(actor.ask({"question": "What is 6 * 7?", "user": "ada"}))
    asyncio.run(actor.receive_reminder("something-else", b"", timedelta(0), timedelta(0)))
    assert len(asyncio.run(actor.get_history())["turns"]) == 1


def test_the_budget_reserves_then_gives_back_what_a_turn_did_not_use() -> None:
    actor, budget = conversation(limit=1000)
    turn = asyncio.run(actor.ask({"question": "What is 6 * 7?", "user": "ada"}))
    assert turn["remaining"] == 1000 - turn["tokens"]
    assert budget._state_manager._mock_state["ledger"]["tokens"] == turn["tokens"]  # type: ignore[attr-defined]


def test_a_spent_budget_refuses_the_turn_before_the_model_is_called() -> None:
    actor, budget = conversation(limit=RESERVE_PER_TURN - 1)
    turn = asyncio.run(actor.ask({"question": "What is 6 * 7?", "user": "ada"}))
    assert turn["answer"] is None and turn["refused"] == "daily token budget spent"
    assert "turns" not in actor._state_manager._mock_state  # type: ignore[attr-defined]
    assert not actor._state_manager._mock_reminders  # type: ignore[attr-defined]


def test_reserve_is_check_and_charge_in_one_call() -> None:
    budget = create_mock_actor(UserBudgetActor, "ada")
    budget.daily_limit = 1000
    first, second, third = (asyncio.run(budget.reserve(400)) for _ in range(3))
    assert (first["allowed"], second["allowed"], third["allowed"]) == (True, True, False)
    assert third["remaining"] == 200
