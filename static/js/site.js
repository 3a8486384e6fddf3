// Small progressive enhancements shared by every page (no inline scripts: we send a strict CSP).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("change", function (event) {
    if (event.target.matches("select.auto-submit")) event.target.form.submit();
  });
  // Buttons that ask before doing something that cannot be undone: <button data-confirm="Sure?">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });
})();
