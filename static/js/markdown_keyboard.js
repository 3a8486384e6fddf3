// The markdown editors (django-markdownx) indent with Tab, which leaves a keyboard no way out of
// the text. Esc, then Tab, moves on as Tab does elsewhere (Shift+Tab back); the textarea is
// described by the hint the widget renders next to it ([data-markdown-keys]).
(function () {
  "use strict";

  var leaving = null; // the textarea where Esc was just pressed

  window.addEventListener("keydown", function (event) {
    var editor = event.target.closest ? event.target.closest(".markdownx textarea") : null;
    if (!editor) return;
    if (event.key === "Escape") {
      leaving = editor;
    } else if (event.key === "Tab" && leaving === editor) {
      event.stopPropagation(); // markdownx listens on the textarea: the browser's Tab goes on
      leaving = null;
    } else {
      leaving = null;
    }
  }, true);

  function describe() {
    document.querySelectorAll("[data-markdown-keys]").forEach(function (hint) {
      var editor = hint.closest(".markdownx").querySelector("textarea");
      if (!editor) return;
      var described = (editor.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(hint.id) < 0) described.push(hint.id);
      editor.setAttribute("aria-describedby", described.join(" "));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", describe);
  else describe();
})();
