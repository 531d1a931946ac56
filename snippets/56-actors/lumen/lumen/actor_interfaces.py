"""The two actor types Lumen hosts, as interfaces: the app that hosts the actors implements them, and any
caller (the API route, another actor, a script) gets a typed proxy from them:

    proxy = ActorProxy.create("ConversationActor", ActorId("c-42"), ConversationActorInterface)
    await proxy.Ask({"question": "What is 6 * 7?", "user": "ada"})   # -> the turn, as a dict

The names given to @actormethod are the names daprd routes on (PUT /actors/<type>/<id>/method/<name>).
"""

from abc import abstractmethod
from typing import Any

from dapr.actor import ActorInterface, actormethod


# #region interfaces
class ConversationActorInterface(ActorInterface):
    @abstractmethod
    @actormethod(name="Ask")
    async def ask(self, request: dict[str, Any]) -> dict[str, Any]: ...

    @abstractmethod
    @actormethod(name="GetHistory")
    async def get_history(self) -> dict[str, Any]: ...


class UserBudgetActorInterface(ActorInterface):
    @abstractmethod
    @actormethod(name="Reserve")
    async def reserve(self, tokens: int) -> dict[str, Any]: ...

    @abstractmethod
    @actormethod(name="Settle")
    async def settle(self, charge: dict[str, int]) -> dict[str, Any]: ...
# #endregion interfaces
