#!/usr/bin/env bash
# Makes the web stack of the book's Python examples (FastAPI, Starlette, Uvicorn, httpx2 and what they
# import) importable by this machine's python3 when PyPI is out of reach but Debian's archive is not.
# It downloads Debian's pure-Python packages with a private apt configuration (nothing is installed
# system-wide, no root needed), unpacks them into a cache folder and prints that folder on stdout:
#
#   export PYTHONPATH="$(bash scripts/python-from-debian.sh)${PYTHONPATH:+:$PYTHONPATH}"
#   npm run verify-snippets -- --chapter 50      # the API tests and the smoke run now run instead of skipping
#
# Contributors who can reach PyPI do not need this: `pip install -r snippets/50-fastapi/lumen/requirements-dev.txt`.
set -euo pipefail

me="python-from-debian"
usage() {
  cat <<EOF
Usage: bash scripts/python-from-debian.sh [--dir DIR] [--suite SUITE] [--mirror URL] [--refresh]

Downloads Debian's pure-Python packages of FastAPI, Starlette, Uvicorn, httpx2 (and, when python3 has no
pytest, pytest) into DIR/site-packages and prints that folder, for PYTHONPATH. A second run reuses the
folder without touching the network while python3 can import everything from it.

  --dir DIR      cache folder (default: \$HOME/.cache/ai-cloud-native-book/python-debian)
  --suite SUITE  Debian suite to take the packages from (default: unstable; the examples need FastAPI
                 >= 0.135 for fastapi.sse, which stable Debian does not have)
  --mirror URL   Debian mirror (default: http://deb.debian.org/debian)
  --refresh      download again even if the cache works
  --help         show this help

Pydantic and pydantic-settings must already be importable by python3: pydantic's compiled core in
Debian is built for Debian's own Python, not for this one.

Exit status: 0 ready (the folder is printed), 1 the packages could not be provided (the reason is
printed), 2 bad options.
EOF
}

dir="${BOOK_PYTHON_DEBIAN_DIR:-$HOME/.cache/ai-cloud-native-book/python-debian}"
suite="unstable"
mirror="http://deb.debian.org/debian"
refresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir | --suite | --mirror)
      if [ $# -lt 2 ] || [ -z "$2" ]; then
        echo "$me: $1 needs a value (see --help)" >&2
        exit 2
      fi
      case "$1" in --dir) dir="$2" ;; --suite) suite="$2" ;; --mirror) mirror="$2" ;; esac
      shift 2
      ;;
    --refresh) refresh=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$me: unknown option \"$1\" (see --help)" >&2; exit 2 ;;
  esac
done

fail() {
  echo "$me: $1" >&2
  [ $# -lt 2 ] || echo "  hint: $2" >&2
  exit 1
}

command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH" "install python3 (apt-get install python3) and run this again"
for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not available" "this script needs a Debian-based machine; elsewhere use pip install -r snippets/50-fastapi/lumen/requirements-dev.txt"
done

site="$dir/site-packages"
# What the examples import: the web stack from Debian, the rest from python3 itself.
modules=(fastapi fastapi.sse fastapi.testclient starlette uvicorn httpx2 pydantic pydantic_settings pytest)

# Prints the modules python3 cannot import with $site first on its path, one per line with the reason.
missing_modules() {
  PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}" python3 -W ignore - "${modules[@]}" <<'PY'
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as error:  # an ImportError, or a package that breaks while importing
        print(f"{name}: {type(error).__name__}: {error}")
PY
}

if [ "$refresh" -eq 0 ] && [ -f "$dir/packages.txt" ] && [ -z "$(missing_modules)" ]; then
  echo "$me: reusing $site ($(wc -l <"$dir/packages.txt") packages from Debian $(head -c 64 "$dir/suite.txt" 2>/dev/null || echo "?"))" >&2
  echo "$site"
  exit 0
fi

python3 -c 'import pydantic, pydantic_settings' 2>/dev/null ||
  fail "python3 $(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])') cannot import pydantic and pydantic-settings" \
    "they cannot come from Debian here (pydantic's core is compiled for Debian's own Python); install them for this python3"

