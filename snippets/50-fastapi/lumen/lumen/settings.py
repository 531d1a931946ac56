"""Lumen's configuration, read from LUMEN_* environment variables (and an optional .env file).

    LUMEN_PROVIDER=openai LUMEN_OPENAI_API_KEY=... uvicorn --factory lumen.main:create_app
    settings = load_settings()       # -> Settings, or one JSON line on stderr and exit 1
    settings.provider                 # -> "openai"
    settings.openai_api_key           # -> SecretStr('**********'): never printed or logged in clear

Every value has a safe default for a laptop: the offline provider, no key, no network.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


# #region settings
class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LUMEN_", env_file=".env", extra="ignore")

    provider: Literal["offline", "openai"] = "offline"
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

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("openai_api_key")
    @classmethod
    def key_required_for_openai(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        if info.data.get("provider") == "openai" and value is None:  # provider is declared, so read, first
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

