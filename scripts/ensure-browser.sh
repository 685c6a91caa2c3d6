#!/usr/bin/env bash
# Makes sure the browser tests (cmd/mutua/browser*_test.go) have what they
# need: Debian's chromium at /usr/bin/chromium, and axe-core in node_modules
# at the version package-lock.json pins. It installs what is missing and is
# quick when nothing is.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
apt_updated=
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$apt_updated" ]; then
    "${sudo[@]}" apt-get update -qq
    apt_updated=1
  fi
  "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

# The tests look for it there (chromiumPath in cmd/mutua/browser_test.go).
chromium=/usr/bin/chromium
if [ ! -x "$chromium" ]; then
  echo "ensure-browser: installing chromium" >&2
  apt_install chromium
fi

if ! command -v npm >/dev/null; then
  echo "ensure-browser: installing npm" >&2
  apt_install --no-install-recommends npm
fi

# npm ci when axe-core is missing, or package-lock.json changed since the
# last npm ci here (its checksum is kept inside node_modules).
stamp=node_modules/.package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/axe-core/axe.min.js ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "ensure-browser: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

echo "ensure-browser: $("$chromium" --version 2>/dev/null), axe-core $(node -p 'require("./node_modules/axe-core/package.json").version')" >&2
