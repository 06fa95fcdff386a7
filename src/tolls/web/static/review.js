// Review controls for analysts: accept / correct / reject a claim; accept / reject / merge /
// split an event; set its grade by hand. Every write sends the CSRF token (api.js) and the
// version it was shown.
import { h, replace } from "./dom.js";
import { post, seg, canReview } from "./api.js";
import { GRADES, KINDS } from "./labels.js";

const QUALIFIERS = ["exact", "at_least", "more_than", "about", "up_to", "range", "vague"];
const CLAIM_ACTIONS = {
  accept: ["extracted", "rejected"],
  reject: ["extracted", "accepted", "corrected"],
  correct: ["extracted", "accepted", "corrected"],
};

function intOrNull(v) {
  const t = String(v).trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isInteger(n) ? n : NaN;
}

async function run(button, fn, { onDone, onError }) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    const result = await fn();
    onDone(result);
  } catch (err) {
    onError(err);
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

/** The correct-figure form for one claim. */
function correctForm(claim, { onDone, onError, onCancel }) {
  const f = claim.figure || {};
  const text = h("input", { name: "text", value: f.text || "", required: true, "aria-label": "Wording" });
  const value = h("input", { name: "value", type: "number", min: 0, step: 1, value: f.value ?? "", "aria-label": "Value" });
  const low = h("input", { name: "low", type: "number", min: 0, step: 1, value: f.low ?? "", "aria-label": "Low" });
  const high = h("input", { name: "high", type: "number", min: 0, step: 1, value: f.high ?? "", "aria-label": "High" });
  const qualifier = h(
    "select",
    { name: "qualifier", "aria-label": "Qualifier" },
    QUALIFIERS.map((q) => h("option", { value: q, selected: q === f.qualifier }, q.replace("_", " "))),
  );
  const kind = h(
    "select",
    { name: "kind", "aria-label": "Kind" },
    Object.entries(KINDS).map(([k, t]) => h("option", { value: k, selected: k === claim.kind }, t)),
  );
  const note = h("input", { name: "note", placeholder: "why (kept in the audit trail)", "aria-label": "Note" });
  const save = h("button", { type: "submit", class: "primary" }, "Save correction");
  const msg = h("p", { class: "form-error", role: "alert" });
  const wire = (input, fill) => input.addEventListener("input", fill);
  // typing a value fills the wording, low and high of an exact figure
  wire(value, () => {
    if (qualifier.value === "exact") {
      text.value = value.value;
      low.value = value.value;
      high.value = value.value;
    }
  });
  const form = h(
    "form",
    { class: "correct-form" },
    h("div", { class: "row" },
      h("label", {}, "Wording", text),
      h("label", {}, "Value", value),
      h("label", {}, "Low", low),
      h("label", {}, "High", high),
      h("label", {}, "Qualifier", qualifier),
      h("label", {}, "Kind", kind),
    ),
    h("div", { class: "row" }, h("label", { class: "grow" }, "Note", note), save,
      h("button", { type: "button", class: "ghost", onclick: onCancel }, "Cancel")),
    msg,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const figure = { text: text.value.trim(), value: intOrNull(value.value), low: intOrNull(low.value), high: intOrNull(high.value), qualifier: qualifier.value };
    if ([figure.value, figure.low, figure.high].some((n) => Number.isNaN(n))) {
      replace(msg, "Value, low and high must be whole numbers (or empty).");
      return;
    }
    const changed = {};
    for (const [k, v] of Object.entries(figure)) if ((f[k] ?? null) !== v) changed[k] = v;
    const changes = {};
    if (Object.keys(changed).length) changes.figure = changed;
    if (kind.value !== claim.kind) changes.kind = kind.value;
    if (!Object.keys(changes).length) {
      replace(msg, "Nothing changed.");
      return;
    }
    run(save, () => post(`/claims/${seg(claim.id)}/correct`, { changes, note: note.value.trim(), version: claim.version }), {
      onDone,
      onError: (err) => {
        replace(msg, `${err.code}: ${err.message}`);
        onError(err);
      },
    });
  });
  return form;
}

