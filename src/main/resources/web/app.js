// Tarjama newsroom page. Plain ES2020, no dependencies. All text from the server or the user is
// inserted with textContent / setAttribute, never innerHTML.
"use strict";

(() => {
  const $ = (sel) => document.querySelector(sel);
  const form = $("#translate-form");
  const source = $("#source");
  const fileInput = $("#file");
  const beams = $("#beams");
  const translateButton = $("#translate");
  const statusLine = $("#status");
  const errorBox = $("#error");
  const result = $("#result");
  const rows = $("#rows");
  const stats = $("#stats");

  const EXTENSIONS = { html: "html", docx: "docx", xliff: "xlf", xliff12: "xlf", tmx: "tmx",
    csv: "csv", tsv: "tsv", md: "md", json: "json" };
  const MAX_FILE_BYTES = 1024 * 1024;
  const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const documentDownload = $("#document-download");
  const translatedFile = $("#translated-file");

  /** An .html or .docx file waiting to be translated with its markup: {file, kind: "html" | "docx"}. */
  let pendingDocument = null;

  /** The last translated document, exactly as /v1/translate returned it. */
  let lastDoc = null;

  function setStatus(text) {
    statusLine.textContent = text;
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function clearError() {
    errorBox.textContent = "";
    errorBox.hidden = true;
  }

  /** Reads an error response ({"error":{"code","message"}}) into one line for the user. */
  async function errorMessage(response) {
    try {
      const body = await response.json();
      if (body && body.error && typeof body.error.message === "string") {
        return body.error.message + (body.error.code ? " (" + body.error.code + ")" : "");
      }
    } catch (e) {
      // not JSON: fall through
    }
    return "The server answered " + response.status + " " + response.statusText;
  }

  async function loadFile(file) {
    if (!file) {
      return;
    }
    clearError();
    pendingDocument = null;
    documentDownload.hidden = true;
    const kind = /\.docx$/i.test(file.name) || file.type === DOCX ? "docx"
      : /\.html?$/i.test(file.name) || file.type === "text/html" ? "html" : "txt";
    if (kind === "txt" && file.type && file.type !== "text/plain") {
      showError("Please choose a .txt, .html or .docx file; \"" + file.name + "\" is " + file.type + ".");
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      showError("\"" + file.name + "\" is " + file.size + " bytes; the limit is " + MAX_FILE_BYTES + ".");
      return;
    }
    if (kind !== "txt") {
      pendingDocument = { file, kind };
      source.value = kind === "html" ? await file.text() : "";
      setStatus("Loaded " + file.name + " (" + (kind === "html" ? "HTML page" : "Word file")
        + "): Translate gives back the translated file.");
      return;
    }
    source.value = await file.text();
    setStatus("Loaded " + file.name + " (" + source.value.length + " characters).");
  }

  /** The translated file's name: "story.html" → "story.en.html". */
  function translatedName(name) {
    const dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(0, dot) + ".en" + name.slice(dot) : name + ".en";
  }

  /** Offers a translated file through the "Download the translated file" link. */
  function offerFile(blob, name) {
    if (translatedFile.href.startsWith("blob:")) {
      URL.revokeObjectURL(translatedFile.href);
    }
    translatedFile.href = URL.createObjectURL(blob);
    translatedFile.download = name;
    translatedFile.textContent = "Download the translated file (" + name + ")";
    documentDownload.hidden = false;
  }

  /**
   * POSTs a JSON translation request (with the chosen beams, if any); the answer's document, or null
   * after showing the error.
   */
  async function postJson(body) {
    if (beams.value !== "") {
      body.beams = Number(beams.value);
    }
    const response = await fetch("/v1/translate", {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", "Accept": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      showError(await errorMessage(response));
      return null;
    }
    return response.json();
  }

  /** Translates the pending .html (side by side plus the file) or .docx (the file). */
  async function translateDocument(pending) {
    const query = beams.value !== "" ? "?beams=" + encodeURIComponent(beams.value) : "";
    if (pending.kind === "html") {
      const doc = await postJson({ html: source.value });
      if (doc === null) {
        return false;
      }
      lastDoc = doc;
      render(doc); // resets the export links first
      offerFile(new Blob([doc.html], { type: "text/html" }), translatedName(pending.file.name));
      return true;
    }
    const response = await fetch("/v1/translate" + query, {
      method: "POST",
      headers: { "Content-Type": DOCX },
      body: pending.file,
    });
    if (!response.ok) {
      showError(await errorMessage(response));
      return false;
    }
    offerFile(await response.blob(), translatedName(pending.file.name));
    return true;
  }

  async function translate(event) {
    event.preventDefault();
    clearError();
    if (pendingDocument) {
      translateButton.disabled = true;
      setStatus("Translating " + pendingDocument.file.name + "…");
      try {
        setStatus(await translateDocument(pendingDocument) ? "Done: download the translated file." : "");
      } catch (e) {
        showError("Could not reach the server: " + e.message);
        setStatus("");
      } finally {
        translateButton.disabled = false;
      }
      return;
    }
    const text = source.value;
    if (text.trim() === "") {
      showError("Paste some Arabic text or choose a .txt file first.");
      source.focus();
      return;
    }
    translateButton.disabled = true;
    setStatus("Translating…");
    try {
      const doc = await postJson({ text });
      if (doc === null) {
        setStatus("");
        return;
      }
      lastDoc = doc;
      render(lastDoc);
      setStatus("Done.");
    } catch (e) {
      showError("Could not reach the server: " + e.message);
      setStatus("");
    } finally {
      translateButton.disabled = false;
    }
  }

  function sentenceSpan(paragraph, sentence, text, lang) {
    const span = document.createElement("span");
    const flagged = Boolean(sentence.review && sentence.review.needed);
    span.className = "s" + (sentence.split ? " split" : "") + (flagged && lang === "en" ? " review" : "");
    span.dataset.p = String(paragraph.index);
    span.dataset.s = String(sentence.index);
    span.lang = lang;
    if (lang === "ar") {
      span.tabIndex = 0; // keyboard users can step through the pairs; focus highlights like hover
    }
    span.textContent = text;
    const score = typeof sentence.score === "number" ? sentence.score.toFixed(3) : "n/a";
    span.title = "sentence " + (sentence.index + 1) + " · score " + score
      + (sentence.cached ? " · cached" : "") + (sentence.split ? " · translated in pieces" : "")
      + (flagged ? " · review: " + sentence.review.reasons.map((r) => r.message).join("; ") : "");
    return span;
  }

  function column(paragraph, lang, dir, pick) {
    const col = document.createElement("p");
    col.className = "col " + lang;
    col.lang = lang;
    col.dir = dir;
    const sentences = paragraph.sentences || [];
    if (sentences.length === 0) {
      col.textContent = pick(paragraph);
    }
    sentences.forEach((sentence, i) => {
      if (i > 0) {
        col.append(" ");
      }
      col.append(sentenceSpan(paragraph, sentence, pick(sentence), lang));
    });
    return col;
  }

  function render(doc) {
    rows.replaceChildren();
    for (const paragraph of doc.paragraphs || []) {
      const row = document.createElement("div");
      row.className = "row";
      row.dataset.p = String(paragraph.index);
      row.append(column(paragraph, "ar", "rtl", (x) => x.source),
                 column(paragraph, "en", "ltr", (x) => x.translation));
      rows.append(row);
    }
    const s = doc.stats || {};
    const model = doc.model || {};
    stats.textContent = (doc.paragraphs || []).length + " paragraphs, " + (s.sentences ?? "?") + " sentences ("
      + (s.cached ?? 0) + " from cache) in " + (s.elapsedMs ?? "?") + " ms · model " + (model.id ?? "?")
      + " revision " + (model.revision ?? "?");
    for (const link of document.querySelectorAll("a.download")) {
      if (link.href.startsWith("blob:")) {
        URL.revokeObjectURL(link.href);
      }
      link.removeAttribute("data-state");
      link.removeAttribute("download");
      link.href = "#";
    }
    result.hidden = false;
  }

  /** Highlights the sentence under the pointer (or focus) on both sides. */
  function highlight(event, on) {
    const span = event.target.closest ? event.target.closest(".s") : null;
    if (!span || !rows.contains(span)) {
      return;
    }
    const selector = '.s[data-p="' + CSS.escape(span.dataset.p) + '"][data-s="' + CSS.escape(span.dataset.s) + '"]';
    for (const el of rows.querySelectorAll(selector)) {
      el.classList.toggle("hl", on);
    }
  }

  function filenameFrom(response, format) {
    const header = response.headers.get("Content-Disposition") || "";
    const match = /filename="?([^";]+)"?/i.exec(header);
    return match ? match[1] : "translation" + (format === "xliff12" ? "-xliff12" : "") + "." + EXTENSIONS[format];
  }

  /** The JSON download's name: the slug the server gives the other formats (Exporters.slug), then .json. */
  function jsonFilename(doc) {
    const first = (doc.paragraphs || [])[0];
    let slug = String((first && first.translation) || "").normalize("NFKD").replace(/\p{M}+/gu, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (slug.length > 60) {
      const cut = slug.lastIndexOf("-", 60);
      slug = slug.substring(0, cut > 0 ? cut : 60);
    }
    return (slug || "translation") + ".json";
  }

  /** Gives the browser a Blob to save, through a temporary <a download>. */
  function save(blob, filename, link) {
    const url = URL.createObjectURL(blob);
    link.href = url;
    link.download = filename;
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    link.dataset.state = "done";
  }

  async function download(event) {
    const link = event.target.closest("a.download");
    if (!link || !lastDoc) {
      return;
    }
    if (link.dataset.state === "done") {
      return; // href and download are already the saved Blob: let the browser follow them
    }
    event.preventDefault();
    const format = link.dataset.format;
    clearError();
    if (format === "json") {
      save(new Blob([JSON.stringify(lastDoc, null, 2)], { type: "application/json" }), jsonFilename(lastDoc), link);
      return;
    }
    link.dataset.state = "busy";
    try {
      const response = await fetch("/v1/export?format=" + encodeURIComponent(format), {
        method: "POST",
        headers: { "Content-Type": "application/json; charset=utf-8" },
        body: JSON.stringify(lastDoc),
      });
      if (!response.ok) {
        link.dataset.state = "failed";
        showError("Export " + format + " failed: " + await errorMessage(response));
        return;
      }
      save(await response.blob(), filenameFrom(response, format), link);
    } catch (e) {
      link.dataset.state = "failed";
      showError("Export " + format + " failed: " + e.message);
    }
  }

  form.addEventListener("submit", translate);
  translatedFile.addEventListener("click", (event) => {
    if (!translatedFile.href.startsWith("blob:")) {
      return;
    }
    event.preventDefault(); // saved through a temporary <a download>, as the exports are
    const a = document.createElement("a");
    a.href = translatedFile.href;
    a.download = translatedFile.download;
    document.body.append(a);
    a.click();
    a.remove();
  });
  source.addEventListener("input", () => {
    if (pendingDocument && pendingDocument.kind === "docx") {
      pendingDocument = null; // typing replaces the loaded Word file
    }
  });
  $("#clear").addEventListener("click", () => {
    pendingDocument = null;
    documentDownload.hidden = true;
    source.value = "";
    rows.replaceChildren();
    result.hidden = true;
    lastDoc = null;
    clearError();
    setStatus("");
    source.focus();
  });
  fileInput.addEventListener("change", () => loadFile(fileInput.files[0]));
  source.addEventListener("dragover", (e) => {
    e.preventDefault();
    source.classList.add("dragover");
  });
  source.addEventListener("dragleave", () => source.classList.remove("dragover"));
  source.addEventListener("drop", (e) => {
    e.preventDefault();
    source.classList.remove("dragover");
    if (e.dataTransfer && e.dataTransfer.files.length > 0) {
      loadFile(e.dataTransfer.files[0]);
    }
  });
  rows.addEventListener("mouseover", (e) => highlight(e, true));
  rows.addEventListener("mouseout", (e) => highlight(e, false));
  rows.addEventListener("focusin", (e) => highlight(e, true));
  rows.addEventListener("focusout", (e) => highlight(e, false));
  $("#downloads").addEventListener("click", download);
})();
