"""Point an overlay at a new image digest: the promotion step of the GitOps loop.

The pipeline prints the digest it pushed; this script writes it into one overlay's
kustomization.yaml, and the change then goes through a pull request like any other.

    python3 scripts/set_digest.py overlays/dev sha256:<64 hex digits>

Only the `digest:` line of the images entry changes; comments and order stay as they are.
Standard library only.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
DIGEST_LINE = re.compile(r"^(\s+digest:\s*)(\S+)\s*$", re.MULTILINE)


# #region promote
def set_digest(overlay: Path, digest: str) -> str:
    """Return the previous digest after writing the new one into overlay/kustomization.yaml."""
    if not DIGEST.match(digest):
        raise ValueError(f"'{digest}' is not a digest (expected sha256: and 64 hex digits); tags are not accepted")
    path = overlay / "kustomization.yaml"
    text = path.read_text(encoding="utf-8")
    found = DIGEST_LINE.findall(text)
    if len(found) != 1:
        raise ValueError(f"{path}: expected exactly one 'digest:' line in images, found {len(found)}")
    previous = found[0][1]
    path.write_text(DIGEST_LINE.sub(lambda m: m.group(1) + digest, text), encoding="utf-8")
    return previous
# #endregion promote


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: set_digest.py OVERLAY_DIR sha256:DIGEST", file=sys.stderr)
        return 2
    try:
        previous = set_digest(Path(argv[0]), argv[1])
    except (OSError, ValueError) as error:
        print(f"set_digest.py: {error}", file=sys.stderr)
        return 1
    print(f"{argv[0]}: {previous} -> {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
