// EventAtlas dashboard: filters -> /api/incidents (table; /api/events with "Show reports"),
// /api/incidents.geojson or /api/events.geojson (map), /api/aggregates (timeline, filter choices).
// An incident is one real-world event; its reports are the events coded from each article. All data is written with textContent or DOM
// nodes, never innerHTML, so article text and names cannot inject markup.
import "./leaflet-global.js";
import "leaflet.markercluster";
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import "./style.css";
import { drawBasemap } from "./basemap.js";
import { createTimeline } from "./timeline.js";
import { renderEvidence } from "./evidence.js";
import { el, clear } from "./dom.js";

const L = window.L;

export const TYPE_COLOURS = {
  Battles: "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  Protests: "#2980b9",
  Riots: "#16a085",
  "Strategic developments": "#7f8c8d",
};
const OTHER_COLOUR = "#555555";
const GEO_PRECISION = { 1: "1 - the town itself", 2: "2 - near a town / part of a region", 3: "3 - a large region" };
const TIME_PRECISION = { 1: "1 - the exact day", 2: "2 - within a week", 3: "3 - within a month" };
const PAGE = 100;

const form = document.getElementById("filters");
const state = { sort: "-event_date", offset: 0, selected: null, config: {}, unit: "incidents" };
// The columns each view can sort by (incidents are sorted by their merged fields).
const SORTABLE = {
  incidents: new Set(["event_date", "fatalities", "n_reports"]),
  events: new Set(["event_date", "event_type", "sub_event_type", "actor1", "location", "country", "fatalities", "certainty"]),
};

function sortable(sort) {
  return SORTABLE[state.unit].has(sort.replace(/^-/, ""));
}

function coverage(item) {
  const reports = item.n_reports ?? 1;
  const outlets = item.n_sources ?? 1;
  return `${reports} report${reports === 1 ? "" : "s"} from ${outlets} outlet${outlets === 1 ? "" : "s"}`;
}
let map, cluster, timeline;

function colourFor(type) {
  return TYPE_COLOURS[type] || OTHER_COLOUR;
}

function radiusFor(fatalities) {
  return Math.min(22, 5 + 2.2 * Math.sqrt(fatalities || 0));
}

// Current filters as URL parameters (only the set ones).
function filterParams({ withDates = true } = {}) {
  const params = new URLSearchParams();
  const data = new FormData(form);
  for (const [name, value] of data.entries()) {
    if (name === "map_bounds") continue;
    if (!withDates && (name === "start_date" || name === "end_date")) continue;
    if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
  }
  if (form.elements.map_bounds.checked && map) {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    params.set("bbox", [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(","));
  }
  return params;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(typeof body.detail === "string" ? body.detail : `HTTP ${response.status}`);
  return body;
}

function setStatus(text, isError = false) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

// ---- filter choices -------------------------------------------------------------------------
function fillSelect(select, items, label = (item) => item.key) {
  const current = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const item of items) {
    if (item.key == null) continue;
    const option = el("option", { value: item.key }, `${label(item)} (${item.count})`);
    select.append(option);
  }
  select.value = current;
}

async function loadChoices() {
  const [types, subTypes, countries, actors] = await Promise.all([
    // Counts only (no fatality sums): these read indexes, not the table.
    getJSON("/api/aggregates?by=event_type&fatalities=false"),
    getJSON("/api/aggregates?by=sub_event_type&fatalities=false"),
    getJSON("/api/aggregates?by=country&limit=300&fatalities=false"),
    getJSON("/api/aggregates?by=actor&limit=300&fatalities=false"),
  ]);
  fillSelect(form.elements.event_type, types.items);
  fillSelect(form.elements.sub_event_type, subTypes.items);
  fillSelect(form.elements.country, countries.items, (item) => item.label || item.key);
  const list = document.getElementById("actor-list");
  clear(list);
  for (const item of actors.items) if (item.key) list.append(el("option", { value: item.key }));
  const legend = document.getElementById("legend");
  clear(legend);
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    legend.append(el("div", { class: "legend-item" }, [el("span", { class: "swatch", style: `background:${colour}` }), type]));
  }
}

