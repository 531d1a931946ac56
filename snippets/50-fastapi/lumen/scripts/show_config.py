"""Prints the settings Lumen would start with, as read from LUMEN_* variables (and .env if present).

    LUMEN_PROVIDER=openai LUMEN_OPENAI_API_KEY=... python3 scripts/show_config.py

Needs pydantic-settings. Secrets print as ********** because they are SecretStr values.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pydantic import ValidationError  # noqa: E402

from lumen.settings import Settings  # noqa: E402

try:
    settings = Settings()
except ValidationError as error:  # fail fast, with every problem listed, before serving anything
    print(f"invalid configuration:\n{error}", file=sys.stderr)
    sys.exit(1)
for name, value in settings.model_dump().items():
    print(f"LUMEN_{name.upper():<20} {value}")
