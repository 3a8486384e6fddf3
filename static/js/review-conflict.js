// The conflict page: keep the browser's copy (see review-editor.js) in step with the choice made.
// "Take theirs" forgets the unsaved text; "Keep mine" and "Merge" keep the text being saved, on
// top of the version shown, until the editor page confirms the server has it.
(function () {
  "use strict";
  var choices = document.getElementById("conflict-choices");
  if (!choices) return;
  var key = "digest:review:" + choices.getAttribute("data-review-id");
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var resolution = form.getAttribute("data-resolution");
    if (!resolution || event.defaultPrevented) return;
    try {
      if (resolution === "theirs") {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, JSON.stringify({
          body: form.querySelector("[name=body]").value.replace(/\r\n/g, "\n"),
          version: form.querySelector("[name=version]").value,
          language: form.querySelector("[name=language]").value,
          at: Date.now(),
        }));
      }
    } catch (error) { /* storage disabled: the server still saves */ }
  });
})();
