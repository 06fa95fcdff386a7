// Events per day (or week, or month, for long spans) as SVG bars; a click filters to that bin.
import { h, s, replace } from "./dom.js";

const DAY = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const parse = (iso) => (iso ? Date.parse(iso + "T00:00:00Z") : NaN);
const iso = (t) => new Date(t).toISOString().slice(0, 10);

function binner(min, max) {
  const days = (max - min) / DAY;
  if (days <= 92) return { unit: "day", start: (t) => t, next: (t) => t + DAY };
  if (days <= 730) {
    const monday = (t) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
    return { unit: "week", start: monday, next: (t) => t + 7 * DAY };
  }
  const first = (t) => {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  };
  return {
    unit: "month",
    start: first,
    next: (t) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    },
  };
}

function label(t, unit) {
  const d = new Date(t);
  if (unit === "month") return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** Render bins of `events` into `el`; `selected` = {start, end}; onSelect(start, end | null). */
export function renderTimeline(el, events, { selected = {}, onSelect } = {}) {
  const dated = events.map((e) => parse(e.date_start)).filter((t) => !Number.isNaN(t));
  if (!dated.length) {
    replace(el, h("p", { class: "muted" }, "No dated events to chart."));
    return;
  }
  const min = Math.min(...dated);
  const max = Math.max(...dated);
  const b = binner(min, max);
  const bins = [];
  for (let t = b.start(min); t <= max; t = b.next(t)) bins.push({ t, end: b.next(t) - DAY, total: 0, contested: 0 });
  for (const ev of events) {
    const t = parse(ev.date_start);
    if (Number.isNaN(t)) continue;
    const bin = bins.find((x) => t >= x.t && t <= x.end);
    if (!bin) continue;
    bin.total += 1;
    if (ev.contested) bin.contested += 1;
  }
  const width = Math.max(320, el.clientWidth || 900);
  const height = 132;
  const pad = { left: 28, right: 8, top: 14, bottom: 24 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const peak = Math.max(1, ...bins.map((x) => x.total));
  const bw = innerW / bins.length;
  const y = (n) => pad.top + innerH - (n / peak) * innerH;
  const selStart = parse(selected.start);
  const selEnd = parse(selected.end || selected.start);
  const hasSel = !Number.isNaN(selStart);
  const every = Math.max(1, Math.ceil(bins.length / Math.floor(innerW / 56)));

  const svg = s("svg", {
    class: "timeline-svg",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "group",
    "aria-label": `Events per ${b.unit}`,
  });
  svg.append(
    s("line", { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: "axis" }),
    s("text", { x: pad.left - 6, y: y(peak) + 4, class: "tick", "text-anchor": "end" }, String(peak)),
    s("text", { x: pad.left - 6, y: y(0), class: "tick", "text-anchor": "end" }, "0"),
  );
  bins.forEach((bin, i) => {
    const x = pad.left + i * bw;
    const startIso = iso(bin.t);
    const endIso = iso(bin.end);
    const inSel = hasSel && bin.t <= selEnd && bin.end >= selStart;
    const name = b.unit === "day" ? startIso : `${startIso} – ${endIso}`;
    const g = s("g", {
      class: ["bin", inSel && "selected", hasSel && !inSel && "faded"],
      tabindex: bin.total ? 0 : -1,
      role: "button",
      "aria-label": `${name}: ${bin.total} event${bin.total === 1 ? "" : "s"}, ${bin.contested} contested`,
      dataset: { start: startIso, end: endIso, count: String(bin.total) },
    });
    g.append(
      s("rect", { x, y: pad.top, width: bw, height: innerH, class: "hit" }),
      s("title", {}, `${name}: ${bin.total} events (${bin.contested} contested)`),
    );
    const gap = Math.min(3, bw * 0.15);
    if (bin.total) {
      const other = bin.total - bin.contested;
      g.append(
        s("rect", { x: x + gap / 2, width: Math.max(1, bw - gap), y: y(bin.contested), height: y(0) - y(bin.contested), class: "bar contested" }),
        s("rect", { x: x + gap / 2, width: Math.max(1, bw - gap), y: y(bin.total), height: y(bin.contested) - y(bin.total), class: "bar plain" }),
      );
      if (bw >= 14) g.append(s("text", { x: x + bw / 2, y: y(bin.total) - 3, class: "count", "text-anchor": "middle" }, String(bin.total)));
      void other;
    }
    if (i % every === 0) {
      g.append(s("text", { x: x + bw / 2, y: height - 6, class: "tick", "text-anchor": "middle" }, label(bin.t, b.unit)));
    }
    const pick = () => {
      if (!bin.total || !onSelect) return;
      if (inSel && selected.start === startIso && (selected.end || startIso) === endIso) onSelect(null, null);
      else onSelect(startIso, endIso);
    };
    g.addEventListener("click", pick);
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick();
      }
    });
    svg.append(g);
  });
  replace(
    el,
    svg,
    h(
      "div",
      { class: "legend" },
      h("span", { class: "key plain" }, "events"),
      h("span", { class: "key contested" }, "contested"),
      h("span", { class: "muted" }, ` · per ${b.unit}; click a bar to filter to it`),
    ),
  );
}
