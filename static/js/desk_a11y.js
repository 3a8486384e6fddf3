// The desk's widgets named for screen readers, where Django's admin leaves them unnamed (found by
// axe-core: tests/browser/test_accessibility.py). Loaded by every desk page (admin/base_site.html).
//
// - Autocompletes (select2, as the admin ships it) draw their own combobox beside the hidden
//   <select> and name it after the text of the current choice, so an empty one has no name, and
//   their search boxes have none at all. Each combobox and search box takes the name of the
//   <select>'s label (the text of the choice is its value, not a textbox of its own), and the
//   "clear" cross put straight into a list of choices is wrapped in a list item. select2 redraws
//   these parts whenever the choice changes, so a MutationObserver fixes each as it appears.
// - The changelist's search box, the date-and-time boxes, read-only inlines (regions that scroll
//   on a phone) and the two-list picker's icons: once, when the page is read.
(function () {
  "use strict";

  var counter = 0;

  function labelOf(select) {
    if (!select) return null;
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) {
      if (!label.id) label.id = "desk-label-" + select.id;
      return { id: label.id, text: label.textContent.trim().replace(/:$/, "") };
    }
    var text = select.getAttribute("aria-label") || select.getAttribute("title") || "";
    return text ? { id: null, text: text } : null;
  }

  function selectOf(element) {
    // The container select2 draws follows its <select>; the dropdown names its results list
    // "select2-<select id>-results".
    var container = element.closest(".select2-container");
    var previous = container && container.previousElementSibling;
    if (previous && previous.tagName === "SELECT") return previous;
    var owner = element.getAttribute("aria-controls") || element.getAttribute("aria-owns") || "";
    var match = owner.match(/^select2-(.+)-results$/);
    return match ? document.getElementById(match[1]) : null;
  }

  function nameCombobox(combobox) {
    var label = labelOf(selectOf(combobox));
    if (!label) return;
    var rendered = combobox.querySelector(".select2-selection__rendered");
    if (label.id) {
      if (rendered && !rendered.id) rendered.id = "desk-select2-rendered-" + ++counter;
      var names = rendered ? label.id + " " + rendered.id : label.id;
      // Set only when it differs: this observer watches the attribute it sets.
      if (combobox.getAttribute("aria-labelledby") !== names) combobox.setAttribute("aria-labelledby", names);
    } else {
      if (combobox.hasAttribute("aria-labelledby")) combobox.removeAttribute("aria-labelledby");
      combobox.setAttribute("aria-label", label.text);
    }
    if (rendered && rendered.getAttribute("role") === "textbox") {
      // select2 4.0 calls the choice's text a read-only textbox, with no name of its own; it is
      // the combobox's value (select2 4.1 dropped the role too).
      rendered.removeAttribute("role");
      rendered.removeAttribute("aria-readonly");
    }
  }

  function nameSearch(field) {
    var label = labelOf(selectOf(field));
    if (label && !field.getAttribute("aria-label")) field.setAttribute("aria-label", label.text);
  }

  function wrapClear(cross) {
    var list = cross.parentElement;
    if (!list || list.tagName !== "UL") return;
    var item = document.createElement("li");
    item.className = "desk-select2-clear";
    list.insertBefore(item, cross);
    item.appendChild(cross);
  }

  function fix(root) {
    if (root.nodeType !== 1) return;
    var each = function (selector, apply) {
      if (root.matches(selector)) apply(root);
      root.querySelectorAll(selector).forEach(apply);
    };
    each(".select2-selection[role=combobox]", nameCombobox);
    each(".select2-search__field", nameSearch);
    each("ul > .select2-selection__clear", wrapClear);
    // The two-list picker (filter_horizontal) names its magnifier icons with aria-label on a bare
    // <span>, which ARIA ignores: they are images.
    each(".help-tooltip[aria-label]:not([role])", function (icon) { icon.setAttribute("role", "img"); });
  }

  // The changelist's search box is labelled by a magnifier image: its alt text becomes the box's
  // own name, or axe-core (and a screen reader) finds only the help text describing it.
  document.addEventListener("DOMContentLoaded", function () {
    var search = document.getElementById("searchbar");
    var image = document.querySelector('label[for="searchbar"] img[alt]');
    if (search && image && !search.getAttribute("aria-label")) search.setAttribute("aria-label", image.alt);
    readableInlines();
    document.querySelectorAll("p.datetime input:not([type=hidden])").forEach(nameDateTimePart);
  });

  // Django's date-and-time input is two boxes after the texts "Date:" and "Time:", and the field's
  // label points at neither: each box is named "<field> — Date" / "<field> — Time".
  function nameDateTimePart(input) {
    if ((input.labels && input.labels.length) || input.getAttribute("aria-label")) return;
    var part = input.previousSibling;
    while (part && part.nodeType === 3 && !part.textContent.trim()) part = part.previousSibling;
    var partText = part && part.nodeType === 3 ? part.textContent.trim().replace(/:$/, "") : "";
    var row = input.closest(".form-row, .fieldBox");
    var label = row && row.querySelector("label");
    var fieldText = label ? label.textContent.trim().replace(/:$/, "") : "";
    var name = [fieldText, partText].filter(Boolean).join(" — ");
    if (name) input.setAttribute("aria-label", name);
  }

  // A read-only inline (e.g. a review's event history) scrolls sideways on a phone but holds
  // nothing the keyboard can reach: it becomes a named region that can take the focus.
  function readableInlines() {
    document.querySelectorAll(".inline-group").forEach(function (group) {
      if (group.querySelector("a[href], button, input:not([type=hidden]), select, textarea")) return;
      var heading = group.querySelector("h2");
      if (heading) {
        if (!heading.id) heading.id = group.id + "-heading";
        group.setAttribute("aria-labelledby", heading.id);
      }
      group.setAttribute("role", "region");
      group.setAttribute("tabindex", "0");
    });
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(fix);
      if (mutation.type === "attributes") fix(mutation.target);
    });
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["aria-labelledby"],
  });
})();
