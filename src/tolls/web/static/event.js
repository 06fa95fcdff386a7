// #/events/{id} — who says how many: the event header, its grade and why, each victim group's
// range chart with every claimant's figures side by side, the claim timeline with the event's
// changes (from the change log) highlighted, the sources with their evidence marked, the review
// controls (analysts) and the audit trail.
import { h, s, replace, fmtDateRange, fmtNumber } from "./dom.js";
import { get, seg, canReview } from "./api.js";
import { rangeChart, claimValue, figureLabel } from "./chart.js";
import { docText, docMeta } from "./documents.js";
import { claimActions, eventActions, gradeForm } from "./review.js";
import { historyList } from "./history.js";
import { changeItem, claimsOf, eventChanges, isNewSince, lastVisit } from "./changes.js";
import { sideStyles, groupLabel, partyLabel, countryName, KINDS, GRADES, gradeBadge, statusLabel } from "./labels.js";

const KIND_ORDER = Object.keys(KINDS);

function header(ev) {
  const f = ev.fatalities;
  const main = ev.location ? ev.location.name : ev.locations && ev.locations.length ? ev.locations[0].name : null;
  const others = [...new Set((ev.locations || []).map((p) => p.name))].filter((n) => n && n !== main);
  const nDocs = Array.isArray(ev.documents) ? ev.documents.length : ev.documents;
  const nClaims = Array.isArray(ev.claims) ? ev.claims.length : ev.claims;
  const actors = ev.actors || [];
  const chip = (a) => h("span", { class: "chip", title: groupLabel(a) }, partyLabel(a));
  return h(
    "header",
    { class: "panel event-head" },
    h(
      "div",
      { class: "event-title" },
      h("p", { class: "eyebrow" }, [ev.type, ev.sub_type || ev.sub_event_type].filter(Boolean).join(" · ") || "Event"),
      h("h1", {}, `${main || "Unlocated"} · ${fmtDateRange(ev.date_start, ev.date_end)}`),
      others.length ? h("p", { class: "places muted" }, "Also mentioned: ", others.join(", ")) : null,
      h(
        "p",
        { class: "badges" },
        gradeBadge(ev),
        ev.contested ? h("span", { class: "badge contested" }, "contested") : null,
        h("span", { class: ["badge", "status-" + ev.status] }, statusLabel(ev.status)),
        ev.reviewed ? h("span", { class: "badge reviewed" }, "reviewed") : null,
        ev.scope ? h("span", { class: "badge" }, ev.scope) : null,
        ev.date_precision ? h("span", { class: "muted" }, ` dates to the ${ev.date_precision}`) : null,
        h("span", { class: "muted" }, ` · ${nDocs} document${nDocs === 1 ? "" : "s"} · ${nClaims} claim${nClaims === 1 ? "" : "s"} · v${ev.version ?? 1}`),
      ),
      actors.length
        ? h(
            "div",
            { class: "actors" },
            h("span", { class: "muted" }, "Actors: "),
            actors.slice(0, 10).map(chip),
            actors.length > 10 ? h("details", { class: "more" }, h("summary", {}, `${actors.length - 10} more`), actors.slice(10).map(chip)) : null,
          )
        : null,
      ev.summary ? h("p", { class: "lede" }, ev.summary) : null,
      ev.notes ? h("details", { class: "notes" }, h("summary", {}, "Reconciliation notes"), h("p", {}, ev.notes)) : null,
    ),
    f
      ? h(
          "dl",
          { class: "fatalities", "aria-label": "Fatalities" },
          h("div", {}, h("dt", {}, "low"), h("dd", {}, fmtNumber(f.low))),
          h("div", { class: "best" }, h("dt", {}, "best"), h("dd", {}, fmtNumber(f.best))),
          h("div", {}, h("dt", {}, "high"), h("dd", {}, fmtNumber(f.high))),
          h("p", { class: "muted" }, "killed, all groups"),
        )
      : null,
  );
}

