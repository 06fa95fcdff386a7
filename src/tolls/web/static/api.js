// The REST API client (docs/api.md): JSON in, JSON out, CSRF header on writes. Errors are RFC 9457
// problems (application/problem+json): `code` is the E-code, `detail` the message.

const BASE = "/api/v1";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const session = { user: null, csrf_token: null, public: true, tile_url: "" };

let serverDate = null; // the Date header of the latest answer: the server's clock, to the second

/** Now by the server's clock (its latest answer's Date header), else the browser's; ISO 8601. */
export function serverNow() {
  const t = serverDate ? Date.parse(serverDate) : NaN;
  return new Date(Number.isNaN(t) ? Date.now() : t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function role() {
  return session.user ? session.user.role : null;
}

export function canReview() {
  return role() === "analyst" || role() === "admin";
}

/** "/events", {contested: true, q: ""} -> "/api/v1/events?contested=true" (empty values dropped). */
export function url(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    qs.set(k, String(v));
  }
  const q = qs.toString();
  return BASE + path + (q ? "?" + q : "");
}

/** A path segment: ids may hold '#', '/' or spaces. */
export function seg(id) {
  return encodeURIComponent(id);
}

async function request(method, path, { params, body } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && session.csrf_token) headers["X-CSRF-Token"] = session.csrf_token;
  const resp = await fetch(url(path, params), {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  serverDate = resp.headers.get("Date") || serverDate;
  let data = null;
  const type = resp.headers.get("Content-Type") || "";
  if (type.includes("json")) data = await resp.json().catch(() => null);
  if (!resp.ok) {
    const problem = data && typeof data === "object" ? data : {};
    const message = problem.detail || problem.title || resp.statusText || "Request failed";
    throw new ApiError(resp.status, problem.code || `E${resp.status}`, message);
  }
  return data;
}

export const get = (path, params) => request("GET", path, { params });
export const post = (path, body) => request("POST", path, { body: body || {} });
export const del = (path) => request("DELETE", path);

export async function loadSession() {
  Object.assign(session, { user: null, csrf_token: null }, await get("/session"));
  return session;
}

export async function signIn(username, password) {
  const data = await post("/session", { username, password });
  Object.assign(session, { user: null, csrf_token: null }, data);
  return session;
}

export async function signOut() {
  try {
    await del("/session");
  } finally {
    Object.assign(session, { user: null, csrf_token: null });
  }
}

/** Every page of a list route, up to `cap` items. */
export async function getAll(path, params, cap = 2000) {
  const items = [];
  let offset = 0;
  for (;;) {
    const page = await get(path, { ...params, limit: 500, offset });
    items.push(...page.items);
    offset += page.items.length;
    if (!page.next || !page.items.length || items.length >= cap) return { items, total: page.total };
  }
}
