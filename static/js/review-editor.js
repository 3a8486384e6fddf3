// The review editor: autosave to the server, a copy in localStorage, image upload.
//
// Nothing typed is lost: every change is kept in this browser (localStorage, keyed by review id)
// until the server has it, and is saved to the server a moment after typing stops. The page
// holds the version it was opened on; a save names it, so a save made elsewhere meanwhile is
// never overwritten (the server answers "conflict"; "Save draft" then shows both versions).
// On return, text kept in the browser that differs from the saved review is offered back.
(function () {
  "use strict";

  var form = document.getElementById("review-form");
  if (!form) return;
  var textarea = form.querySelector("textarea[name=body]");
  var version = form.querySelector("input[name=version]");
  var language = form.querySelector("[name=language]");
  var statusLine = document.getElementById("save-status");
  var restoreNotice = document.getElementById("restore-notice");
  var conflictNotice = document.getElementById("conflict-notice");
  var fileInput = document.getElementById("image-input");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var key = "digest:review:" + form.getAttribute("data-review-id");
  var autosaveUrl = form.getAttribute("data-autosave-url");
  var uploadUrl = form.getAttribute("data-upload-url");
  var altHint = document.getElementById("alt-hint");
  var DEBOUNCE_MS = 1500;
  var MAX_WAIT_MS = 10000;

  var lastSaved = textarea.value; // the text the server has, at `version.value`
  var timer = null;
  var firstUnsavedAt = null;
  var inFlight = null;
  var conflicted = false;
  var submitting = false;

  function message(name) {
    return form.getAttribute("data-msg-" + name) || "";
  }

  function setStatus(text, kind) {
    statusLine.textContent = text;
    statusLine.classList.toggle("is-error", kind === "error");
    statusLine.classList.toggle("is-ok", kind === "ok");
  }

  // --- the copy in this browser -------------------------------------------------------------
  function readLocal() {
    try {
      var raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch (error) {
      return null;
    }
  }

  function writeLocal() {
    try {
      window.localStorage.setItem(key, JSON.stringify({
        body: textarea.value, version: version.value, language: language.value, at: Date.now(),
      }));
    } catch (error) { /* storage full or disabled: the server copy still works */ }
  }

  function forgetLocal() {
    try { window.localStorage.removeItem(key); } catch (error) { /* nothing to forget */ }
  }

  function offerRestore() {
    var kept = readLocal();
    if (!kept || typeof kept.body !== "string") return;
    if (kept.body === textarea.value) { forgetLocal(); return; }
    restoreNotice.querySelector(".restore-when").textContent =
      "(" + message("kept-at") + " " + new Date(kept.at).toLocaleString() + ")";
    restoreNotice.hidden = false;
    restoreNotice.addEventListener("click", function (event) {
      var choice = event.target.getAttribute("data-restore");
      if (!choice) return;
      restoreNotice.hidden = true;
      if (choice === "discard") { forgetLocal(); return; }
      // Back to the text and the version it was typed on: if the review changed since, the
      // server reports a conflict and the person compares both versions.
      textarea.value = kept.body;
      if (kept.version) version.value = kept.version;
      if (kept.language) language.value = kept.language;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      saveNow();
      textarea.focus();
    });
  }

  // --- autosave ---------------------------------------------------------------------------------
  function changed() {
    if (submitting) return;
    if (textarea.value === lastSaved && !languageChanged()) return;
    writeLocal();
    if (conflicted) return;
    setStatus(message("unsaved"));
    firstUnsavedAt = firstUnsavedAt || Date.now();
    window.clearTimeout(timer);
    var wait = Math.max(0, Math.min(DEBOUNCE_MS, MAX_WAIT_MS - (Date.now() - firstUnsavedAt)));
    timer = window.setTimeout(saveNow, wait);
  }

  var savedLanguage = language.value;
  function languageChanged() {
    return language.value !== savedLanguage;
  }

  function saveNow() {
    window.clearTimeout(timer);
    if (submitting || conflicted) return;
    if (inFlight) { timer = window.setTimeout(saveNow, 500); return; }
    var body = textarea.value;
    var lang = language.value;
    if (body === lastSaved && lang === savedLanguage) return;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("body", body);
    data.append("language", lang);
    data.append("version", version.value);
    setStatus(message("saving"));
    inFlight = window.fetch(autosaveUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" },
    }).then(function (response) {
      return response.json().catch(function () { return { status: "invalid" }; });
    }).then(function (answer) {
      inFlight = null;
      if (submitting) return;
      if (answer.status === "saved") {
        version.value = answer.version;
        lastSaved = body;
        savedLanguage = lang;
        firstUnsavedAt = null;
        if (textarea.value === body) { forgetLocal(); setStatus(answer.message, "ok"); } else { changed(); }
      } else if (answer.status === "conflict") {
        conflicted = true;
        conflictNotice.hidden = false;
        setStatus(answer.message, "error");
      } else {
        setStatus(answer.message || message("local"), "error");
      }
    }, function () {
      inFlight = null;
      setStatus(message("offline"), "error");
      timer = window.setTimeout(saveNow, MAX_WAIT_MS);
    });
  }

  textarea.addEventListener("input", changed);
  language.addEventListener("change", changed);
  // markdownx changes the text itself for some keys (tab, indent) and fires this after each preview.
  document.addEventListener("markdownx.update", changed, true);
  form.addEventListener("submit", function () {
    submitting = true;
    window.clearTimeout(timer);
    writeLocal(); // kept until the page that follows shows the same text as saved
  });
  window.addEventListener("online", function () { if (!conflicted) saveNow(); });

  // --- images: drop, paste or choose a file -----------------------------------------------------
  function insertAtCursor(text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start), after = textarea.value.slice(end);
    var pad = before && !before.endsWith("\n") ? "\n\n" : "";
    textarea.value = before + pad + text + "\n" + after;
    textarea.selectionStart = textarea.selectionEnd = (before + pad + text + "\n").length;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    return (before + pad).length;
  }

  function upload(file) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("image", file);
    setStatus(message("uploading"));
    return window.fetch(uploadUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" },
    }).then(function (response) {
      return response.json().catch(function () { return {}; });
    }).then(function (answer) {
      if (answer.image_code) {
        var at = insertAtCursor(answer.image_code);
        // Ask for a description: the one made from the file name is selected, ready to be typed over.
        textarea.focus();
        textarea.setSelectionRange(at + 2, at + 2 + (answer.alt || "").length);
        setStatus(message("uploaded"), "ok");
        if (altHint) altHint.hidden = false;
      } else {
        setStatus(message("upload-failed") + " " + (answer.error || ""), "error");
      }
    }, function () {
      setStatus(message("offline"), "error");
    });
  }

  function imagesIn(list) {
    return Array.prototype.filter.call(list || [], function (file) { return /^image\//.test(file.type); });
  }

  // Capture phase on the document: we handle files before markdownx's own handlers see them.
  document.addEventListener("drop", function (event) {
    if (event.target !== textarea || !event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    event.stopPropagation();
    textarea.classList.remove("is-dragover");
    imagesIn(event.dataTransfer.files).forEach(upload);
  }, true);
  document.addEventListener("paste", function (event) {
    if (event.target !== textarea || !event.clipboardData) return;
    var files = imagesIn(event.clipboardData.files);
    if (!files.length) return;
    event.preventDefault();
    event.stopPropagation();
    files.forEach(upload);
  }, true);
  ["dragenter", "dragover"].forEach(function (type) {
    textarea.addEventListener(type, function () { textarea.classList.add("is-dragover"); });
  });
  ["dragleave", "dragend"].forEach(function (type) {
    textarea.addEventListener(type, function () { textarea.classList.remove("is-dragover"); });
  });
  fileInput.addEventListener("change", function () {
    imagesIn(fileInput.files).forEach(upload);
    fileInput.value = "";
  });

  offerRestore();
})();
