// The issue workspace (templates/admin/digest/workspace/): every move, addition and removal is
// saved at once (a JSON POST with the CSRF token); the answer carries the page's regions as they
// are now, which replace the old ones, and the preview frame reloads. The last change can be undone.
// Entries move by drag and drop or with their arrow buttons (keyboard). Also, on any desk page:
// "tick every review on this page" (input.desk-check-all[data-check]).
"use strict";
{
  const boxesOf = (all) => all.form.querySelectorAll(`input[type=checkbox][name="${all.dataset.check}"]`);
  document.addEventListener("change", (event) => {
    const all = event.target.closest && event.target.closest("input.desk-check-all[data-check]");
    if (all) boxesOf(all).forEach((box) => { box.checked = all.checked; });
  });
  document.querySelectorAll("input.desk-check-all[hidden]").forEach((all) => { all.hidden = false; });

  const root = document.getElementById("workspace");
  if (root) workspace(root);

  function workspace(root) {
    const token = () => root.querySelector("input[name=csrfmiddlewaretoken]").value;
    const statusText = root.querySelector(".ws-status-text");
    const undoButton = root.querySelector(".ws-undo");
    const frame = document.getElementById("ws-preview-frame");
    let undo = null;
    let saves = 0;
    let poolQuery = ""; // the pool's search and page: the regions sent back after a change keep them

    function say(message, isError, undoAction) {
      statusText.textContent = message;
      root.querySelector(".ws-status").classList.toggle("ws-status--error", Boolean(isError));
      undo = undoAction || null;
      undoButton.hidden = !undo;
    }

    function reviewOrder() {
      return [...root.querySelectorAll("[data-region=entries] .ws-entry")].map((li) => Number(li.dataset.review));
    }

    // Put the server's regions in place, keeping what was typed and where the focus was.
    function apply(regions) {
      const typedUrl = root.querySelector("#publish-url");
      const kept = typedUrl ? typedUrl.value : null;
      const focused = document.activeElement;
      const focusKey = focused && focused.closest("[data-review]") ? {
        review: focused.closest("[data-review]").dataset.review,
        move: focused.dataset.move,
      } : null;
      Object.entries(regions).forEach(([name, html]) => {
        const old = root.querySelector(`[data-region="${name}"]`);
        if (!old) return;
        const template = document.createElement("template");
        template.innerHTML = html.trim();
        old.replaceWith(template.content);
      });
      const url = root.querySelector("#publish-url");
      if (url && kept) url.value = kept;
      if (focusKey) {
        const item = root.querySelector(`.ws-entry[data-review="${focusKey.review}"]`);
        const target = item && (item.querySelector(`[data-move="${focusKey.move}"]:not([disabled])`) || item.querySelector(".ws-entry-title"));
        if (target) target.focus();
      }
      if (frame) frame.src = frame.src.split("#")[0];
    }

    async function send(url, reviews, quiet) {
      root.dataset.state = "saving";
      try {
        const response = await fetch(poolQuery ? `${url}?${poolQuery}` : url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token() },
          body: JSON.stringify({ reviews }),
        });
        const answer = await response.json();
        if (answer.regions) apply(answer.regions);
        if (!quiet || !answer.ok) say(answer.ok ? answer.message : answer.errors.join(" "), !answer.ok);
        return answer;
      } catch (error) {
        say(root.dataset.failed, true);
        return { ok: false };
      } finally {
        saves += 1;
        root.dataset.saves = String(saves);
        root.dataset.state = "ready";
      }
    }

    async function saveOrder(order, before) {
      const answer = await send(root.dataset.orderUrl, order);
      if (answer.ok) say(answer.message, false, () => restoreOrder(before));
    }

    async function restoreOrder(order) {
      const answer = await send(root.dataset.orderUrl, order, true);
      if (answer.ok) say(root.dataset.undone);
    }

    undoButton.addEventListener("click", () => {
      const action = undo;
      say("");
      if (action) action();
    });

    // --- moves: arrow buttons and drag and drop ---------------------------------------------------
    root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-move]");
      if (!button || root.dataset.state === "saving") return;
      const before = reviewOrder();
      const at = before.indexOf(Number(button.closest(".ws-entry").dataset.review));
      const to = at + Number(button.dataset.move);
      if (to < 0 || to >= before.length) return;
      const order = [...before];
      [order[at], order[to]] = [order[to], order[at]];
      saveOrder(order, before);
    });

    let dragged = null;
    let dragStart = null;
    root.addEventListener("dragstart", (event) => {
      const item = event.target.closest && event.target.closest(".ws-entries--sortable .ws-entry");
      if (!item || root.dataset.state === "saving") return;
      dragged = item;
      dragStart = reviewOrder();
      item.classList.add("ws-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.review);
    });
    root.addEventListener("dragover", (event) => {
      if (!dragged) return;
      const over = event.target.closest(".ws-entry");
      event.preventDefault();
      if (!over || over === dragged) return;
      const box = over.getBoundingClientRect();
      over.parentNode.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? over : over.nextSibling);
    });
    root.addEventListener("drop", (event) => { if (dragged) event.preventDefault(); });
    root.addEventListener("dragend", () => {
      if (!dragged) return;
      dragged.classList.remove("ws-dragging");
      dragged = null;
      const order = reviewOrder();
      if (order.join() !== dragStart.join()) saveOrder(order, dragStart);
    });

    // --- removing an entry, adding from the pool ---------------------------------------------------
    root.addEventListener("submit", async (event) => {
      const form = event.target;
      if (form.id === "ws-remove-form") {
        event.preventDefault();
        const review = Number(event.submitter.value);
        const before = reviewOrder();
        const answer = await send(root.dataset.removeUrl, [review]);
        if (answer.ok) {
          say(answer.message, false, async () => {
            const added = await send(root.dataset.addUrl, [review], true);
            if (added.ok) restoreOrder(before);
          });
        }
      } else if (form.classList.contains("ws-add-form")) {
        event.preventDefault();
        const reviews = [...form.querySelectorAll("input[name=reviews]:checked")].map((box) => Number(box.value));
        const answer = await send(root.dataset.addUrl, reviews);
        if (answer.ok) say(answer.message, false, () => send(root.dataset.removeUrl, reviews));
      } else if (form.classList.contains("ws-search")) {
        event.preventDefault();
        loadPool(new URLSearchParams(new FormData(form)).toString());
      }
    });

    root.addEventListener("click", (event) => {
      const link = event.target.closest("a.ws-page-link");
      if (!link) return;
      event.preventDefault();
      loadPool(link.dataset.query);
    });

    async function loadPool(query) {
      root.dataset.state = "saving";
      poolQuery = query || "";
      try {
        const response = await fetch(`${root.dataset.poolUrl}?${query}`, { credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        const template = document.createElement("template");
        template.innerHTML = (await response.text()).trim();
        root.querySelector('[data-region="pool"]').replaceWith(template.content);
        const search = root.querySelector("#ws-pool-search");
        if (search) search.focus();
      } catch (error) {
        say(root.dataset.failed, true);
      } finally {
        saves += 1;
        root.dataset.saves = String(saves);
        root.dataset.state = "ready";
      }
    }
  }
}
