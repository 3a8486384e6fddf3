// Small progressive enhancements shared by every page (no inline scripts: we send a strict CSP).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("change", function (event) {
    if (event.target.matches("select.auto-submit")) event.target.form.submit();
  });
  // On a phone the sections scroll sideways in one row: show the current one.
  var current = document.querySelector(".site-nav [aria-current=page]");
  if (current) {
    var nav = current.parentElement;
    var right = current.offsetLeft + current.offsetWidth - nav.offsetLeft;
    if (right > nav.clientWidth) nav.scrollLeft = right - nav.clientWidth;
  }
  // Buttons that ask before doing something that cannot be undone: <button data-confirm="Sure?">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });
})();
