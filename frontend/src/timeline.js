// Timeline histogram of events per day/week/month, with a brush that sets the date filter.
import { select } from "d3-selection";
import { scaleTime, scaleLinear } from "d3-scale";
import { axisBottom } from "d3-axis";
import { brushX } from "d3-brush";
import { max } from "d3-array";

const DAY = 86400000;

function parseDay(text) {
  return new Date(`${text}T00:00:00Z`);
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

// Start of the bin a day falls in (UTC): the day itself, its Monday, or the 1st of its month.
function binStart(date, unit) {
  if (unit === "day") return date;
  if (unit === "week") return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

function nextBin(date, unit) {
  if (unit === "day") return new Date(date.getTime() + DAY);
  if (unit === "week") return new Date(date.getTime() + 7 * DAY);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

export function binDays(items) {
  if (!items.length) return { unit: "day", bins: [] };
  const first = parseDay(items[0].key);
  const last = parseDay(items[items.length - 1].key);
  const span = (last - first) / DAY;
  const unit = span > 3 * 365 ? "month" : span > 180 ? "week" : "day";
  const counts = new Map();
  for (const item of items) {
    const key = binStart(parseDay(item.key), unit).getTime();
    counts.set(key, (counts.get(key) || 0) + item.count);
  }
  const bins = [];
  for (let t = binStart(first, unit); t <= last; t = nextBin(t, unit)) {
    bins.push({ start: t, end: nextBin(t, unit), count: counts.get(t.getTime()) || 0 });
  }
  return { unit, bins };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// "Mar 4" for a day or a week, "Mar 2024" for a month (UTC, as the bins are).
export function binLabel(date, unit) {
  const month = MONTHS[date.getUTCMonth()];
  return unit === "month" ? `${month} ${date.getUTCFullYear()}` : `${month} ${date.getUTCDate()}`;
}

export function createTimeline(container, onRange) {
  const height = container.clientHeight || 110;
  const margin = { top: 8, right: 12, bottom: 20, left: 12 };
  const svg = select(container).append("svg").attr("height", height);
  const bars = svg.append("g");
  const axis = svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`);
  const brushLayer = svg.append("g").attr("class", "brush");
  let x = null;
  let bins = [];
  let unit = "day";
  let ignoreBrush = false;

  const brush = brushX().on("end", (event) => {
    if (ignoreBrush || !event.sourceEvent || !x) return;
    if (!event.selection) {
      currentRange = null;
      onRange(null, null);
      return;
    }
    const [x0, x1] = event.selection.map(x.invert);
    // Snap to whole bins, so the filter matches the bars the user selected.
    const inside = bins.filter((b) => b.end > x0 && b.start < x1);
    if (!inside.length) return;
    const start = inside[0].start;
    const end = new Date(inside[inside.length - 1].end.getTime() - DAY);
    currentRange = [isoDay(start), isoDay(end)];
    onRange(isoDay(start), isoDay(end));
  });

  function draw() {
    const width = container.clientWidth || 800;
    svg.attr("width", width);
    if (!bins.length) {
      bars.selectAll("rect").remove();
      return;
    }
    x = scaleTime().domain([bins[0].start, bins[bins.length - 1].end]).range([margin.left, width - margin.right]);
    const y = scaleLinear().domain([0, max(bins, (b) => b.count) || 1]).range([height - margin.bottom, margin.top]);
    bars.selectAll("rect").data(bins).join("rect")
      .attr("x", (b) => x(b.start))
      .attr("width", (b) => Math.max(1, x(b.end) - x(b.start) - 0.5))
      .attr("y", (b) => y(b.count))
      .attr("height", (b) => y(0) - y(b.count))
      .attr("class", "bar");
    // Ticks at bin starts only (never hours inside a day), thinned to fit, labelled per unit.
    const room = Math.max(2, Math.floor(width / 90));
    const step = Math.ceil(bins.length / room);
    const ticks = bins.filter((_, i) => i % step === 0).map((b) => b.start);
    axis.call(axisBottom(x).tickValues(ticks).tickFormat((d) => binLabel(d, unit)));
    brush.extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]]);
    brushLayer.call(brush);
  }

  // Redraw when the layout changes (the event panel opening narrows the timeline).
  let lastWidth = 0;
  new ResizeObserver(() => {
    const width = container.clientWidth;
    if (width && width !== lastWidth && bins.length) {
      lastWidth = width;
      const selection = currentRange;
      draw();
      if (selection) api.showRange(...selection);
    }
  }).observe(container);
  let currentRange = null;

  const api = {
    async load(params) {
      const query = new URLSearchParams(params);
      query.set("by", "day");
      query.set("fatalities", "false");
      const response = await fetch(`/api/aggregates?${query}`);
      if (!response.ok) return;
      const data = await response.json();
      ({ bins, unit } = binDays(data.items));
      draw();
    },
    // Mirror dates typed in the filter form on the brush (without filtering twice).
    showRange(start, end) {
      currentRange = start || end ? [start, end] : null;
      if (!x) return;
      ignoreBrush = true;
      if (start || end) {
        const [lo, hi] = x.domain();
        const from = start ? parseDay(start) : lo;
        const to = end ? new Date(parseDay(end).getTime() + DAY) : hi;
        brushLayer.call(brush.move, [x(from < lo ? lo : from), x(to > hi ? hi : to)]);
      } else {
        brushLayer.call(brush.move, null);
      }
      ignoreBrush = false;
    },
    clearBrush() {
      currentRange = null;
      ignoreBrush = true;
      brushLayer.call(brush.move, null);
      ignoreBrush = false;
    },
  };
  return api;
}
