// #/watch — the watch status of every source `tolls watch` polls (GET /api/v1/watch/sources):
// when it was last polled and will be next, how the last poll went, its failures and last error,
// and what its last run saw.
import { h, replace, fmtNumber, fmtTime } from "./dom.js";
import { get } from "./api.js";

/** Only http(s) urls become links. */
function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** The last run's counts (`last_run`: null for a source never polled). */
function runCounts(src) {
  const run = src.last_run;
  if (!run) return null;
  return { seen: run.items_seen, new: run.items_new, failed: run.items_failed };
}

function statusClass(src) {
  const st = String(src.last_status || "").toLowerCase();
  if (!st) return "never";
  if ((src.failures || 0) > 0 || /error|fail|dead/.test(st)) return "failing";
  return "ok";
}

function row(src) {
  const href = safeHref(src.url || "");
  const counts = runCounts(src);
  const cls = statusClass(src);
  return h(
    "tr",
    { class: ["source", "watch-" + cls], dataset: { source: src.name || "" } },
    h("td", {}, h("strong", { class: "source-name" }, src.name || "—"), src.outlet ? h("div", { class: "muted" }, src.outlet) : null),
    h("td", {}, src.kind || ""),
    h("td", { class: "url" }, href ? h("a", { href, rel: "noopener noreferrer", target: "_blank" }, src.url) : src.url || ""),
    h("td", { class: "nowrap" }, src.last_polled_at ? fmtTime(src.last_polled_at) : h("span", { class: "muted" }, "never")),
    h("td", { class: "nowrap" }, src.next_poll_at ? fmtTime(src.next_poll_at) : "—"),
    h(
      "td",
      {},
      h("span", { class: ["badge", "watch-status", "watch-" + cls] }, src.last_status || "not polled"),
      src.last_code !== null && src.last_code !== undefined ? h("span", { class: "muted code" }, ` ${src.last_code}`) : null,
    ),
    h("td", { class: ["num", (src.failures || 0) > 0 && "failures"] }, fmtNumber(src.failures || 0)),
    h(
      "td",
      { class: "num run" },
      counts ? `${fmtNumber(counts.seen)} / ${fmtNumber(counts.new)} / ${fmtNumber(counts.failed)}` : "—",
    ),
    h("td", { class: "last-error" }, src.last_error || ""),
  );
}

export async function watchView(root) {
  const body = h("div", { id: "watch-sources" });
  replace(root, h("section", { class: "panel watch" }, h("h1", {}, "Watch"), h("p", { class: "muted" }, "The sources ", h("code", {}, "tolls watch"), " polls, and how each last went."), body));
  let data;
  try {
    data = await get("/watch/sources");
  } catch (err) {
    if (err.status === 404) {
      replace(body, h("p", { class: "empty" }, "This server watches no sources."));
      root.dataset.ready = "true";
      return;
    }
    throw err;
  }
  const sources = Array.isArray(data) ? data : [];
  if (!sources.length) {
    replace(body, h("p", { class: "empty" }, "No source is watched: give ", h("code", {}, "tolls watch"), " a sources file."));
  } else {
    const failing = sources.filter((x) => statusClass(x) === "failing").length;
    replace(
      body,
      h("p", { class: "summary" }, `${sources.length} source${sources.length === 1 ? "" : "s"}`, failing ? `, ${failing} failing` : "", "."),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "sources-table" },
          h("thead", {}, h("tr", {}, ["Source", "Kind", "URL", "Last polled", "Next poll", "Last status", "Failures", "Last run: seen / new / failed", "Last error"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, sources.map(row)),
        ),
      ),
    );
  }
  root.dataset.ready = "true";
}
