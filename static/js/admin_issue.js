// The issue desk in the admin.
// - The entries' move-to-first/last arrows (django-admin-sortable2 listens for clicks) also
//   answer Enter and Space, so the order can be changed without a mouse.
// - "Tick every review on this page" on the page that adds approved reviews to an issue.
"use strict";
{
  document.addEventListener("keydown", (event) => {
    const arrow = event.target.closest && event.target.closest(".desk-entries .sort i[role=button]");
    if (arrow && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      arrow.click();
      arrow.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input.desk-check-all[data-check]").forEach((all) => {
      const boxes = () => all.form.querySelectorAll(`input[type=checkbox][name="${all.dataset.check}"]`);
      all.hidden = false;
      all.checked = boxes().length > 0 && [...boxes()].every((box) => box.checked);
      all.addEventListener("change", () => boxes().forEach((box) => { box.checked = all.checked; }));
    });
  });
}
