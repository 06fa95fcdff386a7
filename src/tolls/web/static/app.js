// The dashboard: a hash router over plain ES modules (docs/api.md "The dashboard").
import { h, replace } from "./dom.js";
import { session, loadSession, signOut } from "./api.js";
import { homeView } from "./home.js";
import { eventView } from "./event.js";
import { documentView } from "./documents.js";
import { searchView } from "./search.js";
import { loginView } from "./login.js";
import { changesBadge, changesView } from "./changes.js";
import { watchView } from "./watch.js";

const main = document.getElementById("app");
const userBox = document.getElementById("user");
const toastBox = document.getElementById("toasts");
let current = null; // {kind, update?}

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?");
  const params = Object.fromEntries(new URLSearchParams(query));
  return { path: path || "/", params };
}

export function navigate(hash) {
  if (location.hash === hash || (hash === "#/" && !location.hash)) render();
  else location.hash = hash;
}

export function toast(message, kind = "info") {
  const el = h("div", { class: ["toast", kind], role: kind === "error" ? "alert" : "status" }, message);
  toastBox.append(el);
  setTimeout(() => el.remove(), kind === "error" ? 8000 : 3500);
}

function renderUser() {
  if (session.user) {
    replace(
      userBox,
      h("span", { class: "who" }, session.user.username, " ", h("span", { class: ["badge", "role-" + session.user.role] }, session.user.role)),
      h("button", {
        type: "button",
        class: "ghost small",
        id: "sign-out",
        onclick: async () => {
          await signOut().catch(() => {});
          renderUser();
          toast("Signed out");
          render({ keepScroll: true });
        },
      }, "Sign out"),
    );
  } else {
    // the page to come back to is the one shown when the link is followed, not when it was drawn
    const here = () => (location.hash.startsWith("#/login") ? "#/" : location.hash || "#/");
    replace(
      userBox,
      h("a", {
        href: "#/login",
        id: "sign-in",
        onclick: (e) => {
          e.preventDefault();
          navigate(`#/login?next=${encodeURIComponent(here())}`);
        },
      }, "Sign in"),
    );
  }
}

function markNav(path) {
  for (const a of document.querySelectorAll("[data-nav]")) {
    a.classList.toggle("active", a.dataset.nav === (path === "/" ? "home" : path.split("/")[1]));
  }
}

function showError(err) {
  current = null;
  const notFound = err && err.status === 404;
  replace(
    main,
    h(
      "section",
      { class: "panel error-page" },
      h("h1", {}, notFound ? "Not found" : "Something went wrong"),
      h("p", {}, err && err.code ? `${err.code}: ${err.message}` : String((err && err.message) || err)),
      h("p", {}, h("a", { href: "#/" }, "Back to all events")),
    ),
  );
  main.dataset.ready = "true";
}

async function render({ keepScroll = false } = {}) {
  const { path, params } = parseHash();
  markNav(path);
  if (!session.public && !session.user && path !== "/login") {
    navigate(`#/login?next=${encodeURIComponent(location.hash || "#/")}`);
    return;
  }
  main.dataset.ready = "false";
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts.length === 0) {
      if (!current || current.kind !== "home") current = homeView(main, navigate);
      await current.update(params);
      return;
    }
    current = null;
    if (!keepScroll) window.scrollTo(0, 0);
    if (parts[0] === "events" && parts[1]) {
      await eventView(main, parts.slice(1).join("/"), { refresh: () => render({ keepScroll: true }), toast });
    } else if (parts[0] === "documents" && parts[1]) {
      await documentView(main, parts.slice(1).join("/"));
    } else if (parts[0] === "changes") {
      await changesView(main, params, navigate);
    } else if (parts[0] === "watch") {
      await watchView(main);
    } else if (parts[0] === "search") {
      await searchView(main, params, navigate);
    } else if (parts[0] === "login") {
      loginView(main, params, { navigate, onChange: renderUser });
    } else {
      showError({ status: 404, code: "E404", message: `No page ${path}.` });
    }
  } catch (err) {
    showError(err);
  }
}

document.getElementById("quick-search").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = e.target.elements.q.value.trim();
  navigate(`#/search?q=${encodeURIComponent(q)}`);
});

window.addEventListener("hashchange", () => render());
let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => current && current.resize && current.resize(), 150);
});

loadSession()
  .catch((err) => toast(`Could not reach the API: ${err.message}`, "error"))
  .finally(() => {
    renderUser();
    render();
    changesBadge(document.querySelector(".nav [data-nav=changes]"));
  });