function legend(countries, styleOf) {
  const seen = [...new Set(countries)];
  return h(
    "p",
    { class: "legend sides" },
    "Claimant's side: ",
    seen.map((c) => {
      const st = styleOf(c);
      return h("span", { class: ["key", st.cls, "shape-" + st.shape] }, st.label);
    }),
  );
}

/** One victim group: the figures each side gives, side by side, then the range chart. */
function groupCard(est, claims, styleOf) {
  const bySide = new Map();
  for (const c of claims) {
    const k = c.claimant.country || "";
    if (!bySide.has(k)) bySide.set(k, []);
    bySide.get(k).push(c);
  }
  const sides = [...bySide.entries()].sort((a, b) => (a[0] || "~").localeCompare(b[0] || "~"));
  const title = `${KINDS[est.kind] || est.kind} — ${est.victims && est.victims.name ? `${groupLabel(est.victims)}` : groupLabel(null, est.group)}`;
  return h(
    "section",
    { class: ["panel", "group-card", est.contested && "contested"], dataset: { group: est.group, kind: est.kind } },
    h(
      "header",
      { class: "group-head" },
      h("h3", {}, title),
      h(
        "p",
        { class: "estimate" },
        h("span", { class: "muted" }, "estimate "),
        h("strong", {}, `${fmtNumber(est.low)} / ${fmtNumber(est.best)} / ${fmtNumber(est.high)}`),
        h("span", { class: "muted" }, " low / best / high"),
        est.contested ? h("span", { class: "badge contested" }, "contested") : null,
      ),
      est.rule ? h("p", { class: "rule muted" }, `Rule: ${est.rule}`) : null,
    ),
    h(
      "div",
      { class: "sides" },
      sides.map(([country, list]) => {
        const st = styleOf(country);
        const figures = new Map();
        for (const c of list) {
          const key = figureLabel(c.figure);
          if (!figures.has(key)) figures.set(key, []);
          figures.get(key).push(c);
        }
        return h(
          "div",
          { class: ["side", st.cls], dataset: { side: country || "?" } },
          h("h4", {}, country ? `${countryName(country)}’s side says` : "Unattributed"),
          h(
            "ul",
            { class: "side-figures" },
            [...figures.entries()]
              .sort((a, b) => claimValue(a[1][0].figure) - claimValue(b[1][0].figure))
              .map(([label, cs]) =>
                h(
                  "li",
                  { class: "side-figure" },
                  h("span", { class: "figure" }, label),
                  h(
                    "span",
                    { class: "who" },
                    [...new Set(cs.map((c) => partyLabel(c.claimant)))].join(", "),
                    ": ",
                    [...new Set(cs.map((c) => `“${c.figure.text}”`))].join(", "),
                    cs.length > 1 ? h("span", { class: "muted" }, ` · ${cs.length} reports`) : null,
                  ),
                ),
              ),
          ),
        );
      }),
    ),
    rangeChart(est, claims, styleOf),
  );
}

