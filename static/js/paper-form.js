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
