// Offline basemap: Natural Earth country outlines from the `world-atlas` package (public
// domain), bundled at build time as a separate chunk so it loads while the data is requested.
// An optional raster tile URL (serve --tile-url) goes beneath.
import { feature } from "topojson-client";

export async function drawBasemap(L, map, tileUrl) {
  map.getContainer().style.background = "#cfe3ef";
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: "Map tiles: configured tile server" }).addTo(map);
  }
  const world = (await import("world-atlas/countries-110m.json")).default;
  const countries = unwrapAntimeridian(feature(world, world.objects.countries));
  L.geoJSON(countries, {
    interactive: false,
    style: { color: "#8a8a8a", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: tileUrl ? 0 : 1 },
  }).addTo(map);
  map.attributionControl.addAttribution("Country outlines: Natural Earth via world-atlas");
}

// A country across the antimeridian (Fiji, Russia's far east) has rings whose longitudes jump
// from 179.9 to -179.9; drawn as is, the jump is a line across the whole map. Each ring is made
// continuous instead (179.9 then 180.1), so it is drawn where it lies.
export function unwrapAntimeridian(collection) {
  for (const country of collection.features) {
    const geometry = country.geometry;
    if (!geometry) continue;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    for (const polygon of polygons) {
      for (const ring of polygon) unwrapRing(ring);
    }
  }
  return collection;
}

function unwrapRing(ring) {
  let shift = 0;
  for (let i = 1; i < ring.length; i += 1) {
    const jump = ring[i][0] + shift - ring[i - 1][0];
    if (jump > 180) shift -= 360;
    else if (jump < -180) shift += 360;
    if (shift) ring[i] = [ring[i][0] + shift, ring[i][1]];
  }
}
