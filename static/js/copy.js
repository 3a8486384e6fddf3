// Copy an export to the clipboard:
// <button data-copy-target="id-of-textarea" data-copied="message" data-copy-failed="message">.
// Uses the Clipboard API where the page is a secure context, else selects the text and copies it.
(function () {
  "use strict";

  function announce(button, message) {
    var status = document.querySelector(".copy-status");
    if (status) status.textContent = message;
    button.setAttribute("data-state", "copied");
  }

  function copyBySelection(source) {
    var details = source.closest("details");
    var wasOpen = details ? details.open : true;
    if (details) details.open = true;
    source.focus();
    source.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    if (details) details.open = wasOpen;
    return ok;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source) return;
    var message = button.getAttribute("data-copied") || "Copied.";
    var failed = button.getAttribute("data-copy-failed") || "Copying failed: open “Show the sources” and copy the text by hand.";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value).then(
        function () { announce(button, message); },
        function () { announce(button, copyBySelection(source) ? message : failed); }
      );
    } else {
      announce(button, copyBySelection(source) ? message : failed);
    }
  });
})();
