// #/search?q= — full-text search over the documents (and the events they report).
import { h, replace, highlightWords, fmtDateRange, fmtTotal } from "./dom.js";
import { get } from "./api.js";
import { gradeBadge } from "./labels.js";

export async function searchView(root, params, navigate) {
  const q = (params.q || "").trim();
  const input = h("input", { type: "search", name: "q", value: q, placeholder: "Search the reports", "aria-label": "Search the reports", autofocus: true });
  const form = h("form", { class: "search-form", role: "search" }, input, h("button", { type: "submit", class: "primary" }, "Search"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    navigate(`#/search?q=${encodeURIComponent(input.value.trim())}`);
  });
  const results = h("div", { class: "results", "aria-live": "polite" });
  replace(root, h("section", { class: "panel" }, h("h1", {}, "Search"), form, results));
  if (!q) {
    replace(results, h("p", { class: "muted" }, "Words from the reports: places, people, figures (e.g. Kabul, Mujahid, 58)."));
    root.dataset.ready = "true";
    return;
  }
  const [hits, events] = await Promise.all([get("/search", { q, limit: 50 }), get("/events", { q, limit: 10 }).catch(() => ({ items: [], total: 0 }))]);
  replace(
    results,
    h("h2", {}, `Documents (${fmtTotal(hits)})`),
    hits.items.length
      ? h(
          "ol",
          { class: "hits" },
          hits.items.map((hit) =>
            h(
              "li",
              { class: "hit", dataset: { documentId: hit.document_id } },
              h("a", { href: `#/documents/${encodeURIComponent(hit.document_id)}`, class: "hit-title" }, hit.title || hit.document_id),
              hit.snippet ? h("p", { class: "snippet" }, highlightWords(hit.snippet, q)) : null,
            ),
          ),
        )
      : h("p", { class: "empty" }, `No document mentions “${q}”.`),
    events.items.length
      ? [
          h("h2", {}, `Events reported in them (${fmtTotal(events)})`),
          h(
            "ul",
            { class: "hits" },
            events.items.map((ev) =>
              h(
                "li",
                {},
                h("a", { href: `#/events/${encodeURIComponent(ev.id)}` }, [ev.type, ev.location && ev.location.name].filter(Boolean).join(" · ")),
                h("span", { class: "muted" }, ` ${fmtDateRange(ev.date_start, ev.date_end)} `),
                gradeBadge(ev),
                ev.contested ? h("span", { class: "badge contested" }, "contested") : null,
              ),
            ),
          ),
        ]
      : null,
  );
  root.dataset.ready = "true";
}