// ---- map ------------------------------------------------------------------------------------
function setupMap() {
  map = L.map("map", { preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([20, 20], 2);
  cluster = L.markerClusterGroup({
    chunkedLoading: true,
    maxClusterRadius: 45,
    showCoverageOnHover: false,
    iconCreateFunction: clusterIcon,
  });
  map.addLayer(cluster);
  map.on("moveend", () => {
    if (form.elements.map_bounds.checked) refresh({ keepMap: true });
  });
}

// A cluster takes the colour of its most frequent event type and grows with its fatalities.
function clusterIcon(group) {
  const counts = new Map();
  let fatalities = 0;
  for (const marker of group.getAllChildMarkers()) {
    counts.set(marker.options.eventType, (counts.get(marker.options.eventType) || 0) + 1);
    fatalities += marker.options.fatalities || 0;
  }
  let top = null;
  for (const [type, n] of counts) if (top === null || n > counts.get(top)) top = type;
  const size = Math.round(Math.min(56, 26 + 4 * Math.log1p(fatalities)));
  const icon = el("div", { class: "cluster", style: `background:${colourFor(top)};width:${size}px;height:${size}px;line-height:${size}px` },
    String(group.getChildCount()));
  return L.divIcon({ html: icon, className: "cluster-icon", iconSize: L.point(size, size) });
}

async function loadMap(params) {
  const data = await getJSON(`/api/${state.unit}.geojson?${params}&limit=5000`);
  cluster.clearLayers();
  const markers = [];
  for (const feature of data.features) {
    if (!feature.geometry) continue;
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    const marker = L.circleMarker([lat, lon], {
      radius: radiusFor(p.fatalities),
      color: "#222",
      weight: 1,
      fillColor: colourFor(p.event_type),
      fillOpacity: 0.8,
      eventType: p.event_type,
      fatalities: p.fatalities || 0,
    });
    const tip = el("div", {}, [el("strong", {}, p.event_type || ""), el("br"), `${p.event_date || "?"} · ${p.location || ""}`,
      el("br"), `fatalities: ${p.fatalities ?? 0}`, ...(p.incident_id ? [el("br"), coverage(p)] : [])]);
    marker.bindTooltip(tip);
    marker.on("click", () => openItem(p.incident_id || p.event_id));
    markers.push(marker);
  }
  cluster.addLayers(markers);
  return `${data.features.length}${data.truncated ? " newest" : ""}`;
}

// ---- table ----------------------------------------------------------------------------------
async function loadTable(params) {
  const query = new URLSearchParams(params);
  query.set("sort", state.sort);
  query.set("limit", PAGE);
  query.set("offset", state.offset);
  const data = await getJSON(`/api/${state.unit}?${query}`);
  const body = document.querySelector("#events tbody");
  clear(body);
  for (const event of data.items) {
    const id = event.incident_id || event.event_id;
    const actors = [event.actor1, event.actor2].filter(Boolean).join(" vs ");
    const row = el("tr", { "data-event-id": id, tabindex: "0" }, [
      el("td", {}, event.event_date || ""),
      el("td", {}, [el("span", { class: "swatch", style: `background:${colourFor(event.event_type)}` }), event.event_type]),
      el("td", {}, event.sub_event_type || ""),
      el("td", {}, actors),
      el("td", {}, event.location || ""),
      el("td", {}, event.country || event.country_code || ""),
      el("td", { class: "num" }, String(event.fatalities ?? 0)),
      el("td", {}, event.certainty || ""),
      el("td", {}, event.incident_id ? coverage(event) : ""),
    ]);
    row.addEventListener("click", () => openItem(id));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") openItem(id); });
    if (id === state.selected) row.classList.add("selected");
    body.append(row);
  }
  const shown = data.offset + data.items.length;
  const total = data.total !== undefined
    ? (data.total == null ? "many" : `${data.total}${data.total_is_exact ? "" : "+"}`)
    : `${shown}${data.next_offset != null ? "+" : ""}`;  // incidents are paged without a count
  const first = data.items.length ? data.offset + 1 : 0;
  const label = state.unit === "incidents" ? "Incidents" : "Reports";
  document.getElementById("table-count").textContent = `${label} ${first}–${shown} of ${total}`;
  document.getElementById("prev").disabled = data.offset === 0;
  document.getElementById("next").disabled = data.next_offset == null;
  for (const th of document.querySelectorAll("#events th")) {
    const key = th.dataset.sort;
    th.classList.toggle("sorted-asc", state.sort === key);
    th.classList.toggle("sorted-desc", state.sort === `-${key}`);
  }
  return total;
}

// ---- event panel ----------------------------------------------------------------------------
function field(label, value) {
  return el("div", { class: "field" }, [el("dt", {}, label), el("dd", {}, value == null || value === "" ? "—" : String(value))]);
}

function openItem(id) {
  return state.unit === "incidents" ? openIncident(id) : openEvent(id);
}

// Shows the panel with "Loading…"; returns the fetched item, or null after showing the error.
async function loadPanel(id, url, what) {
  state.selected = id;
  for (const row of document.querySelectorAll("#events tbody tr")) {
    row.classList.toggle("selected", row.dataset.eventId === id);
  }
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  if (panel.hidden) {
    panel.hidden = false;
    map.invalidateSize();
  }
  clear(body);
  body.append(el("p", {}, "Loading…"));
  try {
    const item = await getJSON(url);
    clear(body);
    return item;
  } catch (error) {
    clear(body);
    body.append(el("p", { class: "error" }, `Could not load the ${what}: ${error.message}`));
    return null;
  }
}

function sourceLink(doc, fallback) {
  const title = doc.title || doc.url || fallback || "Untitled document";
  if (doc.url && /^https?:\/\//i.test(doc.url)) {
    return el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, title);
  }
  return el("div", {}, title);
}

async function openIncident(incidentId) {
  const incident = await loadPanel(incidentId, `/api/incidents/${encodeURIComponent(incidentId)}`, "incident");
  if (!incident) return;
  const body = document.getElementById("panel-body");
  body.dataset.eventId = incident.incident_id;
  body.dataset.unit = "incidents";
  body.append(
    el("h2", {}, [el("span", { class: "swatch", style: `background:${colourFor(incident.event_type)}` }), `${incident.event_type} — ${incident.sub_event_type}`]),
    el("p", { class: "coverage" }, coverage(incident)),
    el("dl", { class: "facts" }, [
      field("Date", incident.event_date),
      field("Date precision", TIME_PRECISION[incident.time_precision] || incident.time_precision),
      field("Place", [incident.location, incident.admin1, incident.country_code].filter(Boolean).join(", ")),
      field("Place precision", GEO_PRECISION[incident.geo_precision] || incident.geo_precision),
      field("Actors", (incident.actors || []).join("; ")),
      field("Fatalities", incident.fatalities),
      field("Certainty of the claim", incident.certainty),
      field("First reported", incident.first_reported),
      field("Last reported", incident.last_reported),
    ]),
  );
  const sources = el("div", { class: "source", id: "sources" }, [el("h3", {}, "Sources")]);
  for (const report of incident.reports || []) {
    const doc = report.document || {};
    const offset = report.context_start || 0;
    const spans = (report.evidence || []).map((s) => ({ ...s, start: s.start - offset, end: s.end - offset }));
    const passage = el("div", { class: "article" });
    renderEvidence(passage, report.context || "", spans);
    sources.append(el("div", { class: "report", "data-report-id": report.event_id }, [
      sourceLink(doc, report.document_id),
      el("div", { class: "meta" }, [doc.source, doc.published, report.event_date && `event ${report.event_date}`].filter(Boolean).join(" · ")),
      passage,
    ]));
  }
  body.append(sources);
}

async function openEvent(eventId) {
  const event = await loadPanel(eventId, `/api/events/${encodeURIComponent(eventId)}`, "event");
  if (!event) return;
  const body = document.getElementById("panel-body");
  body.dataset.unit = "events";
  body.dataset.eventId = event.event_id;
  const doc = event.document || {};
  body.append(
    el("h2", {}, [el("span", { class: "swatch", style: `background:${colourFor(event.event_type)}` }), `${event.event_type} — ${event.sub_event_type}`]),
    el("dl", { class: "facts" }, [
      field("Date", event.event_date),
      field("Date precision", TIME_PRECISION[event.time_precision] || event.time_precision),
      field("Date as written", event.date_text),
      field("Place", [event.location, event.admin1, event.country].filter(Boolean).join(", ")),
      field("Place precision", GEO_PRECISION[event.geo_precision] || event.geo_precision),
      field("Coordinates", event.latitude != null ? `${event.latitude.toFixed(4)}, ${event.longitude.toFixed(4)}` : null),
      field("Actor 1", [event.actor1, event.inter1 && `(${event.inter1})`, event.assoc_actor_1 && `with ${event.assoc_actor_1}`].filter(Boolean).join(" ")),
      field("Actor 2", [event.actor2, event.inter2 && `(${event.inter2})`, event.assoc_actor_2 && `with ${event.assoc_actor_2}`].filter(Boolean).join(" ")),
      field("Fatalities", event.fatalities),
      field("Certainty of the claim", event.certainty),
      field("Claimed by", event.claimed_by),
      field("Extraction confidence", event.confidence != null ? event.confidence.toFixed(2) : null),
    ]),
  );
  const source = el("div", { class: "source" }, [el("h3", {}, "Source article"), sourceLink(doc, doc.id)]);
  source.append(el("div", { class: "meta" }, [doc.source, doc.published].filter(Boolean).join(" · ")));
  const article = el("div", { class: "article", id: "article" });
  renderEvidence(article, doc.text || "", event.evidence || []);
  source.append(article);
  body.append(source);
  const mark = article.querySelector("mark");
  if (mark) mark.scrollIntoView({ block: "center" });
}

// ---- orchestration --------------------------------------------------------------------------
function updateDownloads(params) {
  for (const link of document.querySelectorAll("#downloads a")) {
    const query = new URLSearchParams(params);
    query.set("format", link.dataset.format);
    query.set("sort", state.sort);
    query.set("unit", state.unit === "incidents" ? "incidents" : "reports");
    link.href = `/api/export?${query}`;
  }
}

let generation = 0;
async function refresh({ keepMap = false, timelineToo = true } = {}) {
  const mine = ++generation;
  const params = filterParams();
  updateDownloads(params);
  setStatus("Loading…");
  try {
    const jobs = [loadTable(params), keepMap && !form.elements.map_bounds.checked ? null : loadMap(params)];
    if (timelineToo) {
      const redraw = timeline.load(filterParams({ withDates: false }));
      jobs.push(redraw.then(() => timeline.showRange(form.elements.start_date.value, form.elements.end_date.value)));
    }
    const [total, shown] = await Promise.all(jobs);
    const unit = state.unit === "incidents" ? "incidents" : "reports";
    if (mine === generation) setStatus(`${total} ${unit}${shown ? ` · ${shown} on map` : ""}`);
  } catch (error) {
    if (mine === generation) setStatus(error.message, true);
  }
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function wire() {
  const changed = () => { state.offset = 0; refresh(); };
  form.addEventListener("change", (e) => {
    const name = e.target.name;
    if (name === "start_date" || name === "end_date") {
      timeline.showRange(form.elements.start_date.value, form.elements.end_date.value);
    }
    if (name !== "q" && name !== "admin1" && name !== "actor") changed();
  });
  const typed = debounce(changed, 400);
  for (const name of ["q", "admin1", "actor"]) form.elements[name].addEventListener("input", typed);
  form.addEventListener("submit", (e) => { e.preventDefault(); changed(); });
  form.addEventListener("reset", () => setTimeout(() => { timeline.clearBrush(); changed(); }, 0));
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh({ keepMap: true, timelineToo: false }); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; refresh({ keepMap: true, timelineToo: false }); });
  for (const th of document.querySelectorAll("#events th")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      if (!SORTABLE[state.unit].has(key)) return;
      state.sort = state.sort === `-${key}` ? key : `-${key}`;
      state.offset = 0;
      refresh({ keepMap: true, timelineToo: false });
    });
  }
  document.getElementById("show-reports").addEventListener("change", (e) => {
    state.unit = e.target.checked ? "events" : "incidents";
    if (!sortable(state.sort)) state.sort = "-event_date";
    state.offset = 0;
    document.getElementById("panel").hidden = true;
    state.selected = null;
    refresh({ timelineToo: false });
  });
  document.getElementById("close-panel").addEventListener("click", () => {
    document.getElementById("panel").hidden = true;
    state.selected = null;
    map.invalidateSize();
  });
}

async function main() {
  // Data requests start first; the basemap (a few hundred kB of outlines) is drawn while the
  // server answers, and the settings (optional tile URL) arrive alongside.
  setupMap();
  timeline = createTimeline(document.getElementById("timeline"), (start, end) => {
    form.elements.start_date.value = start || "";
    form.elements.end_date.value = end || "";
    state.offset = 0;
    refresh({ timelineToo: false });
  });
  wire();
  const firstView = refresh();
  const basemap = getJSON("/api/config")
    .then((config) => { state.config = config; }, () => {})
    .then(() => drawBasemap(L, map, state.config.tile_url));
  await Promise.all([firstView, basemap]);
  document.body.dataset.ready = "true";
  // Filter choices (counts per type, country, actor) come right after the first view, so they
  // do not compete with it for the server.
  await loadChoices().catch((e) => setStatus(e.message, true));
  document.body.dataset.choices = "true";
}

main();
