// #/changes — what changed in the ledger (the change log, GET /api/v1/changes): since a chosen
// time, or since this analyst's last visit (kept in localStorage: the change log's cursor then,
// and the server's time for the label). Also the pieces the event page uses for its own changes
// (GET /api/v1/events/{id}/changes).
import { h, replace, fmtTime } from "./dom.js";
import { get, seg, session, serverNow, url } from "./api.js";
import { changes as diff } from "./history.js";

export const KINDS = {
  event: "new event",
  claim: "new claim",
  estimate: "estimate",
  contested: "contested",
  grade: "grade",
  merge: "merge",
  gone: "gone",
  review: "review",
};
const PAGE = 200;
/** The event list's filters, which the change log applies to each event as it is now. */
const EVENT_FILTERS = ["start", "end", "bbox", "place", "actor", "country", "type", "contested", "grade", "status", "q"];
const PRESETS = [
  ["1h", "Last hour", 3600e3],
  ["24h", "Last 24 hours", 86400e3],
  ["7d", "Last 7 days", 7 * 86400e3],
];

// ---- the analyst's last visit ----------------------------------------------------------------

const baselines = new Map(); // per user: the last visit before this page load

function visitKey() {
  return `tolls.lastVisit.${session.user ? session.user.username : "-"}`;
}

function readStore(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: every visit is a first one
  }
}

function parseVisit(raw) {
  try {
    const v = JSON.parse(raw);
    if (!v || typeof v !== "object" || Number.isNaN(Date.parse(v.at))) return null;
    return { at: v.at, id: Number.isInteger(v.id) ? v.id : null };
  } catch {
    return null;
  }
}

/** This user's last visit of "What changed" before this page load, or null: {at, id}, `at`
 * the server's time then (to the second) and `id` the newest change there was (the change log's
 * cursor: what came after it is new, whatever the clocks say). Read once per page load, so that
 * moving around the view does not reset it. */
export function lastVisit() {
  const key = visitKey();
  if (!baselines.has(key)) baselines.set(key, parseVisit(readStore(key)));
  return baselines.get(key);
}

/** The change came after the visit: by the cursor when the visit knows it, else by time. */
export function isNewSince(c, visit) {
  if (!visit) return false;
  if (visit.id !== null) return Number.isInteger(c.id) && c.id > visit.id;
  return isAfter(c.at, visit.at);
}

/** Keep this visit: now, and the newest change now (`newest`: the largest id the view showed, and
 * `complete` when it showed every change after it of every kind; else the log's newest id is
 * asked for, one small request). */
async function recordVisit(newest, complete) {
  const previous = lastVisit(); // this page load's baseline, kept before it is overwritten
  const at = serverNow();
  let id = newest;
  if (!complete) {
    try {
      const latest = await get("/changes/latest");
      if (Number.isInteger(latest.id) && (id === null || latest.id > id)) id = latest.id;
    } catch {
      id = null;
    }
  }
  if (id === null && previous) id = previous.id;
  try {
    window.localStorage.setItem(visitKey(), JSON.stringify({ at, id }));
  } catch {
    /* storage disabled */
  }
}

// ---- fetching --------------------------------------------------------------------------------

/** Pages of a change list from `path`, following the cursor, up to `cap` items:
 * {items, next, missing} (missing: the server has no change log, 404). */
export async function fetchChanges(path, params, cap = PAGE) {
  const items = [];
  let after = params.after || null;
  for (;;) {
    let page;
    try {
      page = await get(path, { ...params, after, limit: Math.min(PAGE, cap - items.length) });
    } catch (err) {
      if (err.status === 404 && !items.length) return { items: [], next: null, missing: true };
      throw err;
    }
    const list = Array.isArray(page) ? page : page.items || [];
    items.push(...list);
    after = Array.isArray(page) ? null : page.next;
    if (!after || !list.length || items.length >= cap) return { items, next: after, missing: false };
  }
}

// ---- one change ------------------------------------------------------------------------------

