// Behaviour for every page. No inline scripts anywhere: the content security policy forbids them.
(function () {
  "use strict";
  // Select boxes that submit their form when changed (the language switch, filters without htmx).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.classList && el.classList.contains("js-autosubmit") && el.form) {
      el.form.submit();
    }
    // The import review's switch: show only the tasks a person still has to check. The state
    // lives on <body>, which survives the review's htmx swaps.
    if (el.classList && el.classList.contains("js-only-flagged")) {
      document.body.classList.toggle("only-flagged", el.checked);
    }
  });
  // After an htmx swap, the switch is new: give it the state that <body> keeps.
  document.addEventListener("htmx:afterSwap", function () {
    var on = document.body.classList.contains("only-flagged");
    document.querySelectorAll(".js-only-flagged").forEach(function (box) { box.checked = on; });
  });
})();
