// Swagger UI for /api/v1/docs, from the vendored swagger-ui-dist bundle (no CDN, no inline
// script: the app's Content-Security-Policy allows scripts from this origin only).
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    if (root) root.textContent = "Swagger UI is not installed (run `make assets`); the API description is at /openapi.json.";
    return;
  }
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.openapi,
    domNode: root,
    deepLinking: true,
    // Send the session cookie with "Try it out" requests; writes also need X-CSRF-Token.
    withCredentials: true,
    validatorUrl: null,
  });
})();