function show(v) {
  if (v === null || v === undefined || v === "") return "∅";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function beforeAfter(c) {
  const { before, after } = c;
  if (before === undefined && after === undefined) return null;
  const objects = (before && typeof before === "object" && !Array.isArray(before)) || (after && typeof after === "object" && !Array.isArray(after));
  const rows = objects
    ? diff(before || {}, after || {})
    : [{ key: "", before, after }].filter((d) => JSON.stringify(d.before ?? null) !== JSON.stringify(d.after ?? null));
  if (!rows.length) return null;
  const list = h(
    "ul",
    { class: "diff" },
    rows.map((d) => h("li", {}, d.key ? [h("code", {}, d.key), ": "] : null, h("del", {}, show(d.before)), " → ", h("ins", {}, show(d.after)))),
  );
  if (rows.length <= 4) return list;
  // a new or gone event's whole picture: folded, its summary says the gist
  return h("details", { class: "change-diff" }, h("summary", {}, `${rows.length} fields before → after`), list);
}

/** The claims a change touched: its own claim, or those a new or merged event holds. */
export function claimsOf(c) {
  if (c.claim_id) return [c.claim_id];
  const claims = c.after && typeof c.after === "object" && Array.isArray(c.after.claims) ? c.after.claims : [];
  return claims.map((x) => (x && typeof x === "object" ? x.id : x)).filter((x) => typeof x === "string");
}

/** A change as a list item; `isNew` marks it (changed since the last visit); `event` false
 * leaves out the link to its event (on the event's own page). */
export function changeItem(c, { isNew = false, event = true, onClaim } = {}) {
  const kind = c.kind || "change";
  const link = event && c.event_id ? h("a", { href: `#/events/${encodeURIComponent(c.event_id)}`, class: "change-event" }, c.event_id) : null;
  const claim =
    c.claim_id && onClaim
      ? h("button", { type: "button", class: "small ghost show-claim", onclick: () => onClaim(c.claim_id) }, "show the claim")
      : null;
  return h(
    "li",
    {
      class: ["change", "kind-" + kind, isNew && "new"],
      id: c.id !== undefined ? `change-${c.id}` : null,
      dataset: { changeId: String(c.id ?? ""), kind, eventId: c.event_id || "", claimId: c.claim_id || "" },
    },
    h(
      "div",
      { class: "change-head" },
      h("time", { datetime: c.at }, fmtTime(c.at)),
      h("span", { class: ["badge", "kind", "kind-" + kind] }, KINDS[kind] || kind),
      isNew ? h("span", { class: "badge new" }, "new") : null,
      link,
      c.subject ? h("span", { class: "change-subject" }, c.subject) : null,
      h("span", { class: "muted actor" }, c.actor ? `by ${c.actor}` : c.run ? `run ${c.run}` : ""),
      claim,
    ),
    c.summary ? h("p", { class: "change-summary" }, c.summary) : null,
    beforeAfter(c),
  );
}

export function isAfter(at, since) {
  if (!since || !at) return false;
  const a = Date.parse(at);
  const b = Date.parse(since);
  return !Number.isNaN(a) && !Number.isNaN(b) && a > b;
}

// ---- the page --------------------------------------------------------------------------------

function toLocalInput(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60e3);
  return local.toISOString().slice(0, 16);
}

