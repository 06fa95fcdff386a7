// #/login — sign in (POST /api/v1/session); the session cookie is HttpOnly, the CSRF token kept
// in memory for writes.
import { h, replace } from "./dom.js";
import { session, signIn } from "./api.js";

export function loginView(root, params, { navigate, onChange }) {
  const user = h("input", { name: "username", autocomplete: "username", required: true, id: "login-username" });
  const pass = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true, id: "login-password" });
  const msg = h("p", { class: "form-error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary" }, "Sign in");
  const form = h(
    "form",
    { class: "login-form" },
    h("label", { for: "login-username" }, "Username"),
    user,
    h("label", { for: "login-password" }, "Password"),
    pass,
    submit,
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    submit.disabled = true;
    msg.replaceChildren();
    try {
      await signIn(user.value.trim(), pass.value);
      onChange();
      navigate(params.next || "#/");
    } catch (err) {
      replace(msg, err.status === 401 ? "Wrong username or password." : `${err.code}: ${err.message}`);
      pass.select();
    } finally {
      submit.disabled = false;
    }
  });
  replace(
    root,
    h(
      "section",
      { class: "panel login" },
      h("h1", {}, "Sign in"),
      h("p", { class: "muted" }, session.user ? `Signed in as ${session.user.username} (${session.user.role}).` : "Analysts sign in to review claims and events; reading needs no account unless the server says so."),
      form,
    ),
  );
  user.focus();
  root.dataset.ready = "true";
}
