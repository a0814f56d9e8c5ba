// Smoke test of the newsroom page script against a tiny fake DOM (no browser, no npm packages).
// Run: node src/test/js/app-smoke.mjs src/main/resources/web/app.js   (Node 18+). Not part of the Maven build;
// the real-browser test of the HTTP layer covers the page end to end.
import fs from "node:fs";
class El {
  constructor(tag) { this.tagName = tag.toUpperCase(); this.children = []; this.parent = null; this.attrs = {};
    this.dataset = {}; this.listeners = {}; this._text = ""; this.hidden = false; this.value = ""; this.href = "#";
    const self = this; this.classList = { set: new Set(),
      add(c) { this.set.add(c); }, remove(c) { this.set.delete(c); }, contains(c) { return this.set.has(c); },
      toggle(c, on) { on ? this.set.add(c) : this.set.delete(c); } }; }
  set className(v) { this.classList.set = new Set(v.split(/\s+/).filter(Boolean)); }
  get className() { return [...this.classList.set].join(" "); }
  set textContent(v) { this.children = []; this._text = String(v); }
  get textContent() { return this._text + this.children.map((c) => typeof c === "string" ? c : c.textContent).join(""); }
  append(...nodes) { for (const n of nodes) { if (typeof n !== "string") n.parent = this; this.children.push(n); } }
  replaceChildren() { this.children = []; this._text = ""; }
  remove() { if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this); }
  addEventListener(t, f) { (this.listeners[t] ||= []).push(f); }
  async dispatch(t, ev = {}) { ev.type = t; ev.target ||= this; ev.preventDefault ||= () => { ev.defaultPrevented = true; };
    let n = this; const out = []; while (n) { for (const f of n.listeners[t] || []) out.push(f(ev)); n = n.parent; } await Promise.all(out); return ev; }
  removeAttribute(a) { if (a.startsWith("data-")) delete this.dataset[a.slice(5)]; else delete this[a]; }
  contains(o) { for (let n = o; n; n = n.parent) if (n === this) return true; return false; }
  closest(sel) { for (let n = this; n; n = n.parent) if (matches(n, sel)) return n; return null; }
  all() { const out = []; for (const c of this.children) if (typeof c !== "string") { out.push(c, ...c.all()); } return out; }
  querySelectorAll(sel) { return this.all().filter((e) => matches(e, sel)); }
  querySelector(sel) { return this.querySelectorAll(sel)[0] || null; }
  focus() {} click() { clicked.push(this); }
}
function matches(e, sel) {
  const m = /^([a-z]*)((?:[.#][\w-]+)*)((?:\[[^\]]+\])*)$/.exec(sel); if (!m) throw new Error("selector " + sel);
  if (m[1] && e.tagName !== m[1].toUpperCase()) return false;
  for (const part of m[2].match(/[.#][\w-]+/g) || []) {
    if (part[0] === "#" ? e.id !== part.slice(1) : !e.classList.contains(part.slice(1))) return false; }
  for (const a of m[3].match(/\[[^\]]+\]/g) || []) { const [, k, v] = /^\[data-([\w-]+)="(.*)"\]$/.exec(a); if (e.dataset[k] !== v) return false; }
  return true;
}
const clicked = [];
const body = new El("body");
const ids = ["translate-form", "source", "file", "beams", "translate", "status", "error", "result", "rows", "stats", "clear", "downloads"];
for (const id of ids) { const e = new El(id === "rows" ? "div" : "x"); e.id = id; body.append(e); }
const downloads = body.querySelector("#downloads");
for (const f of ["html", "docx", "csv", "json"]) { const a = new El("a"); a.className = "download"; a.dataset.format = f; downloads.append(a); }
globalThis.document = { body, querySelector: (s) => body.querySelector(s), querySelectorAll: (s) => body.querySelectorAll(s), createElement: (t) => new El(t) };
globalThis.CSS = { escape: (s) => s };
let n = 0; URL.createObjectURL = () => "blob:x" + (++n); URL.revokeObjectURL = () => {};
const doc = { model: { id: "tiny-ar-en", revision: "r1" }, stats: { sentences: 3, cached: 1, elapsedMs: 12 },
  paragraphs: [ { index: 0, start: 0, end: 5, source: "عنوان", translation: "Title <b>", sentences: [ { index: 0, start: 0, end: 5, source: "عنوان", translation: "Title <b>", score: -0.5, cached: false, split: false } ] },
    { index: 1, start: 6, end: 20, source: "جملة. أخرى.", translation: "One. Two.", sentences: [
      { index: 1, start: 6, end: 11, source: "جملة.", translation: "One.", score: -0.2, cached: true, split: false },
      { index: 2, start: 12, end: 17, source: "أخرى.", translation: "Two.", score: -0.3, cached: false, split: true } ] } ] };
const calls = [];
globalThis.fetch = async (url, init) => { calls.push([url, init]);
  if (url === "/v1/translate") { const b = JSON.parse(init.body); if (b.text === "bad") return new Response(JSON.stringify({ error: { code: "invalid_beams", message: "beams must be 1-8" } }), { status: 422 });
    return new Response(JSON.stringify(doc), { status: 200 }); }
  return new Response(new Blob(["x"]), { status: 200, headers: { "Content-Disposition": 'attachment; filename="title.' + url.split("=")[1] + '"' } }); };
new Function(fs.readFileSync(process.argv[2], "utf8"))();
const $ = (s) => body.querySelector(s);
const assert = (c, m) => { if (!c) { console.error("FAIL", m); process.exit(1); } };
$("#source").value = "   "; await $("#translate-form").dispatch("submit");
assert(!$("#error").hidden && calls.length === 0, "empty text rejected locally");
$("#source").value = "bad"; $("#beams").value = "4"; await $("#translate-form").dispatch("submit"); await new Promise((r) => setTimeout(r, 10));
assert($("#error").textContent === "beams must be 1-8 (invalid_beams)", "error message shown: " + $("#error").textContent);
assert(JSON.parse(calls[0][1].body).beams === 4, "beams sent");
$("#source").value = "عنوان\nجملة. أخرى."; $("#beams").value = ""; await $("#translate-form").dispatch("submit"); await new Promise((r) => setTimeout(r, 10));
assert($("#error").hidden, "error cleared"); assert(!("beams" in JSON.parse(calls[1][1].body)), "no beams when default");
const rows = $("#rows").querySelectorAll("div.row");
assert(rows.length === 2, "two rows"); assert(!$("#result").hidden, "result shown");
const spans = $("#rows").querySelectorAll(".s");
assert(spans.length === 6, "6 spans"); assert(spans[0].textContent === "عنوان" && spans[1].textContent === "Title <b>", "text as text");
assert(rows[1].children[0].textContent === "جملة. أخرى.", "arabic col joined: " + rows[1].children[0].textContent);
assert(rows[1].children[0].dir === "rtl" && rows[1].children[1].lang === "en", "dir/lang");
await spans[2].dispatch("mouseover"); // Arabic sentence 1 in paragraph 1
const hl = $("#rows").querySelectorAll(".s").filter((s) => s.classList.contains("hl")).map((s) => s.textContent);
assert(JSON.stringify(hl) === JSON.stringify(["جملة.", "One."]), "pair highlighted: " + hl);
await spans[2].dispatch("mouseout");
assert($("#rows").querySelectorAll(".s").every((s) => !s.classList.contains("hl")), "highlight cleared");
assert($("#stats").textContent.includes("tiny-ar-en"), "stats");
const html = downloads.querySelector("a.download[data-format=\"html\"]");
const ev = await html.dispatch("click"); await new Promise((r) => setTimeout(r, 10));
assert(ev.defaultPrevented, "click handled"); assert(calls[2][0] === "/v1/export?format=html", "export url");
assert(JSON.parse(calls[2][1].body).paragraphs.length === 2, "document posted");
assert(html.dataset.state === "done" && html.download === "title.html" && html.href.startsWith("blob:"), "link done " + html.download);
assert(clicked.length === 1 && clicked[0].download === "title.html", "temporary anchor clicked");
const js = downloads.querySelector("a.download[data-format=\"json\"]"); await js.dispatch("click");
assert(js.dataset.state === "done" && js.download === "translation.json" && calls.length === 3, "json saved locally");
console.log("app.js smoke OK");
