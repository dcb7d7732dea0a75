// The debriefing form: Enter in a row's field moves to the next row (adding one after the
// last) instead of sending the form; a new row takes the focus.
"use strict";
document.addEventListener("keydown", function (event) {
  var field = event.target;
  if (event.key !== "Enter" || !field.matches || !field.matches(".mention input")) {
    return;
  }
  event.preventDefault();
  var row = field.closest(".mention");
  var next = row.nextElementSibling;
  if (next && next.matches(".mention")) {
    next.querySelector("input[name$='-name_heard']").focus();
  } else {
    document.getElementById("add-row").click();
  }
});
document.addEventListener("htmx:afterSettle", function (event) {
  if (event.detail.target && event.detail.target.id === "mentions") {
    var rows = document.querySelectorAll("#mentions .mention");
    rows[rows.length - 1].querySelector("input[name$='-name_heard']").focus();
  }
});
