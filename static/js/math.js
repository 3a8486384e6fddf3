// Typeset every formula on the page with the KaTeX served from our own static files.
// Markdown renders $…$ as <span class="math inline">, inline $$…$$ as <span class="math display">,
// and $$ blocks as <div class="math block">; the TeX source is the element's text.
(function () {
  "use strict";

  function typeset(root) {
    if (!window.katex) return;
    root.querySelectorAll(".math:not([data-typeset])").forEach(function (el) {
      var tex = el.textContent;
      try {
        window.katex.render(tex, el, {
          displayMode: el.classList.contains("display") || el.classList.contains("block"),
          throwOnError: false,
          trust: false,
          strict: "ignore",
        });
        el.setAttribute("data-typeset", "");
        el.setAttribute("title", tex);
      } catch (error) {
        el.textContent = tex;
      }
    });
  }

  window.digestTypeset = typeset;
  document.addEventListener("DOMContentLoaded", function () { typeset(document); });
  // django-markdownx fires this (not bubbling) after each live preview refresh.
  document.addEventListener("markdownx.update", function (event) { typeset(event.target.closest(".markdownx") || document); }, true);
})();
