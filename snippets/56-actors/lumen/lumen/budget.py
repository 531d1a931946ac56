"""UserBudgetActor: one actor per user, holding the tokens that user may still spend today.

    budget = ActorProxy.create("UserBudgetActor", ActorId("ada"), UserBudgetActorInterface)
    await budget.Reserve(400)                        # -> {"allowed": True, "remaining": 19600}
    await budget.Settle({"reserved": 400, "used": 123})   # gives back what the turn did not use

Check-and-charge happens in ONE actor turn: two conversations of the same user cannot both see the last
tokens as free, because the runtime never runs two turns of one actor at the same time.
"""

import time
from typing import Any

from dapr.actor import Actor

from lumen.actor_interfaces import UserBudgetActorInterface


def today() -> str:
    return time.strftime("%Y-%m-%d", time.gmtime())


# #region budget
class UserBudgetActor(Actor, UserBudgetActorInterface):
    daily_limit = 20_000  # the host sets it from LUMEN_USER_DAILY_TOKENS before the first call

    async def _spent_today(self) -> int:
        found, ledger = await self._state_manager.try_get_state("ledger")
        return ledger["tokens"] if found and ledger["day"] == today() else 0  # a new day starts at 0

    async def reserve(self, tokens: int) -> dict[str, Any]:
        spent = await self._spent_today()
        if spent + tokens > self.daily_limit:
            return {"allowed": False, "remaining": self.daily_limit - spent}
        await self._state_manager.set_state("ledger", {"day": today(), "tokens": spent + tokens})
        await self._state_manager.save_state()
        return {"allowed": True, "remaining": self.daily_limit - spent - tokens}

    async def settle(self, charge: dict[str, int]) -> dict[str, Any]:
        spent = max(0, await self._spent_today() - charge["reserved"] + charge["used"])
        await self._state_manager.set_state("ledger", {"day": today(), "tokens": spent})
        await self._state_manager.save_state()
        return {"remaining": self.daily_limit - spent}
# #endregion budget