/** The claims by publication date as a strip of markers, stacked per day. */
function claimStrip(claims, styleOf, changed = new Set()) {
  const dated = claims.filter((c) => c.published);
  if (dated.length < 2) return null;
  const days = [...new Set(dated.map((c) => c.published))].sort();
  const perDay = new Map();
  for (const c of dated) perDay.set(c.published, [...(perDay.get(c.published) || []), c]);
  const tallest = Math.max(...[...perDay.values()].map((l) => l.length));
  const width = 760;
  const step = 11;
  const base = 12 + tallest * step;
  const height = base + 24;
  const pad = 44;
  const t0 = Date.parse(days[0]);
  const t1 = Date.parse(days[days.length - 1]);
  const x = (d) => (t1 === t0 ? width / 2 : pad + ((Date.parse(d) - t0) / (t1 - t0)) * (width - 2 * pad));
  const svg = s("svg", { class: "claim-strip", viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": "Claims by publication date" });
  svg.append(s("line", { x1: pad - 10, x2: width - pad + 10, y1: base, y2: base, class: "axis" }));
  let lastTick = -Infinity;
  for (const [day, list] of [...perDay.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    list
      .sort((a, b) => (a.claimant.country || "~").localeCompare(b.claimant.country || "~"))
      .forEach((c, n) => {
        svg.append(
          s("circle", { cx: x(day), cy: base - 6 - n * step, r: 4.5, fill: styleOf(c.claimant.country).color, class: ["dot", changed.has(c.id) && "changed"], dataset: { claimId: c.id } },
            s("title", {}, `${day} · ${partyLabel(c.claimant)}: ${figureLabel(c.figure)} ${KINDS[c.kind] || c.kind} (${partyLabel(c.victims)})`)),
        );
      });
    if (x(day) - lastTick >= 44) {
      svg.append(s("text", { x: x(day), y: base + 16, class: "tick", "text-anchor": "middle" }, day.slice(5)));
      lastTick = x(day);
    }
  }
  return svg;
}

/** The grade, what it means, its reasons, who set it; the analyst's override form under it. */
function gradePanel(ev, form) {
  if (!ev.grade) return null;
  return h(
    "section",
    { class: ["panel", "grade-panel", "grade-" + ev.grade], id: "grade" },
    h("h2", {}, "Grade ", gradeBadge(ev)),
    h("p", { class: "muted grade-meaning" }, GRADES[ev.grade] || ""),
    ev.grade_reasons && ev.grade_reasons.length ? h("ul", { class: "grade-reasons" }, ev.grade_reasons.map((r) => h("li", {}, r))) : null,
    h("p", { class: "grade-by muted" }, ev.grade_by ? ["Set by hand by ", h("strong", {}, ev.grade_by), "; the rules no longer change it."] : "Computed from the claims by the rules (docs/grades.md)."),
    form ? h("details", { class: "grade-override" }, h("summary", {}, "Set the grade by hand…"), form) : null,
  );
}

export async function eventView(root, id, { refresh, toast }) {
  const [ev, history, changeLog] = await Promise.all([
    get(`/events/${seg(id)}`),
    get(`/events/${seg(id)}/history`).catch(() => []),
    eventChanges(id),
  ]);
  const claims = ev.claims || [];
  const changeList = changeLog || [];
  const visited = lastVisit();
  const changesOf = new Map(); // claim id -> its changes
  for (const c of changeList) {
    // a claim's own changes always; the claims a new (or merged) event came with only when new
    const touched = c.claim_id ? [c.claim_id] : isNewSince(c, visited) ? claimsOf(c) : [];
    for (const cid of touched) changesOf.set(cid, [...(changesOf.get(cid) || []), c]);
  }
  const byId = new Map(claims.map((c) => [c.id, c]));
  const styleOf = sideStyles(claims.map((c) => c.claimant.country));
  const reviewer = canReview();
  const selected = new Set();
  const done = (msg) => () => {
    toast(msg);
    refresh();
  };
  const fail = (err) => toast(`${err.code || "Error"}: ${err.message}`, "error");

  // victim groups, killed first, contested first
  const estimates = [...(ev.estimates || [])].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || Number(b.contested) - Number(a.contested) || (b.high ?? 0) - (a.high ?? 0),
  );
  const groups = estimates.map((est) => groupCard(est, (est.claims || []).map((cid) => byId.get(cid)).filter(Boolean), styleOf));

  // the claim timeline: a strip and a table, by publication date
  const sorted = [...claims].sort((a, b) => String(a.published).localeCompare(String(b.published)) || (claimValue(a.figure) ?? 0) - (claimValue(b.figure) ?? 0));
  const rows = [];
  sorted.forEach((c) => {
    const st = styleOf(c.claimant.country);
    const formSlot = h("td", { colspan: reviewer ? 9 : 7, class: "form-slot" });
    const historySlot = h("div", { class: "claim-history" });
    const historyBtn = h("button", {
      type: "button",
      class: "small ghost history-toggle",
      onclick: async () => {
        if (historySlot.firstChild) return historySlot.replaceChildren();
        const full = await get(`/claims/${seg(c.id)}`);
        replace(historySlot, historyList(full.history || [], { label: () => "claim" }));
      },
    }, "History");
    const mine = changesOf.get(c.id) || [];
    const fresh = mine.some((x) => isNewSince(x, visited));
    const tr = h(
      "tr",
      { dataset: { claimId: c.id }, class: ["claim", "status-" + c.status, mine.length && "changed", fresh && "new"] },
      reviewer
        ? h("td", {}, h("input", { type: "checkbox", "aria-label": "Select for split", onchange: (e) => (e.target.checked ? selected.add(c.id) : selected.delete(c.id)) }))
        : null,
      h(
        "td",
        { class: "nowrap" },
        c.published || "—",
        mine.length
          ? h("div", {}, h("a", { href: `#change-${mine[mine.length - 1].id}`, class: ["badge", "changed", fresh && "new"], title: mine.map((x) => x.summary || x.kind).join("\n"), onclick: (e) => { e.preventDefault(); focusChange(mine[mine.length - 1].id); } }, fresh ? "new" : `changed ${mine.length}×`))
          : null,
      ),
      h("td", {}, h("span", { class: ["swatch", st.cls] }), partyLabel(c.claimant), c.claimant.country ? h("span", { class: "muted" }, ` (${c.claimant.country})`) : null),
      h("td", { class: "says" }, h("strong", { class: "figure" }, figureLabel(c.figure)), " ", KINDS[c.kind] || c.kind, h("div", { class: "muted wording" }, `“${c.figure.text}”`)),
      h("td", {}, partyLabel(c.victims), h("div", { class: "muted" }, groupLabel(c.victims))),
      h("td", {}, c.stance, c.stance === "denied" ? " ⚠" : ""),
      h("td", {}, h("span", { class: ["badge", "status-" + c.status] }, statusLabel(c.status)), c.reviewed ? h("span", { class: "badge reviewed" }, "reviewed") : null),
      h("td", {}, h("a", { href: `#/documents/${encodeURIComponent(c.document_id)}`, class: "doc-ref", onclick: (e) => { e.preventDefault(); openDoc(c.document_id, c.id); } }, "evidence"), " ", historyBtn, historySlot),
      reviewer ? h("td", {}, claimActions(c, formSlot, { onDone: done("Claim updated"), onError: fail })) : null,
    );
    rows.push(tr, h("tr", { class: "form-row" }, formSlot));
  });
  // the event's changes, oldest first: each a step of its claim timeline, the new ones marked
  const changesEl = h("ol", { class: "changes event-changes", id: "event-changes" });
  function focusChange(changeId) {
    const li = changesEl.querySelector(`li[data-change-id="${CSS.escape(String(changeId))}"]`);
    if (!li) return;
    li.scrollIntoView({ block: "center", behavior: "smooth" });
    li.classList.add("focus");
    setTimeout(() => li.classList.remove("focus"), 2400);
  }
  function focusClaim(claimId) {
    const row = [...document.querySelectorAll("tr.claim")].find((r) => r.dataset.claimId === claimId);
    if (!row) return;
    row.scrollIntoView({ block: "center", behavior: "smooth" });
    row.classList.add("focus");
    setTimeout(() => row.classList.remove("focus"), 2400);
  }
  replace(
    changesEl,
    changeLog === null
      ? h("li", { class: "muted" }, "This server keeps no change log.")
      : changeList.length
        ? changeList.map((c) => changeItem(c, { isNew: isNewSince(c, visited), event: false, onClaim: byId.has(c.claim_id) ? focusClaim : null }))
        : h("li", { class: "muted" }, "No change recorded yet."),
  );
  const nNew = changeList.filter((c) => isNewSince(c, visited)).length;

  const claimTable = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "claims" },
      h("thead", {}, h("tr", {}, [reviewer ? "" : null, "Published", "Claimant", "Says", "Victims", "Stance", "Status", "Source", reviewer ? "Review" : null].filter((t) => t !== null).map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, rows),
    ),
  );

  // sources, expandable to their marked text
  const docSlots = new Map();
  async function openDoc(docId, claimId) {
    const slot = docSlots.get(docId);
    if (!slot) return;
    if (!slot.body.firstChild) {
      const doc = await get(`/documents/${seg(docId)}`);
      const eventClaims = new Set(claims.map((c) => c.id));
      replace(slot.body, docText(doc, styleOf, { only: eventClaims }));
      slot.toggle.textContent = "Hide text";
    }
    slot.details.open = true;
    const mark = claimId ? [...slot.body.querySelectorAll("mark")].find((m) => m.dataset.claimId === claimId) : null;
    (mark || slot.details).scrollIntoView({ block: "center", behavior: "smooth" });
    if (mark) {
      mark.classList.add("focus");
      setTimeout(() => mark.classList.remove("focus"), 2400);
    }
  }
  const docs = (ev.documents || []).map((d) => {
    const body = h("div", { class: "doc-body" });
    const toggle = h("button", { type: "button", class: "small ghost" }, "Show text");
    const details = h("div", { class: "doc", id: `doc-${d.id}`, dataset: { documentId: d.id } });
    toggle.addEventListener("click", async () => {
      if (body.firstChild) {
        body.replaceChildren();
        toggle.textContent = "Show text";
        return;
      }
      await openDoc(d.id);
    });
    docSlots.set(d.id, { body, toggle, details });
    const n = claims.filter((c) => c.document_id === d.id).length;
    replace(
      details,
      h(
        "div",
        { class: "doc-head" },
        h("div", {}, h("a", { href: `#/documents/${encodeURIComponent(d.id)}`, class: "doc-title" }, d.title || d.id), docMeta(d)),
        h("div", { class: "doc-tools" }, h("span", { class: "muted" }, `${n} claim${n === 1 ? "" : "s"}`), toggle),
      ),
      body,
    );
    return details;
  });

  // audit trail: the event's versions and those of its reviewed claims
  const touched = claims.filter((c) => c.reviewed || (c.version ?? 1) > 1);
  const claimHistories = await Promise.all(touched.map((c) => get(`/claims/${seg(c.id)}`).then((x) => x.history || []).catch(() => [])));
  const labelOf = (v) => {
    if (v.entity !== "claim") return "event";
    const c = byId.get(v.entity_id);
    return c ? `claim: ${partyLabel(c.claimant)} on ${partyLabel(c.victims)}` : "claim";
  };
  const audit = historyList([...(Array.isArray(history) ? history : history.items || []), ...claimHistories.flat()], { label: labelOf });

  replace(
    root,
    h("nav", { class: "crumbs" }, h("a", { href: "#/" }, "← All events")),
    header(ev),
    gradePanel(ev, reviewer ? gradeForm(ev, { onDone: done("Grade set"), onError: fail }) : null),
    reviewer
      ? h("section", { class: "panel review" }, h("h2", {}, "Review"), eventActions(ev, { selectedClaims: () => [...selected], onDone: done("Event updated"), onSplit: (res) => { toast("Event split"); const evs = res.events || []; if (evs[1]) location.hash = `#/events/${encodeURIComponent(evs[1].id)}`; else refresh(); }, onError: fail }))
      : null,
    h(
      "section",
      { class: "figures" },
      h("h2", {}, "Who says how many"),
      legend(claims.map((c) => c.claimant.country || ""), styleOf),
      groups.length ? h("div", { class: "groups" }, groups) : h("p", { class: "muted" }, "No casualty figures for this event."),
    ),
    h("section", { class: "panel claims-panel" }, h("h2", {}, `Claims over time (${claims.length})`), claimStrip(claims, styleOf, new Set(changesOf.keys())), claimTable),
    h(
      "section",
      { class: "panel changes-panel", id: "changes-panel" },
      h("h2", {}, `How this event changed (${changeList.length})`, nNew ? h("span", { class: "badge new" }, `${nNew} new since your last visit`) : null),
      changesEl,
    ),
    h("section", { class: "panel sources" }, h("h2", {}, `Sources (${docs.length})`), docs.length ? h("div", { class: "docs" }, docs) : h("p", { class: "muted" }, "No documents.")),
    h("section", { class: "panel audit", id: "audit" }, h("h2", {}, "Audit trail"), audit),
  );
  root.dataset.ready = "true";
}