# Debian's pure-Python ("Architecture: all") packages for the web stack. Compiled extras that Debian
# lists as dependencies (uvloop, httptools) are left out: Uvicorn works without them.
packages=(
  python3-fastapi python3-starlette python3-uvicorn python3-click python3-h11
  python3-httpx2 python3-httpcore2 python3-truststore python3-anyio python3-sniffio python3-idna
  python3-annotated-doc python3-typing-extensions python3-opentelemetry-api
)
python3 -c 'import pytest' 2>/dev/null || packages+=(python3-pytest python3-pluggy python3-iniconfig python3-packaging python3-pygments)

work="$dir/.apt"
rm -rf "$work" "$site.new"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/sources.list.d" "$work/preferences.d" "$work/debs" "$work/unpacked"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || fail "Debian's archive keyring is missing ($keyring)" "apt-get install debian-archive-keyring"
printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$suite" >"$work/sources.list"
apt_options=(
  -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/sources.list.d"
  -o "Dir::Etc::Preferences=$work/preferences" -o "Dir::Etc::PreferencesParts=$work/preferences.d"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
  -o "APT::Sandbox::User=$(id -un)" -o "Acquire::Retries=2" -q
)

echo "$me: reading the package index of Debian $suite from $mirror" >&2
# --error-on=any: without it apt-get update exits 0 when the mirror cannot be reached.
if ! apt-get "${apt_options[@]}" --error-on=any update >"$work/update.log" 2>&1 || ! compgen -G "$work/lists/*_Packages*" >/dev/null; then
  tail -n 5 "$work/update.log" >&2
  fail "could not read Debian's package index (log: $work/update.log)" "check that $mirror is reachable, or pass --mirror"
fi
echo "$me: downloading ${#packages[@]} packages" >&2
if ! (cd "$work/debs" && apt-get "${apt_options[@]}" download "${packages[@]}") >"$work/download.log" 2>&1; then
  tail -n 5 "$work/download.log" >&2
  fail "could not download the packages (log: $work/download.log)" "a package may have been renamed in Debian $suite; compare the list in $0 with packages.debian.org"
fi

: >"$work/packages.txt"
for deb in "$work"/debs/*.deb; do
  arch="$(dpkg-deb -f "$deb" Architecture)"
  [ "$arch" = all ] || fail "$(basename "$deb") is built for $arch, not pure Python" "drop it from the list in $0"
  dpkg-deb -x "$deb" "$work/unpacked"
  printf '%s %s\n' "$(dpkg-deb -f "$deb" Package)" "$(dpkg-deb -f "$deb" Version)" >>"$work/packages.txt"
done
[ -d "$work/unpacked/usr/lib/python3/dist-packages" ] || fail "the packages held no Python modules" "inspect $work/debs"

# Swap the new folder in only when it works, so a failed refresh keeps the last good one.
mv "$work/unpacked/usr/lib/python3/dist-packages" "$site.new"
previous="$site.old"
rm -rf "$previous"
[ ! -d "$site" ] || mv "$site" "$previous"
mv "$site.new" "$site"
problems="$(missing_modules)"
if [ -n "$problems" ]; then
  rm -rf "$site"
  [ ! -d "$previous" ] || mv "$previous" "$site"
  while IFS= read -r line; do echo "  cannot import $line" >&2; done <<<"$problems"
  fail "python3 cannot import the examples' modules from Debian $suite's packages" "a new dependency may be missing from the list in $0"
fi
rm -rf "$previous"
mv "$work/packages.txt" "$dir/packages.txt"
echo "$suite" >"$dir/suite.txt"
rm -rf "$work"
versions="$(grep -E '^python3-(fastapi|starlette|uvicorn|httpx2|pytest) ' "$dir/packages.txt" | sed 's/^python3-//' | tr '\n' ' ')"
echo "$me: ready: $versions(from Debian $suite) in $site" >&2
echo "$site"
