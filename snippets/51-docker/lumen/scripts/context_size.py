"""Measure a Docker build context with and without its .dockerignore.

`docker build DIR` sends DIR (the build context) to the builder before the
first instruction runs. This script walks DIR, applies DIR/.dockerignore the
way Docker does, and prints how many files and bytes would be sent with and
without it, and which top-level entries the ignore file leaves out.

    python3 scripts/context_size.py .           # measure this project
    python3 scripts/context_size.py ~/src/app   # or any other folder

Standard library only. Matching follows Docker's documented rules: patterns
are relative to the context root, `*` and `?` never cross a `/`, `**` matches
any number of folders, a pattern that matches a folder excludes everything in
it, and a later `!pattern` line lets a path back in.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path


#region rules
@dataclass(frozen=True)
class Rule:
    regex: re.Pattern[str]
    let_back_in: bool


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Translate one .dockerignore pattern into an anchored regular expression."""
    out = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")  # zero or more whole folders
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
                i += 1
            else:
                body = pattern[i + 1 : end].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    return re.compile("".join(out) + r"\Z")


def read_rules(ignore_file: Path) -> list[Rule]:
    rules = []
    if not ignore_file.is_file():
        return rules
    for raw in ignore_file.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        let_back_in = line.startswith("!")
        if let_back_in:
            line = line[1:].strip()
        line = posixpath.normpath(line).lstrip("/")
        rules.append(Rule(compile_pattern(line), let_back_in))
    return rules


def is_ignored(path: str, rules: list[Rule]) -> bool:
    """Apply every rule in order; the last rule that matches decides."""
    parts = path.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    ignored = False
    for rule in rules:
        if any(rule.regex.match(candidate) for candidate in candidates):
            ignored = not rule.let_back_in
    return ignored
#endregion rules


def walk(root: Path) -> list[tuple[str, int]]:
    """Every file under root as (relative posix path, size in bytes), sorted."""
    files = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(folder, name)
            relative = full.relative_to(root).as_posix()
            files.append((relative, full.lstat().st_size))
    return files


#region report
def report(root: Path) -> None:
    files = walk(root)
    rules = read_rules(root / ".dockerignore")
    kept = [(path, size) for path, size in files if not is_ignored(path, rules)]
    left_out: dict[str, list[int]] = {}
    for path, size in files:
        if is_ignored(path, rules):
            top = path.split("/")[0] + ("/" if "/" in path else "")
            left_out.setdefault(top, []).append(size)

    def line(label: str, sizes: list[int]) -> str:
        files = "file " if len(sizes) == 1 else "files"
        return f"  {label:<24}{len(sizes):>6} {files} {sum(sizes):>12,} bytes"

    print(f"build context: {root.name}/ ({len(rules)} ignore rules)")
    print(line("without .dockerignore", [size for _, size in files]))
    print(line("with .dockerignore", [size for _, size in kept]))
    print("left out by .dockerignore:")
    for top, sizes in sorted(left_out.items()):
        print(line(top, sizes))
#endregion report


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    if not target.is_dir():
        sys.exit(f"context_size.py: {target} is not a folder")
    report(target)
