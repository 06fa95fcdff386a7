// The audit trail: Version records (docs/api.md) as a readable list of who changed what.
import { h, fmtTime } from "./dom.js";

const HIDDEN = new Set(["version", "reviewed_at", "updated_at"]);

function show(v) {
  if (v === null || v === undefined || v === "") return "∅";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function flatten(obj, prefix = "", out = {}) {
  for (const [k, v] of Object.entries(obj || {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v)) flatten(v, key, out);
    else out[key] = v;
  }
  return out;
}

/** [{key, before, after}] for the fields a version changed. */
export function changes(before, after) {
  if (!before || !after) return [];
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !HIDDEN.has(k));
  return keys
    .filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null))
    .map((k) => ({ key: k, before: a[k], after: b[k] }));
}

/** A list element for `versions` (newest first); `label(v)` names the entity. */
export function historyList(versions, { label } = {}) {
  if (!versions.length) return h("p", { class: "muted" }, "No changes recorded yet.");
  const sorted = [...versions].sort((x, y) => String(y.at).localeCompare(String(x.at)) || y.version - x.version);
  return h(
    "ol",
    { class: "history" },
    sorted.map((v) => {
      const diff = changes(v.before, v.after);
      return h(
        "li",
        { class: ["version", "action-" + v.action], dataset: { entity: v.entity, entityId: v.entity_id, version: String(v.version) } },
        h(
          "div",
          { class: "version-head" },
          h("time", { datetime: v.at }, fmtTime(v.at)),
          h("strong", { class: "actor" }, v.actor || "system"),
          h("span", { class: "action" }, v.action),
          h("span", { class: "entity" }, label ? label(v) : `${v.entity} ${v.entity_id}`),
          h("span", { class: "muted" }, `v${v.version}`),
        ),
        diff.length
          ? h(
              "ul",
              { class: "diff" },
              diff.map((d) =>
                h("li", {}, h("code", {}, d.key), ": ", h("del", {}, show(d.before)), " → ", h("ins", {}, show(d.after))),
              ),
            )
          : null,
        v.note ? h("blockquote", { class: "note" }, v.note) : null,
      );
    }),
  );
}
