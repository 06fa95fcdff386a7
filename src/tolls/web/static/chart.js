// The range chart of one victim group: the estimate's low–high band and best line, and every
// claim as a marker on its own row, coloured and shaped by the claimant's side, labelled with
// the claimant's name and wording.
import { s, fmtNumber } from "./dom.js";
import { partyLabel } from "./labels.js";

/** The number a claim stands for on the axis. */
export function claimValue(f) {
  if (!f) return null;
  if (f.value !== null && f.value !== undefined) return f.value;
  if (f.low !== null && f.low !== undefined && f.high !== null && f.high !== undefined) return (f.low + f.high) / 2;
  return f.low ?? f.high ?? null;
}

const PREFIX = { more_than: "over ", at_least: "at least ", about: "about ", up_to: "up to " };

/** "over 200", "9", "10–20" — the figure as a number with its qualifier. */
export function figureLabel(f) {
  if (!f) return "?";
  if (f.qualifier === "range" && f.low !== null && f.high !== null) return `${fmtNumber(f.low)}–${fmtNumber(f.high)}`;
  const v = claimValue(f);
  if (v === null) return f.text || "?";
  return (PREFIX[f.qualifier] || "") + fmtNumber(v);
}

function niceStep(max) {
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

function marker(shape, x, y, r, color) {
  const common = { fill: color, stroke: "#fff", "stroke-width": 1.5, class: "dot" };
  switch (shape) {
    case "square":
      return s("rect", { ...common, x: x - r, y: y - r, width: 2 * r, height: 2 * r });
    case "diamond":
      return s("path", { ...common, d: `M${x},${y - r * 1.3}L${x + r * 1.3},${y}L${x},${y + r * 1.3}L${x - r * 1.3},${y}Z` });
    case "triangle":
      return s("path", { ...common, d: `M${x},${y - r * 1.3}L${x + r * 1.2},${y + r}L${x - r * 1.2},${y + r}Z` });
    case "ring":
      return s("circle", { ...common, fill: "#fff", stroke: color, "stroke-width": 2.5, cx: x, cy: y, r: r - 1 });
    default:
      return s("circle", { ...common, cx: x, cy: y, r });
  }
}

/** An SVG range chart for `estimate` and its `claims`; styleOf(country) -> {color, shape}. */
export function rangeChart(estimate, claims, styleOf, { width = 640 } = {}) {
  const rowH = 24;
  const pad = { left: 12, right: 12, top: 30, bottom: 30 };
  const rows = claims
    .map((c) => ({ c, v: claimValue(c.figure) }))
    .filter((r) => r.v !== null)
    .sort((a, b) => (a.c.claimant.country || "~").localeCompare(b.c.claimant.country || "~") || a.v - b.v);
  const values = [estimate.low, estimate.best, estimate.high, ...rows.flatMap((r) => [r.v, r.c.figure.high, r.c.figure.low])].filter(
    (v) => v !== null && v !== undefined,
  );
  const peak = Math.max(1, ...values);
  const step = niceStep(peak * 1.1);
  const top = Math.ceil((peak * 1.1) / step) * step;
  const innerW = width - pad.left - pad.right;
  const x = (v) => pad.left + (Math.max(0, v) / top) * innerW;
  const height = pad.top + rows.length * rowH + pad.bottom;
  const svg = s("svg", {
    class: "range-chart",
    width: "100%",
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Estimate low ${estimate.low}, best ${estimate.best}, high ${estimate.high}; ${rows.length} claims`,
  });
  const axisY = height - pad.bottom + 6;
  // ticks and grid
  for (let t = 0; t <= top + 1e-9; t += step) {
    svg.append(
      s("line", { x1: x(t), x2: x(t), y1: pad.top - 8, y2: axisY, class: "grid" }),
      s("text", { x: x(t), y: axisY + 16, class: "tick", "text-anchor": "middle" }, fmtNumber(t)),
    );
  }
  // the estimate's band and best line
  if (estimate.low !== null && estimate.high !== null && estimate.low !== undefined && estimate.high !== undefined) {
    svg.append(
      s("rect", {
        x: x(estimate.low),
        y: pad.top - 8,
        width: Math.max(2, x(estimate.high) - x(estimate.low)),
        height: axisY - pad.top + 8,
        class: "band",
      }),
      s("text", { x: x(estimate.low), y: pad.top - 14, class: "band-label", "text-anchor": "start" }, `low ${fmtNumber(estimate.low)}`),
    );
    if (x(estimate.high) - x(estimate.low) > 70) {
      svg.append(s("text", { x: x(estimate.high), y: pad.top - 14, class: "band-label", "text-anchor": "end" }, `high ${fmtNumber(estimate.high)}`));
    }
  }
  if (estimate.best !== null && estimate.best !== undefined) {
    svg.append(
      s("line", { x1: x(estimate.best), x2: x(estimate.best), y1: pad.top - 8, y2: axisY, class: "best" }),
      s("text", { x: x(estimate.best) + 4, y: axisY - 4, class: "best-label" }, `best ${fmtNumber(estimate.best)}`),
    );
  }
  svg.append(s("line", { x1: pad.left, x2: width - pad.right, y1: axisY, y2: axisY, class: "axis" }));
  rows.forEach(({ c, v }, i) => {
    const y = pad.top + i * rowH + rowH / 2;
    const st = styleOf(c.claimant.country);
    const f = c.figure;
    const g = s("g", { class: ["claim-row", c.status === "rejected" && "rejected"], dataset: { claimId: c.id } });
    if (f.qualifier === "range" && f.low !== null && f.high !== null) {
      g.append(s("line", { x1: x(f.low), x2: x(f.high), y1: y, y2: y, stroke: st.color, "stroke-width": 3, class: "span" }));
    } else if ((f.qualifier === "more_than" || f.qualifier === "at_least") && v > 0) {
      const x2 = Math.min(width - pad.right, x(v) + 26);
      g.append(s("path", { d: `M${x(v)},${y}H${x2}m-5,-4l5,4l-5,4`, stroke: st.color, fill: "none", "stroke-width": 2, class: "open" }));
    } else if (f.qualifier === "up_to") {
      const x2 = Math.max(pad.left, x(v) - 26);
      g.append(s("path", { d: `M${x(v)},${y}H${x2}m5,-4l-5,4l5,4`, stroke: st.color, fill: "none", "stroke-width": 2, class: "open" }));
    }
    g.append(marker(st.shape, x(v), y, 6, st.color));
    const label = `${partyLabel(c.claimant)}: ${figureLabel(f)} — “${f.text}”${c.stance === "denied" ? " (denied)" : ""}`;
    const right = x(v) < pad.left + innerW * 0.55;
    g.append(
      s(
        "text",
        { x: right ? x(v) + ((f.qualifier === "more_than" || f.qualifier === "at_least") ? 34 : 12) : x(v) - 12, y: y + 4, class: "claim-label", "text-anchor": right ? "start" : "end" },
        label,
      ),
      s("title", {}, `${label}\n${c.published || ""} · ${c.status}`),
    );
    svg.append(g);
  });
  return svg;
}
