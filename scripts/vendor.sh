#!/usr/bin/env bash
# Copies the front-end libraries that package-lock.json pins from
# node_modules into internal/web/static/vendor, where the binary embeds them.
# The copies are committed, so building mutua needs Go only; run this after
# changing a version in package.json (npm install first), then commit.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/leaflet ] || npm ci --no-audit --no-fund --loglevel=error

out=internal/web/static/vendor
rm -rf "$out"
mkdir -p "$out/htmx" "$out/leaflet/images" "$out/markercluster"

cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/markercluster/"
cp node_modules/htmx.org/LICENSE "$out/htmx/LICENSE"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/markercluster/LICENSE"
# Record where each file came from, so a reviewer can compare with npm.
(cd "$out" && find . -type f ! -name VERSIONS.txt ! -name SHA256SUMS | sort | xargs sha256sum) >"$out/SHA256SUMS"
node -e 'const p=require("./package-lock.json").packages;for(const n of ["htmx.org","leaflet","leaflet.markercluster"])console.log(n+" "+p["node_modules/"+n].version)' >"$out/VERSIONS.txt"
echo "vendor: copied into $out" >&2
