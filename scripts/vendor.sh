#!/usr/bin/env bash
# Installs the front-end libraries that package-lock.json pins (htmx,
# Leaflet, Leaflet.markercluster; npm checks their integrity hashes) and
# copies the files the pages use into internal/web/static/vendor, where the
# binary embeds them. Nothing there is committed: `make run`, `make test`
# and `make build` run this first, and it is quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null; then
  echo "vendor: installing npm" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

# npm ci when node_modules is missing or package-lock.json changed since
# the last npm ci here (its checksum is kept inside node_modules; the
# browser tests' scripts/ensure-browser.sh shares the stamp).
stamp=node_modules/.package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules/leaflet ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "vendor: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

out=internal/web/static/vendor
if [ "$(cat "$out/.package-lock.sha256" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
rm -rf "$out"
mkdir -p "$out/htmx" "$out/leaflet/images" "$out/markercluster"
cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE "$out/htmx/"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE "$out/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/markercluster/"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/markercluster/LICENSE"
echo "$want" >"$out/.package-lock.sha256"
echo "vendor: copied into $out" >&2
