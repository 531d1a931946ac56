"""The output filter: what the agent says is checked on the way out, like what it does is checked on
the way in. Secrets and personal data that reached the model (from a document, a tool result, a
careless prompt) are replaced before the answer leaves the service.

    redact("mail ops@example.com")   # -> ("mail [redacted:email]", ["email"])
"""

from __future__ import annotations

import re

# #region patterns
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("jwt", re.compile(r"\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}")),
    ("api-key", re.compile(r"\b(?:sk|pk|rk)-[A-Za-z0-9_-]{20,}")),
    ("aws-key-id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("private-key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
]
# #endregion patterns


def redact(text: str) -> tuple[str, list[str]]:
    """The text with every match replaced by [redacted:<kind>], and the kinds found (for the audit)."""
    found: list[str] = []
    for kind, pattern in PATTERNS:
        text, count = pattern.subn(f"[redacted:{kind}]", text)
        found += [kind] * count
    return text, found
