// Display names and the colour of each claimant side (Okabe–Ito, colour-blind safe, with a
// distinct marker shape per side so colour is never the only cue); the grades' badges.
import { h } from "./dom.js";

const COUNTRIES = {
  AFG: "Afghanistan", PAK: "Pakistan", IND: "India", IRN: "Iran", CHN: "China", USA: "United States",
  GBR: "United Kingdom", RUS: "Russia", UKR: "Ukraine", ISR: "Israel", PSE: "Palestine", LBN: "Lebanon",
  SYR: "Syria", IRQ: "Iraq", TUR: "Türkiye", SAU: "Saudi Arabia", YEM: "Yemen", QAT: "Qatar", SDN: "Sudan",
  SSD: "South Sudan", ETH: "Ethiopia", SOM: "Somalia", COD: "DR Congo", MLI: "Mali", NGA: "Nigeria",
  MMR: "Myanmar", TJK: "Tajikistan", UZB: "Uzbekistan", TKM: "Turkmenistan",
};

const INTER = {
  0: "unattributed",
  1: "state forces",
  2: "rebel group",
  3: "political militia",
  4: "identity militia",
  5: "rioters",
  6: "protesters",
  7: "civilians",
  8: "external forces",
};

export const KINDS = {
  killed: "Killed",
  injured: "Injured",
  captured: "Captured",
  missing: "Missing",
  detained: "Detained",
  displaced: "Displaced",
  deported: "Deported",
  posts_captured: "Posts captured",
  other: "Other",
};

export const EVENT_TYPES = [
  "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments", "Negotiation", "Displacement",
  "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
  "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
  "Suicide bomb", "Attack", "Abduction/forced disappearance", "Agreement", "Arrests",
  "Headquarters or base established", "Looting/property destruction", "Other",
];

export function countryName(iso3) {
  if (!iso3) return "";
  return COUNTRIES[iso3] || iso3;
}

export function interName(inter) {
  if (inter === null || inter === undefined) return "";
  return INTER[inter] || `inter ${inter}`;
}

/** "PAK/1" or a Party -> "Pakistan · state forces". */
export function groupLabel(party, group) {
  let country = party ? party.country : "";
  let inter = party ? party.inter : null;
  if (!party && group) {
    const [c, i] = group.split("/");
    country = c === "?" ? "" : c;
    inter = i === undefined || i === "" ? null : Number(i);
  }
  const parts = [countryName(country) || "unknown side", interName(inter)].filter(Boolean);
  return parts.join(" · ");
}

export function partyLabel(p) {
  if (!p) return "unattributed";
  return p.name || groupLabel(p) || "unattributed";
}

const PALETTE = [
  { color: "#0072B2", shape: "circle" }, // blue
  { color: "#D55E00", shape: "square" }, // vermillion
  { color: "#009E73", shape: "diamond" }, // bluish green
  { color: "#CC79A7", shape: "triangle" }, // reddish purple
  { color: "#E69F00", shape: "circle" }, // orange
  { color: "#56B4E9", shape: "square" }, // sky blue
];
const UNKNOWN = { color: "#6b6b6b", shape: "ring" };

/** Colour and shape per claimant side (country), in a stable order for one page. */
export function sideStyles(countries) {
  const known = [...new Set(countries.filter(Boolean))].sort();
  const map = new Map(known.map((c, i) => [c, { ...PALETTE[i % PALETTE.length], cls: `side-${i % PALETTE.length}`, label: countryName(c) }]));
  return (country) => map.get(country) || { ...UNKNOWN, cls: "side-x", label: "unattributed" };
}

export function statusLabel(status) {
  return (status || "").replace(/_/g, " ");
}

/** The grades (docs/grades.md), most trusted first, with what each means in a sentence. */
export const GRADES = {
  confirmed: "independent sources and claimants of both sides agree, or a party admits its own losses",
  fair: "several independent sources, the figures from one side",
  weak: "one source",
  contested: "claimants disagree beyond the threshold",
  discounted: "retracted, or rejected by review",
};

/** The event's grade as a badge; its reasons (and who set it) as the tooltip. */
export function gradeBadge(ev) {
  if (!ev || !ev.grade) return null;
  const why = [...(ev.grade_reasons || [])];
  if (ev.grade_by) why.push(`set by ${ev.grade_by}`);
  return h("span", { class: ["badge", "grade", "grade-" + ev.grade], title: why.join("\n") || GRADES[ev.grade] || "", dataset: { grade: ev.grade } }, ev.grade);
}
