// Source documents: metadata, and the full text with every claim's evidence span marked
// (text nodes and <mark> elements built from Document.text and the claims' spans).
import { h, replace, markedText, fmtNumber } from "./dom.js";
import { get, seg } from "./api.js";
import { sideStyles, partyLabel, KINDS } from "./labels.js";
import { figureLabel } from "./chart.js";

/** Only http(s) links from documents become hrefs. */
export function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

export function docMeta(d) {
  const href = d.url ? safeHref(d.url) : null;
  return h(
    "div",
    { class: "doc-meta muted" },
    [d.published, d.source, d.format].filter(Boolean).join(" · "),
    href ? [" · ", h("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", class: "ext" }, "original")] : null,
  );
}

export function claimTitle(c) {
  return `${partyLabel(c.claimant)} · ${KINDS[c.kind] || c.kind} · ${figureLabel(c.figure)} (“${c.figure ? c.figure.text : ""}”) · ${partyLabel(c.victims)}`;
}

/** The document's text with its claims' spans marked; `only` restricts to some claim ids. */
export function docText(doc, styleOf, { only } = {}) {
  const claims = (doc.claims || []).filter((c) => Array.isArray(c.span) && c.span.length === 2);
  const spans = claims.map((c) => ({
    start: c.span[0],
    end: c.span[1],
    attrs: {
      class: ["evidence", styleOf(c.claimant.country).cls, only && !only.has(c.id) && "other", c.status === "rejected" && "rejected"],
      title: claimTitle(c),
      dataset: { claimId: c.id },
      tabindex: 0,
    },
  }));
  const text = doc.text || "";
  const paragraphs = h("div", { class: "doc-text", lang: "en" });
  // keep the offsets: mark the whole text, then split the fragment's top-level nodes on blank lines
  paragraphs.append(markedText(text, spans));
  return paragraphs;
}

/** #/documents/{id} */
export async function documentView(root, id) {
  const doc = await get(`/documents/${seg(id)}`);
  const styleOf = sideStyles((doc.claims || []).map((c) => c.claimant.country));
  const claimList = (doc.claims || []).length
    ? h(
        "ul",
        { class: "doc-claims" },
        doc.claims.map((c) =>
          h(
            "li",
            {},
            h("span", { class: ["swatch", styleOf(c.claimant.country).cls] }),
            h("strong", {}, figureLabel(c.figure)),
            " ",
            `${KINDS[c.kind] || c.kind} — ${partyLabel(c.victims)}, says ${partyLabel(c.claimant)}`,
            c.event_id ? [" · ", h("a", { href: `#/events/${encodeURIComponent(c.event_id)}` }, "event")] : null,
          ),
        ),
      )
    : h("p", { class: "muted" }, "No claims were extracted from this document.");
  replace(
    root,
    h("nav", { class: "crumbs" }, h("a", { href: "#/" }, "← All events")),
    h(
      "article",
      { class: "panel document", dataset: { documentId: doc.id } },
      h("h1", { class: "doc-title" }, doc.title || doc.id),
      docMeta(doc),
      h("h2", {}, `Claims (${fmtNumber((doc.claims || []).length)})`),
      claimList,
      h("h2", {}, "Text"),
      docText(doc, styleOf),
    ),
  );
  root.dataset.ready = "true";
}
