"""Lumen: a small question-answering agent service.

The package is layered so that the core runs on the standard library alone:

    lumen.providers.base     the Provider protocol and its value types   (stdlib)
    lumen.providers.offline  a deterministic provider, no network/keys    (stdlib)
    lumen.tools              calculator and glossary tools                (stdlib)
    lumen.agent              question -> provider -> tool -> answer       (stdlib)
    lumen.logs, lumen.metrics  JSON logs and Prometheus counters          (stdlib)
    lumen.settings           configuration from LUMEN_* variables         (pydantic-settings)
    lumen.providers.openai   the production provider                      (httpx2)
    lumen.main               the FastAPI application                      (fastapi)
"""

__version__ = "0.1.0"
