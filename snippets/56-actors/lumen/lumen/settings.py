"""Lumen's configuration, read from LUMEN_* environment variables (and an optional .env file).

    LUMEN_PROVIDER=openai LUMEN_OPENAI_API_KEY=... uvicorn --factory lumen.main:create_app
    LUMEN_EVENTS=kafka KAFKA_BOOTSTRAP_SERVERS=localhost:9092 uvicorn --factory lumen.main:create_app
    dapr run --app-id lumen --app-port 8000 --resources-path ./components -- \
      env LUMEN_DAPR=on uvicorn --factory lumen.main:create_app --port 8000      # chapter 55
    LUMEN_ACTORS=true dapr run --app-id lumen --app-port 8000 -- uvicorn --factory lumen.main:create_app  # chapter 56
    settings = load_settings()       # -> Settings, or one JSON line on stderr and exit 1
    settings.provider                 # -> "openai"
    settings.openai_api_key           # -> SecretStr('**********'): never printed or logged in clear

Every value has a safe default for a laptop: the offline provider, no key, no network.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


# #region settings
class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LUMEN_", env_file=".env", extra="ignore", populate_by_name=True)

    provider: Literal["offline", "openai"] = "offline"
    # Declared before the key, so its check can see them (chapter 55; explained with the other dapr settings).
    dapr: Literal["off", "on"] = "off"
    secrets: Literal["env", "dapr"] = "env"        # dapr: read the model key from the secret store
    model: str = "gpt-5-mini"
    openai_api_key: SecretStr | None = Field(default=None, validate_default=True)
    openai_base_url: str = "https://api.openai.com/v1"
    request_timeout_s: float = Field(default=30.0, gt=0)
    max_output_tokens: int = Field(default=512, gt=0)
    # For reasoning models: how hard the model thinks, and so how many hidden (billed) tokens it spends.
    # Empty: do not send the parameter (non-reasoning models, and servers that reject it).
    reasoning_effort: Literal["", "none", "minimal", "low", "medium", "high"] = "low"
    max_retries: int = Field(default=2, ge=0)  # for 429, 5xx and refused connections, honouring Retry-After
    max_concurrent_calls: int = Field(default=20, gt=0)  # model calls in flight per process
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    stream_delay_ms: int = Field(default=0, ge=0)
    # After SIGTERM, how long a running stream may go on before it ends with a final `error` event;
    # keep it under uvicorn's --timeout-graceful-shutdown (25 s), which cuts what is still running.
    drain_seconds: float = Field(default=20, ge=0)
    # #region events
    events: Literal["off", "memory", "kafka", "outbox", "dapr"] = "off"
    kafka_bootstrap_servers: str = Field(
        default="localhost:9092",
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "LUMEN_KAFKA_BOOTSTRAP_SERVERS"),
    )
    outbox_path: str = "lumen.db"
    # extra librdkafka settings as JSON, e.g. TLS on a cluster:
    # LUMEN_KAFKA_CONFIG='{"security.protocol": "SSL", "ssl.ca.location": "/etc/kafka/ca.crt", ...}'
    kafka_config: dict[str, str] = Field(default_factory=dict)
    # #endregion events
    # #region dapr
    # LUMEN_DAPR=on is the short form of: events, tools, memory and secrets all through the sidecar.
    tools: Literal["local", "dapr"] = "local"      # dapr: call the lumen-tools app by service invocation
    memory: Literal["off", "dapr"] = "off"         # dapr: conversation history in the state store
    # The sidecar's port: `dapr run` and the injector set DAPR_HTTP_PORT; 3500 is daprd's default.
    dapr_http_port: int = Field(default=3500, gt=0, validation_alias=AliasChoices("DAPR_HTTP_PORT", "LUMEN_DAPR_HTTP_PORT"))
    tools_app_id: str = "lumen-tools"
    state_store: str = "lumen-state"     # component names: the YAML in components/ (laptop) or k8s/ (cluster)
    pubsub: str = "lumen-pubsub"
    secret_store: str = "lumen-secrets"
    history_turns: int = Field(default=10, gt=0)   # turns kept per conversation

    @model_validator(mode="after")
    def dapr_switch(self) -> Settings:
        if self.dapr == "on":
            self.events, self.tools, self.memory, self.secrets = "dapr", "dapr", "dapr", "dapr"
        return self
    # #endregion dapr

    # #region actors
    # Chapter 56: conversations and users become Dapr actors, hosted by this app (daprd must be running).
    actors: bool = False
    conversation_idle_s: float = Field(default=1800, gt=0)  # the idle reminder's due time after a turn
    actor_idle_timeout_s: float = Field(default=3600, gt=0)  # daprd deactivates an actor idle this long
    user_daily_limit: int = Field(default=20_000, gt=0)  # each user's budget, kept by UserBudgetActor
    model_delay_ms: int = Field(default=0, ge=0)  # simulated model latency, offline provider (demos only)
    # #endregion actors

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("openai_api_key")
    @classmethod
    def key_required_for_openai(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        from_store = info.data.get("secrets") == "dapr" or info.data.get("dapr") == "on"  # read at start-up
        if info.data.get("provider") == "openai" and value is None and not from_store:
            raise ValueError("must be set when LUMEN_PROVIDER=openai")
        return value
# #endregion settings


# #region errors
def describe_errors(error: ValidationError) -> list[dict[str, Any]]:
    """One entry per problem, named by the environment variable a person has to fix."""
    problems = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        problem: dict[str, Any] = {"variable": f"LUMEN_{field.upper()}", "problem": item["msg"].removeprefix("Value error, ")}
        if field != "openai_api_key":  # never echo a key, even a wrong one
            problem["value"] = item["input"]
        problems.append(problem)
    return problems


def load_settings(env_file: str | None = ".env") -> Settings:
    """Settings from the environment, or one JSON line on stderr and exit status 1: no traceback."""
    try:
        return Settings(_env_file=env_file)
    except ValidationError as error:
        print(json.dumps({"level": "ERROR", "msg": "invalid configuration", "errors": describe_errors(error)}),
              file=sys.stderr)
        raise SystemExit(1) from None
# #endregion errors

