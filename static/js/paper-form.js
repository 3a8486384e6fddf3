// The paper proposal form: "Add another link" clones the formset's empty form.
(function () {
  "use strict";
  var rows = document.getElementById("link-rows");
  var template = document.getElementById("link-row-template");
  var button = document.getElementById("add-link");
  if (!rows || !template || !button) return;
  var prefix = rows.getAttribute("data-formset-prefix");
  var total = document.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
  var max = document.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
  button.hidden = false;
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) return;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    row.querySelector(".link-number").textContent = String(index + 1);
    rows.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input, select");
    if (first) first.focus();
  });
})();

// Possible duplicates, as soon as the arXiv id or the title is typed (the server's list, debounced);
// a recognised arXiv id also fills the link to the paper's page when it is still empty.
(function () {
  "use strict";
  var form = document.getElementById("paper-form");
  var box = document.getElementById("live-duplicates");
  if (!form || !box) return;
  var arxiv = form.querySelector('[name="arxiv"]');
  var title = form.querySelector('[name="title"]');
  var link = form.querySelector('[name="original_url"]');
  var list = box.querySelector("ul");
  var timer = null;
  var asked = "";

  function show(found) {
    list.textContent = "";
    found.forEach(function (paper) {
      var item = document.createElement("li");
      var anchor = document.createElement("a");
      anchor.href = paper.url;
      anchor.textContent = paper.title;
      item.appendChild(anchor);
      var extra = (paper.year ? " (" + paper.year + ")" : "") + (paper.arxiv_id ? " · arXiv:" + paper.arxiv_id : "");
      if (extra) item.appendChild(document.createTextNode(extra));
      list.appendChild(item);
    });
    box.hidden = found.length === 0;
  }

  function check() {
    var query = new URLSearchParams({ arxiv: arxiv.value.trim(), title: title.value.trim() }).toString();
    if (query === asked) return;
    asked = query;
    fetch(box.getAttribute("data-url") + "?" + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer || query !== asked) return; // a later keystroke asked again
        show(answer.duplicates);
        if (answer.original_url && link && !link.value.trim()) link.value = answer.original_url;
        form.setAttribute("data-duplicates-checked", "");
      })
      .catch(function () { /* offline: the server checks again on submit */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 400);
  }
  [arxiv, title].forEach(function (field) {
    if (field) field.addEventListener("input", later);
  });
})();
