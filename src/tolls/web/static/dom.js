// DOM helpers. Everything that came from the API is untrusted: it only ever reaches the page as
// text nodes (textContent) or attribute values set with setAttribute, never as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "value" || key === "checked" || key === "disabled" || key === "selected") el[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return el;
}

/** h("a", {href: "#/"}, "text", child, ...) -> an HTML element; strings become text nodes. */
export function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

/** s("circle", {cx: 1}) -> an SVG element. */
export function s(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** Replace an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A Python (code point) offset -> a JavaScript (UTF-16) string index. */
export function codePointIndex(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const map = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return (i) => map[Math.max(0, Math.min(i, map.length - 1))];
}

/**
 * Text with marked spans, built from text nodes and <mark> elements only.
 * spans: [{start, end, attrs}] in code points; overlapping spans are merged into the first.
 */
export function markedText(text, spans) {
  const toUnit = codePointIndex(text);
  const frag = document.createDocumentFragment();
  const sorted = spans
    .filter((sp) => Number.isInteger(sp.start) && Number.isInteger(sp.end) && sp.end > sp.start)
    .map((sp) => ({ ...sp, start: toUnit(sp.start), end: toUnit(sp.end) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  for (const sp of sorted) {
    if (sp.start < pos) continue;
    if (sp.start > text.length) break;
    frag.append(document.createTextNode(text.slice(pos, sp.start)));
    frag.append(h("mark", sp.attrs || {}, text.slice(sp.start, Math.min(sp.end, text.length))));
    pos = Math.min(sp.end, text.length);
  }
  frag.append(document.createTextNode(text.slice(pos)));
  return frag;
}

/** Highlight the words of a query in a plain string (for search snippets). */
export function highlightWords(text, query) {
  const words = (query || "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
  if (!words.length) return document.createTextNode(text);
  const lower = text.toLowerCase();
  const spans = [];
  for (const w of words) {
    let i = lower.indexOf(w);
    while (i >= 0) {
      spans.push({ start: i, end: i + w.length });
      i = lower.indexOf(w, i + w.length);
    }
  }
  // Offsets here are UTF-16 already: build directly.
  const frag = document.createDocumentFragment();
  spans.sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const sp of spans) {
    if (sp.start < pos) continue;
    frag.append(document.createTextNode(text.slice(pos, sp.start)), h("mark", {}, text.slice(sp.start, sp.end)));
    pos = sp.end;
  }
  frag.append(document.createTextNode(text.slice(pos)));
  return frag;
}

export function fmtNumber(n) {
  return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-GB");
}

/** A page's total: "1,000+" when counting stopped early (`total_exact` false). */
export function fmtTotal(page) {
  return fmtNumber(page.total) + (page.total_exact === false ? "+" : "");
}

export function fmtDateRange(start, end) {
  if (!start && !end) return "undated";
  if (!end || end === start) return start;
  if (!start) return `until ${end}`;
  return `${start} – ${end}`;
}

export function fmtTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}