/** Buttons for one claim (empty for viewers); the form opens in `formSlot`. */
export function claimActions(claim, formSlot, { onDone, onError }) {
  if (!canReview()) return null;
  const box = h("div", { class: "review-actions claim-actions" });
  const act = (action, label) => {
    if (!CLAIM_ACTIONS[action].includes(claim.status)) return null;
    const b = h("button", { type: "button", class: ["review", "small", action], dataset: { action } }, label);
    if (action === "correct") {
      b.addEventListener("click", () => {
        if (formSlot.firstChild) {
          formSlot.replaceChildren();
          return;
        }
        formSlot.append(correctForm(claim, { onDone, onError: () => {}, onCancel: () => formSlot.replaceChildren() }));
        formSlot.querySelector("input[name=value]").focus();
      });
    } else {
      b.addEventListener("click", () =>
        run(b, () => post(`/claims/${seg(claim.id)}/${action}`, { note: "", version: claim.version }), { onDone, onError }),
      );
    }
    return b;
  };
  box.append(...[act("accept", "Accept"), act("correct", "Correct…"), act("reject", "Reject")].filter(Boolean));
  return box;
}

/** The event's review panel: note, accept, reject, merge with another event, split claims off. */
export function eventActions(ev, { selectedClaims, onDone, onSplit, onError }) {
  if (!canReview()) return null;
  const note = h("input", { name: "note", placeholder: "note for the audit trail (optional)", "aria-label": "Review note" });
  const other = h("input", { name: "other", placeholder: "other event id", "aria-label": "Event to merge into this one", list: "dl-merge" });
  const msg = h("p", { class: "form-error", role: "alert" });
  const fail = (err) => {
    replace(msg, `${err.code}: ${err.message}`);
    onError(err);
  };
  const button = (action, label, fn, cls = "") =>
    h("button", {
      type: "button",
      class: ["review", action, cls],
      dataset: { action },
      onclick: (e) => run(e.currentTarget, fn, { onDone: action === "split" ? onSplit : onDone, onError: fail }),
    }, label);
  const base = `/events/${seg(ev.id)}`;
  return h(
    "div",
    { class: "review-panel", "aria-label": "Review this event" },
    h("div", { class: "row" },
      h("label", { class: "grow" }, "Note", note),
      button("accept", "Accept event", () => post(`${base}/accept`, { note: note.value.trim(), version: ev.version }), "primary"),
      button("reject", "Reject event", () => post(`${base}/reject`, { note: note.value.trim(), version: ev.version }), "danger"),
    ),
    h("div", { class: "row" },
      h("label", { class: "grow" }, "Merge another event into this one", other),
      button("merge", "Merge", () => {
        if (!other.value.trim()) return Promise.reject(Object.assign(new Error("give the id of the event to merge"), { code: "E406" }));
        return post(`${base}/merge`, { other: other.value.trim(), note: note.value.trim() });
      }),
      button("split", "Split selected claims off", () => {
        const claims = selectedClaims();
        if (!claims.length) return Promise.reject(Object.assign(new Error("tick the claims to split off in the claims table"), { code: "E406" }));
        return post(`${base}/split`, { claims, note: note.value.trim() });
      }),
    ),
    msg,
  );
}

/** The analyst's override of the event's grade: a grade (or back to the rules) and the reason,
 * which is required (docs/grades.md: POST /events/{id}/grade, audited as action "grade"). */
export function gradeForm(ev, { onDone, onError }) {
  if (!canReview()) return null;
  const RULES = "__rules__";
  const grade = h(
    "select",
    { name: "grade", "aria-label": "Grade" },
    Object.entries(GRADES).map(([g, what]) => h("option", { value: g, title: what, selected: g === ev.grade }, g)),
    ev.grade_by ? h("option", { value: RULES }, "back to the rules") : null,
  );
  const reason = h("input", { name: "reason", required: true, maxlength: 10000, placeholder: "why (required; kept as the grade's reason)", "aria-label": "Reason for the grade" });
  const save = h("button", { type: "submit", class: ["review", "primary"], dataset: { action: "grade" } }, "Set grade");
  const msg = h("p", { class: "form-error", role: "alert" });
  const form = h(
    "form",
    { class: "grade-form", "aria-label": "Set the grade by hand" },
    h("div", { class: "row" }, h("label", {}, "Grade", grade), h("label", { class: "grow" }, "Reason", reason), save),
    msg,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const why = reason.value.trim();
    if (!why) {
      replace(msg, "Give the reason for the grade.");
      return;
    }
    const body = { grade: grade.value === RULES ? null : grade.value, note: why, version: ev.version };
    run(save, () => post(`/events/${seg(ev.id)}/grade`, body), {
      onDone,
      onError: (err) => {
        replace(msg, `${err.code}: ${err.message}`);
        onError(err);
      },
    });
  });
  return form;
}
