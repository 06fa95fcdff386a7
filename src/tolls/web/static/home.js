// #/ — the filter bar, the map, the timeline and the paged event list.
import { h, replace, fmtDateRange, fmtNumber, fmtTotal } from "./dom.js";
import { get, getAll } from "./api.js";
import { createMap } from "./map.js";
import { renderTimeline } from "./timeline.js";
import { EVENT_TYPES, GRADES, gradeBadge, partyLabel, statusLabel } from "./labels.js";

const PAGE = 25;
const FILTERS = ["start", "end", "type", "actor", "place", "contested", "grade", "status", "q", "sort"];
let lookups = null;

function loadLookups() {
  if (!lookups) {
    lookups = Promise.all([
      get("/actors", { limit: 500 }).catch(() => ({ items: [] })),
      get("/places", { limit: 500 }).catch(() => ({ items: [] })),
    ]);
  }
  return lookups;
}

function field(label, input) {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), input);
}

function overlaps(ev, start, end) {
  const a = ev.date_start || ev.date_end;
  const b = ev.date_end || ev.date_start;
  if (!a) return !start && !end;
  return (!start || b >= start) && (!end || a <= end);
}

export function homeView(root, navigate) {
  let params = {};
  let mapCtl = null;
  let token = 0;

  const inputs = {
    start: h("input", { type: "date", name: "start" }),
    end: h("input", { type: "date", name: "end" }),
    type: h("input", { type: "search", name: "type", list: "dl-types", placeholder: "any type", autocomplete: "off" }),
    actor: h("input", { type: "search", name: "actor", list: "dl-actors", placeholder: "name or ISO3", autocomplete: "off" }),
    place: h("input", { type: "search", name: "place", list: "dl-places", placeholder: "any place", autocomplete: "off" }),
    q: h("input", { type: "search", name: "q", placeholder: "words in the reports", autocomplete: "off" }),
    contested: h("input", { type: "checkbox", name: "contested", id: "f-contested" }),
    grade: h(
      "select",
      { name: "grade", id: "f-grade" },
      h("option", { value: "" }, "any grade"),
      Object.entries(GRADES).map(([g, what]) => h("option", { value: g, title: what }, g)),
    ),
  };
  const dlActors = h("datalist", { id: "dl-actors" });
  const dlPlaces = h("datalist", { id: "dl-places" });
  const dlTypes = h("datalist", { id: "dl-types" }, EVENT_TYPES.map((t) => h("option", { value: t })));

  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Filter events" },
    field("From", inputs.start),
    field("To", inputs.end),
    field("Event type", inputs.type),
    field("Actor", inputs.actor),
    field("Place", inputs.place),
    field("Text", inputs.q),
    field("Grade", inputs.grade),
    h("label", { class: "field check", for: "f-contested" }, inputs.contested, h("span", {}, "Contested only")),
    h(
      "div",
      { class: "field actions" },
      h("button", { type: "submit", class: "primary" }, "Apply"),
      h("button", { type: "button", class: "ghost", onclick: () => navigate("#/") }, "Clear"),
    ),
    dlActors,
    dlPlaces,
    dlTypes,
  );

  function readForm() {
    const next = { sort: params.sort };
    for (const k of ["start", "end", "type", "actor", "place", "q"]) next[k] = inputs[k].value.trim();
    if (inputs.contested.checked) next.contested = "true";
    if (inputs.grade.value) next.grade = inputs.grade.value;
    return next;
  }
  function go(next) {
    const qs = new URLSearchParams();
    for (const k of FILTERS) if (next[k]) qs.set(k, next[k]);
    if (next.offset) qs.set("offset", next.offset);
    const q = qs.toString();
    navigate("#/" + (q ? "?" + q : ""));
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    go(readForm());
  });
  inputs.contested.addEventListener("change", () => go(readForm()));
  inputs.grade.addEventListener("change", () => go(readForm()));
  for (const k of ["start", "end"]) inputs[k].addEventListener("change", () => go(readForm()));

  const summary = h("p", { class: "summary", "aria-live": "polite" });
  const changesLink = h("a", { class: "changes-link", id: "changes-link", href: "#/changes" }, "What changed in these events →");
  const mapEl = h("div", { class: "map", id: "map", role: "region", "aria-label": "Map of events" });
  const timelineEl = h("div", { class: "timeline", id: "timeline" });
  const listEl = h("div", { class: "event-list", id: "event-list" });
  const gapsEl = h("ol", { class: "disagreements", id: "disagreements" });

  replace(
    root,
    h("section", { class: "panel filters-panel" }, form),
    h(
      "div",
      { class: "overview" },
      h("section", { class: "panel map-panel" }, h("h2", {}, "Where"), mapEl),
      h(
        "section",
        { class: "panel timeline-panel" },
        h("h2", {}, "When"),
        timelineEl,
        summary,
        h("h2", { class: "gaps-title" }, "Widest disagreements"),
        gapsEl,
      ),
    ),
    h("section", { class: "panel list-panel" }, h("div", { class: "list-title" }, h("h2", {}, "Events"), changesLink), listEl),
  );
  mapCtl = createMap(mapEl);

  loadLookups().then(([actors, places]) => {
    replace(dlActors, actors.items.map((a) => h("option", { value: a.name }, a.country ? `${a.country} · ${a.events} events` : "")));
    replace(dlPlaces, places.items.map((p) => h("option", { value: p.name }, `${p.events} events`)));
  });

  function renderList(page) {
    if (!page.items.length) {
      replace(listEl, h("p", { class: "empty" }, "No events match these filters."));
      return;
    }
    const sortSel = h(
      "select",
      { "aria-label": "Sort", onchange: (e) => go({ ...params, sort: e.target.value, offset: 0 }) },
      [
        ["-date", "newest first"],
        ["date", "oldest first"],
        ["-fatalities", "most killed first"],
        ["fatalities", "fewest killed first"],
      ].map(([v, t]) => h("option", { value: v, selected: (params.sort || "-date") === v }, t)),
    );
    const rows = page.items.map((ev) => {
      const f = ev.fatalities;
      const href = `#/events/${encodeURIComponent(ev.id)}`;
      return h(
        "tr",
        { dataset: { eventId: ev.id }, class: ev.contested ? "contested" : "" },
        h("td", { class: "nowrap" }, fmtDateRange(ev.date_start, ev.date_end)),
        h(
          "td",
          { class: "ev-cell" },
          h("a", { href, class: "ev-link" }, [ev.type, ev.sub_type || ev.sub_event_type].filter(Boolean).join(" · ") || "Event"),
          ev.summary ? h("div", { class: "ev-summary" }, ev.summary) : null,
        ),
        h("td", {}, ev.location ? ev.location.name : h("span", { class: "muted" }, "—")),
        h("td", { class: "actors" }, (ev.actors || []).slice(0, 3).map((a) => h("span", { class: "chip" }, partyLabel(a)))),
        h(
          "td",
          { class: "num" },
          f ? h("strong", {}, fmtNumber(f.best)) : h("span", { class: "muted" }, "—"),
          f && (f.low !== f.best || f.high !== f.best) ? h("div", { class: "range" }, `${fmtNumber(f.low)}–${fmtNumber(f.high)}`) : null,
        ),
        h("td", { class: "grade-cell" }, gradeBadge(ev)),
        h(
          "td",
          {},
          ev.contested ? h("span", { class: "badge contested" }, "contested") : null,
          h("span", { class: ["badge", "status-" + ev.status] }, statusLabel(ev.status)),
          ev.reviewed ? h("span", { class: "badge reviewed" }, "reviewed") : null,
        ),
        h("td", { class: "num muted" }, `${ev.documents} / ${ev.claims}`),
      );
    });
    const from = page.offset + 1;
    const to = page.offset + page.items.length;
    const pager = h(
      "nav",
      { class: "pager", "aria-label": "Pages" },
      h("button", { type: "button", disabled: page.offset <= 0, onclick: () => go({ ...params, offset: Math.max(0, page.offset - PAGE) }) }, "← Previous"),
      h("span", { class: "muted" }, `${from}–${to} of ${fmtTotal(page)}`),
      h("button", { type: "button", disabled: !page.next, onclick: () => go({ ...params, offset: page.offset + PAGE }) }, "Next →"),
    );
    replace(
      listEl,
      h("div", { class: "list-tools" }, h("label", {}, "Sort ", sortSel), pager),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "events" },
          h(
            "thead",
            {},
            h("tr", {}, ["Date", "Event", "Place", "Actors", "Killed", "Grade", "Status", "Docs / claims"].map((t) => h("th", { scope: "col" }, t))),
          ),
          h("tbody", {}, rows),
        ),
      ),
    );
  }

  /** The contested incidents whose killed figures lie furthest apart (high - low), widest first;
   * aggregates (a period's or a war's toll) are not set beside incidents. */
  function renderGaps(events) {
    const gaps = events
      .filter((ev) => ev.contested && ev.scope !== "aggregate" && ev.fatalities && ev.fatalities.high !== null && ev.fatalities.low !== null)
      .map((ev) => ({ ev, gap: ev.fatalities.high - ev.fatalities.low }))
      .sort((a, b) => b.gap - a.gap)
      .slice(0, 5);
    if (!gaps.length) {
      replace(gapsEl, h("li", { class: "muted" }, "No contested figures in this view."));
      return;
    }
    replace(
      gapsEl,
      gaps.map(({ ev }) => {
        const f = ev.fatalities;
        return h(
          "li",
          { dataset: { eventId: ev.id } },
          h("a", { href: `#/events/${encodeURIComponent(ev.id)}` }, `${ev.location ? ev.location.name : "Unlocated"} · ${fmtDateRange(ev.date_start, ev.date_end)}`),
          h("span", { class: "gap" }, `${fmtNumber(f.low)} – ${fmtNumber(f.high)} killed`),
        );
      }),
    );
  }

  async function update(next) {
    params = next;
    const my = ++token;
    for (const k of ["start", "end", "type", "actor", "place", "q"]) inputs[k].value = params[k] || "";
    inputs.contested.checked = params.contested === "true";
    inputs.grade.value = GRADES[params.grade] ? params.grade : "";
    const filters = {};
    for (const k of FILTERS) if (params[k]) filters[k] = params[k];
    const kept = new URLSearchParams();
    for (const k of FILTERS) if (params[k] && k !== "sort") kept.set(k, params[k]);
    changesLink.setAttribute("href", "#/changes" + (kept.toString() ? "?" + kept.toString() : ""));
    const undated = { ...filters };
    delete undated.start;
    delete undated.end;
    delete undated.sort;
    listEl.classList.add("loading");
    try {
      const [page, all] = await Promise.all([
        get("/events", { ...filters, limit: PAGE, offset: Number(params.offset) || 0 }),
        getAll("/events", undated),
      ]);
      if (my !== token) return;
      listEl.classList.remove("loading");
      renderList(page);
      const inRange = all.items.filter((ev) => overlaps(ev, params.start, params.end));
      mapCtl.update(inRange);
      renderTimeline(timelineEl, all.items, {
        selected: { start: params.start, end: params.end },
        onSelect: (start, end) => go({ ...readForm(), start, end, offset: 0 }),
      });
      renderGaps(inRange);
      const contested = inRange.filter((e) => e.contested).length;
      replace(summary, `${fmtTotal(page)} event${page.total === 1 && page.total_exact !== false ? "" : "s"}`, contested ? `, ${contested} on the map contested` : "", ".");
      root.dataset.ready = "true";
    } catch (err) {
      if (my !== token) return;
      listEl.classList.remove("loading");
      replace(listEl, h("p", { class: "error" }, `Could not load events: ${err.message}`));
      throw err;
    }
  }

  return { kind: "home", update, resize: () => mapCtl && mapCtl.invalidate() };
}
