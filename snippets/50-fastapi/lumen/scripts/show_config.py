"""Prints the settings Lumen would start with, as read from LUMEN_* variables and an env file.

    python3 scripts/show_config.py --env-file config/cluster.env     # what the cluster gets
    LUMEN_PROVIDER=openai python3 scripts/show_config.py              # a problem: one JSON line, exit 1

Needs pydantic-settings. Variables already in the environment win over the file, as in Lumen itself.
Secrets print as ********** because they are SecretStr values.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lumen.settings import load_settings  # noqa: E402

parser = argparse.ArgumentParser(description="Print the settings Lumen would start with.")
parser.add_argument("--env-file", default=".env", help="env file to read (default: .env, if present)")
args = parser.parse_args()

settings = load_settings(args.env_file)  # the same fail-fast path the server takes
for name, value in settings.model_dump().items():
    print(f"LUMEN_{name.upper():<20} {value}")
