"""How Lumen hosts its actors and calls them: the runtime configuration daprd reads from /dapr/config,
the registration of both actor types, and a typed proxy for a conversation.

    await host_actors(settings, provider)   # once, at startup (lumen.main's lifespan)
    await conversation_proxy("c-42").Ask({"question": "What is 6 * 7?", "user": "ada"})

The proxy talks to the local daprd (DAPR_HTTP_PORT), which finds the host of that actor id through the
placement service: this process or another replica. A caller never needs to know which.
"""

from datetime import timedelta
from typing import Annotated

from dapr.actor import ActorId, ActorProxy
from dapr.actor.runtime.config import ActorReentrancyConfig, ActorRuntimeConfig
from dapr.actor.runtime.runtime import ActorRuntime
from fastapi import Path

from lumen.actor_interfaces import ConversationActorInterface
from lumen.budget import UserBudgetActor
from lumen.conversation import ConversationActor
from lumen.providers import Provider
from lumen.settings import Settings

ConversationIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]{1,100}$")]


# #region host
async def host_actors(settings: Settings, provider: Provider) -> None:
    ActorRuntime.set_actor_config(ActorRuntimeConfig(
        actor_idle_timeout=timedelta(seconds=settings.actor_idle_timeout_s),
        actor_scan_interval=timedelta(seconds=30),
        drain_ongoing_call_timeout=timedelta(seconds=20),  # under placement's 30 s dissemination timeout
        drain_rebalanced_actors=True,
        reentrancy=ActorReentrancyConfig(enabled=False),  # the default, said out loud: strict turns
    ))
    ConversationActor.provider = provider
    ConversationActor.idle_after = timedelta(seconds=settings.conversation_idle_s)
    ConversationActor.model_delay_s = settings.model_delay_ms / 1000
    UserBudgetActor.daily_limit = settings.user_daily_limit
    await ActorRuntime.register_actor(ConversationActor)
    await ActorRuntime.register_actor(UserBudgetActor)
# #endregion host


def conversation_proxy(conversation_id: str) -> ActorProxy:
    return ActorProxy.create("ConversationActor", ActorId(conversation_id), ConversationActorInterface)