function isoSeconds(t) {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function changesView(root, params, navigate) {
  const previous = lastVisit();
  // which window: ?since=ISO, ?last=1h|24h|7d, else since the last visit (else the last 24 hours)
  const preset = PRESETS.find(([key]) => key === params.last);
  let since;
  let label;
  if (params.since && !Number.isNaN(Date.parse(params.since))) {
    since = isoSeconds(Date.parse(params.since));
    label = `since ${fmtTime(since)}`;
  } else if (preset) {
    since = isoSeconds(Date.parse(serverNow()) - preset[2]);
    label = `in the ${preset[1].toLowerCase()}`;
  } else if (previous) {
    since = previous.id === null ? previous.at : null;
    label = `since your last visit (${fmtTime(previous.at)})`;
  } else {
    since = isoSeconds(Date.parse(serverNow()) - 86400e3);
    label = "in the last 24 hours (no earlier visit recorded in this browser)";
  }
  // the Since field shows where the list starts (the visit's time for a visit by cursor)
  const start = since || (previous && previous.at);
  const kind = KINDS[params.kind] ? params.kind : "";
  const events = {};
  for (const k of EVENT_FILTERS) if (params[k]) events[k] = params[k];
  const go = (next) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...events, ...next })) if (v) qs.set(k, v);
    const q = qs.toString();
    navigate("#/changes" + (q ? "?" + q : ""));
  };

  const when = h("input", { type: "datetime-local", name: "since", value: toLocalInput(start), "aria-label": "Changes since" });
  const kindSel = h(
    "select",
    { name: "kind", "aria-label": "Kind of change", onchange: (e) => go({ ...params, kind: e.target.value }) },
    h("option", { value: "" }, "every kind"),
    Object.entries(KINDS).map(([k, t]) => h("option", { value: k, selected: k === kind }, t)),
  );
  const form = h(
    "form",
    { class: "changes-form", "aria-label": "Which changes" },
    h(
      "div",
      { class: "presets" },
      h("button", { type: "button", class: ["small", !params.since && !preset && "active"], id: "since-visit", disabled: !previous, title: previous ? fmtTime(previous.at) : "no earlier visit recorded", onclick: () => go({ kind }) }, "Since my last visit"),
      PRESETS.map(([key, text]) => h("button", { type: "button", class: ["small", preset && preset[0] === key && "active"], dataset: { last: key }, onclick: () => go({ last: key, kind }) }, text)),
    ),
    h("label", { class: "field" }, h("span", { class: "field-label" }, "Since"), when),
    h("button", { type: "submit", class: "primary" }, "Show"),
    h("label", { class: "field" }, h("span", { class: "field-label" }, "Kind"), kindSel),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const t = Date.parse(when.value); // a datetime-local value is the browser's local time
    if (!Number.isNaN(t)) go({ since: isoSeconds(t), kind });
  });

  const heading = h("p", { class: "summary", id: "changes-summary", "aria-live": "polite" });
  const list = h("ol", { class: "changes", id: "changes" });
  const more = h("div", { class: "more-changes" });
  const filtered = Object.keys(events).length
    ? h(
        "p",
        { class: "muted event-filters" },
        "Of the events that are now: ",
        Object.entries(events).map(([k, v]) => h("span", { class: "chip" }, `${k} = ${v}`)),
        " ",
        h("a", { href: "#/changes" + (kind ? `?kind=${kind}` : "") }, "all events"),
      )
    : null;
  const feed = h("a", { class: "feed", href: url("/changes.atom", { ...events, kind: kind || null }), type: "application/atom+xml" }, "Atom feed of these changes");
  replace(root, h("section", { class: "panel" }, h("div", { class: "changes-title" }, h("h1", {}, "What changed"), feed), filtered, form, heading, list, more));

  const sinceVisit = !since && previous && previous.id !== null;
  const query = { ...events, ...(sinceVisit ? { after: previous.id } : { since }), kind: kind || null };
  let shown = 0;
  let newest = null;
  const render = (page) => {
    list.append(...page.items.map((c) => changeItem(c, { isNew: isNewSince(c, previous) })));
    shown += page.items.length;
    for (const c of page.items) if (newest === null || c.id > newest) newest = c.id;
    replace(heading, `${shown}${page.next ? "+" : ""} change${shown === 1 && !page.next ? "" : "s"} `, label, kind ? ` · ${KINDS[kind]} only` : "", ".");
    replace(
      more,
      page.next
        ? h("button", {
            type: "button",
            id: "more-changes",
            onclick: async (e) => {
              e.currentTarget.disabled = true;
              render(await fetchChanges("/changes", { ...query, after: page.next }));
            },
          }, "Load more")
        : null,
    );
  };
  const first = await fetchChanges("/changes", query);
  if (first.missing) {
    replace(heading, "This server keeps no change log.");
  } else {
    render(first);
    if (!shown) replace(list, h("li", { class: "empty" }, "Nothing changed ", label, "."));
    await recordVisit(newest, !kind && !Object.keys(events).length && !first.next && newest !== null);
    document.querySelectorAll("[data-nav=changes] .nav-count").forEach((el) => el.remove());
  }
  root.dataset.ready = "true";
}

/** The changes of one event (oldest first); null when the server keeps no change log. */
export async function eventChanges(id) {
  try {
    const page = await fetchChanges(`/events/${seg(id)}/changes`, {}, 1000);
    return page.missing ? null : page.items;
  } catch {
    return null;
  }
}

/** How many changes came since the last visit, as a badge on the "What changed" link (at most
 * "99+"); nothing without a visit by cursor. Cleared when the view is opened. */
export async function changesBadge(link) {
  const visit = lastVisit();
  if (!link || !visit || visit.id === null) return;
  try {
    const page = await get("/changes", { after: visit.id, limit: 99 });
    const n = page.items.length;
    link.querySelectorAll(".nav-count").forEach((el) => el.remove());
    if (n) link.append(" ", h("span", { class: "badge new nav-count", title: "changes since your last visit" }, page.next ? "99+" : String(n)));
  } catch {
    /* no change log: no badge */
  }
}
