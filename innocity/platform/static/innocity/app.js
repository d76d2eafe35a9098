// Behaviour for every page. No inline scripts anywhere: the content security policy forbids them.
(function () {
  "use strict";
  // Select boxes that submit their form when changed (the language switch, filters without htmx).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.classList && el.classList.contains("js-autosubmit") && el.form) {
      el.form.submit();
    }
  });
})();
