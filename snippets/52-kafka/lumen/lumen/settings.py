"""Lumen's configuration, read from LUMEN_* environment variables (and an optional .env file).

    LUMEN_PROVIDER=openai LUMEN_OPENAI_API_KEY=... uvicorn lumen.main:app
    LUMEN_EVENTS=kafka KAFKA_BOOTSTRAP_SERVERS=localhost:9092 uvicorn lumen.main:app
    settings = get_settings()
    settings.provider                 # -> "openai"
    settings.openai_api_key           # -> SecretStr('**********'): never printed or logged in clear

Every value has a safe default for a laptop: the offline provider, no key, no network.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


# #region settings
class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LUMEN_", env_file=".env", extra="ignore", populate_by_name=True)

    provider: Literal["offline", "openai"] = "offline"
    model: str = "gpt-5-mini"
    openai_api_key: SecretStr | None = None
    openai_base_url: str = "https://api.openai.com/v1"
    request_timeout_s: float = Field(default=30.0, gt=0)
    max_output_tokens: int = Field(default=512, gt=0)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    stream_delay_ms: int = Field(default=0, ge=0)
    # #region events
    events: Literal["off", "memory", "kafka", "outbox"] = "off"
    kafka_bootstrap_servers: str = Field(
        default="localhost:9092",
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "LUMEN_KAFKA_BOOTSTRAP_SERVERS"),
    )
    outbox_path: str = "lumen.db"
    # extra librdkafka settings as JSON, e.g. TLS on a cluster:
    # LUMEN_KAFKA_CONFIG='{"security.protocol": "SSL", "ssl.ca.location": "/etc/kafka/ca.crt", ...}'
    kafka_config: dict[str, str] = Field(default_factory=dict)
    # #endregion events

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def key_required_for_openai(self) -> Settings:
        if self.provider == "openai" and self.openai_api_key is None:
            raise ValueError("LUMEN_OPENAI_API_KEY must be set when LUMEN_PROVIDER=openai")
        return self
# #endregion settings


@lru_cache
def get_settings() -> Settings:
    """One Settings per process, read at first use; tests pass their own Settings instead."""
    return Settings()
