// Small progressive enhancements shared by every page (no inline scripts: we send a strict CSP).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    if (event.target.matches("select.auto-submit")) event.target.form.submit();
  });
})();
