// Progressive enhancement only: move focus to the error summary, and stop a second click sending twice
// (the server ignores a repeat anyway).
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  var form = document.querySelector(".order-form");
  if (form) { form.addEventListener("submit", function () {
    var button = form.querySelector("[data-prevent-double-click]");
    window.setTimeout(function () { button.disabled = true; }, 0);
  }); }
})();
