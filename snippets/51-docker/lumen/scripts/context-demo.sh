#!/usr/bin/env bash
# Shows what .dockerignore saves, on a throw-away copy of this project that
# also holds two files real working folders collect: a .env with a key in it
# and a local evaluation set of recorded model answers.
#   bash scripts/context-demo.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
project="$work/lumen-project"
mkdir -p "$project"

#region copy
# The project as you have it on disk...
cp -R "$here/lumen" "$here/scripts" "$project/"
cp "$here/requirements.txt" "$here/requirements.lock" "$here/Dockerfile" "$here/Dockerfile.naive" \
   "$here/.dockerignore" "$here/compose.yaml" "$here/.env.example" "$project/"
#endregion copy

#region plant
# ...plus a .env made from the example, with a (fake) key filled in...
sed -e 's/^LUMEN_PROVIDER=offline/LUMEN_PROVIDER=openai/' \
    -e 's/^# LUMEN_OPENAI_API_KEY=$/LUMEN_OPENAI_API_KEY=sk-your-key-here/' \
    "$here/.env.example" > "$project/.env"
# ...and 2,000 recorded answers kept for offline evaluation.
mkdir -p "$project/data"
for i in $(seq 1 2000); do
  printf '{"id": %d, "question": "What is %d * 7?", "answer": "%d * 7 = %d", "tool": "calculator"}\n' \
    "$i" "$i" "$i" "$((i * 7))"
done > "$project/data/eval-responses.jsonl"
#endregion plant

python3 "$here/scripts/context_size.py" "$project"
