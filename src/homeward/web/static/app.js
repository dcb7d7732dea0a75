// Homeward's only script besides htmx: send the CSRF token with every htmx request.
// Served as a file (the Content-Security-Policy allows no inline script).
"use strict";
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) {
    event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
  }
});
