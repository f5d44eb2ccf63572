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
  const countries = feature(world, world.objects.countries);
  L.geoJSON(countries, {
    interactive: false,
    style: { color: "#8a8a8a", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: tileUrl ? 0 : 1 },
  }).addTo(map);
  map.attributionControl.addAttribution("Country outlines: Natural Earth via world-atlas");
}
