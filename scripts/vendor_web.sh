#!/usr/bin/env bash
# Vendor the web UI's front-end files from npm into src/eventledger/web/static/vendor/.
#
# The UI must work offline (no CDN), so Leaflet, Leaflet.markercluster, a world outline and Swagger UI are
# shipped as static files in the package. This script fetches the pinned npm packages into a
# temporary directory, copies only their dist files and licences, and turns world-atlas's
# Natural Earth TopoJSON into a small GeoJSON background (no tile server is reachable offline).
# Run it again only to upgrade; its output is committed.
set -euo pipefail

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
SWAGGER_UI=5.35.0

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/src/eventledger/web/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --silent \
  "leaflet@$LEAFLET" "leaflet.markercluster@$MARKERCLUSTER" \
  "world-atlas@$WORLD_ATLAS" "topojson-client@$TOPOJSON_CLIENT" "swagger-ui-dist@$SWAGGER_UI"

rm -rf "$dest"
mkdir -p "$dest/leaflet/images" "$dest/markercluster" "$dest/world" "$dest/swagger-ui"
m=node_modules
cp "$m/leaflet/dist/leaflet.js" "$m/leaflet/dist/leaflet.css" "$dest/leaflet/"
cp "$m/leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$m/leaflet/LICENSE" "$dest/leaflet/LICENSE"
cp "$m/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$m/leaflet.markercluster/dist/MarkerCluster.css" \
   "$m/leaflet.markercluster/dist/MarkerCluster.Default.css" "$dest/markercluster/"
cp "$m/leaflet.markercluster/MIT-LICENCE.txt" "$dest/markercluster/LICENSE" 2>/dev/null \
  || cp "$m/leaflet.markercluster/LICENSE"* "$dest/markercluster/LICENSE"
cp "$m/world-atlas/LICENSE" "$dest/world/LICENSE"
# The API's /docs page, served offline instead of from FastAPI's default CDN.
cp "$m/swagger-ui-dist/swagger-ui-bundle.js" "$m/swagger-ui-dist/swagger-ui.css" "$dest/swagger-ui/"
cp "$m/swagger-ui-dist/LICENSE" "$dest/swagger-ui/LICENSE"

# Natural Earth 1:110m countries -> GeoJSON, coordinates rounded to 0.01 degree (about 1 km).
node - "$m" "$dest/world/countries-110m.geojson" <<'JS'
const [modules, out] = process.argv.slice(2);
const topojson = require(`${process.cwd()}/${modules}/topojson-client`);
const topo = require(`${process.cwd()}/${modules}/world-atlas/countries-110m.json`);
const fc = topojson.feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === "number" ? c.map((x) => Math.round(x * 100) / 100) : c.map(round));
// A ring that jumps across the antimeridian (Fiji, Chukotka) would draw a line round the world
// in Web Mercator; such pieces are dropped, which loses a few small islands at this scale.
const jumps = (ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
for (const f of fc.features) {
  const g = f.geometry;
  if (g.type === "Polygon" && g.coordinates.some(jumps)) g.coordinates = [];
  if (g.type === "MultiPolygon") g.coordinates = g.coordinates.filter((poly) => !poly.some(jumps));
  g.coordinates = round(g.coordinates);
  f.properties = { name: f.properties.name };
}
fc.features = fc.features.filter((f) => f.geometry.coordinates.length);
require("fs").writeFileSync(out, JSON.stringify(fc));
JS

cat > "$dest/README.md" <<MD
Vendored by \`scripts/vendor_web.sh\` from npm; do not edit by hand.

| files | package | licence |
|---|---|---|
| leaflet/ | leaflet@$LEAFLET | BSD-2-Clause (leaflet/LICENSE) |
| markercluster/ | leaflet.markercluster@$MARKERCLUSTER | MIT (markercluster/LICENSE) |
| swagger-ui/ | swagger-ui-dist@$SWAGGER_UI (the API's /docs page) | Apache-2.0 (swagger-ui/LICENSE) |
| world/countries-110m.geojson | world-atlas@$WORLD_ATLAS (Natural Earth, public domain), converted with topojson-client@$TOPOJSON_CLIENT | ISC (world/LICENSE) |
MD
echo "vendored into $dest:"
(cd "$dest" && find . -type f | sort | xargs ls -l | awk '{print $5, $9}')
