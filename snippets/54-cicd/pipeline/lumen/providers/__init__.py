"""Chooses the provider named by the settings.

    provider = build_provider(Settings(provider="offline"))   # -> OfflineProvider
    provider = build_provider(Settings(provider="openai", openai_api_key="..."))  # -> OpenAIProvider

The OpenAI provider is imported only when chosen, so the offline path needs no httpx2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lumen.providers.base import Completion, Provider, ProviderError, Usage
from lumen.providers.offline import OfflineProvider

if TYPE_CHECKING:
    from lumen.settings import Settings

__all__ = ["Completion", "OfflineProvider", "Provider", "ProviderError", "Usage", "build_provider"]


def build_provider(settings: Settings) -> Provider:
    if settings.provider == "offline":
        return OfflineProvider(delay_s=settings.stream_delay_ms / 1000)
    if settings.provider == "openai":
        from lumen.providers.openai import OpenAIProvider

        return OpenAIProvider.from_settings(settings)
    raise ValueError(f"unknown provider {settings.provider!r}")
