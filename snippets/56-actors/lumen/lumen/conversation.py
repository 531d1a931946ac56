"""ConversationActor: one virtual actor per conversation, holding its history and the tokens it used.

    proxy = ActorProxy.create("ConversationActor", ActorId("c-42"), ConversationActorInterface)
    await proxy.Ask({"question": "What is 6 * 7?", "user": "ada"})
    # -> {"conversation_id": "c-42", "answer": "6 * 7 = 42.", "turn": 1, "tokens": 150, ...}
    await proxy.GetHistory()   # -> {"turns": [...], "summary": None, "tokens": 150}

Each Ask is one turn: daprd delivers at most one call at a time to a given actor id, so reading the history,
asking the model and writing the history back cannot interleave with another Ask for the same conversation.
After every turn the actor (re)registers the reminder "idle"; when a conversation stays quiet for
`idle_after`, the reminder fires, even if the actor was deactivated meanwhile or its host restarted,
and the actor folds the history into a short summary and unregisters the reminder.
"""

import asyncio
import time
from datetime import timedelta
from typing import Any

from dapr.actor import Actor, ActorId, ActorProxy, Remindable

from lumen.actor_interfaces import ConversationActorInterface, UserBudgetActorInterface
from lumen.agent import Agent
from lumen.providers import Provider
from lumen.providers.offline import OfflineProvider

IDLE_REMINDER = "idle"
RESERVE_PER_TURN = 400  # tokens held back from the user's budget while a turn runs, settled after


def summarise(turns: list[dict[str, Any]]) -> str:
    """A deterministic stand-in for a model-written summary: the questions, in order."""
    return f"{len(turns)} turn(s) about: " + "; ".join(turn["question"] for turn in turns)


class ConversationActor(Actor, ConversationActorInterface, Remindable):
    # Set once by the host (lumen.main) from Settings; the SDK constructs actors itself, with (ctx, id).
    provider: Provider = OfflineProvider()
    idle_after = timedelta(minutes=30)
    model_delay_s = 0.0  # simulated model latency for the offline provider (demos only)

    def budget_of(self, user: str) -> Any:
        """The user's budget actor, through daprd (unit tests put a mock actor here)."""
        return ActorProxy.create("UserBudgetActor", ActorId(user), UserBudgetActorInterface)

    # #region ask
    async def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        started = time.time()
        budget = self.budget_of(request["user"])
        hold = await budget.Reserve(RESERVE_PER_TURN)
        if not hold["allowed"]:
            return {"conversation_id": self.id.id, "answer": None, "refused": "daily token budget spent",
                    "remaining": hold["remaining"]}
        turns: list[dict[str, Any]] = await self._state_manager.get_or_add_state("turns", [])
        await asyncio.sleep(self.model_delay_s)  # the model call is where a real turn spends its time
        answer = await Agent(self.provider).answer(request["question"])
        turn = {"question": request["question"], "answer": answer.text, "tokens": answer.usage.total_tokens,
                "started": started, "ended": time.time()}
        total = await self._state_manager.get_or_add_state("tokens", 0)
        await self._state_manager.set_state("turns", [*turns, turn])
        await self._state_manager.set_state("tokens", total + turn["tokens"])
        await self._state_manager.save_state()  # one transaction for both keys
        settled = await budget.Settle({"reserved": RESERVE_PER_TURN, "used": turn["tokens"]})
        # Due idle_after from now, then every idle_after until the handler unregisters it: a tick that
        # finds no host (every replica restarting) is retried a few times and then dropped, the next
        # tick is not. Registering under the same name again moves the deadline.
        await self.register_reminder(IDLE_REMINDER, b"", self.idle_after, self.idle_after)
        return {"conversation_id": self.id.id, "turn": len(turns) + 1, "answer": answer.text,
                "tokens": turn["tokens"], "remaining": settled["remaining"]}
    # #endregion ask

    async def get_history(self) -> dict[str, Any]:
        turns = await self._state_manager.get_or_add_state("turns", [])
        summary = await self._state_manager.get_or_add_state("summary", None)
        tokens = await self._state_manager.get_or_add_state("tokens", 0)
        return {"turns": turns, "summary": summary, "tokens": tokens}

    # #region reminder
    async def receive_reminder(self, name: str, state: bytes, due_time: timedelta, period: timedelta,
                               ttl: timedelta | None = None) -> None:
        if name != IDLE_REMINDER:
            return
        turns = await self._state_manager.get_or_add_state("turns", [])
        if turns:  # idle: keep a summary and the token count, drop the full transcript
            await self._state_manager.set_state("summary", summarise(turns))
            await self._state_manager.set_state("turns", [])
            await self._state_manager.save_state()
        await self.unregister_reminder(IDLE_REMINDER)  # done: until the next turn registers it again
    # #endregion reminder
