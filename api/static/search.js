// The search panel: code or name as you type, filtered by kind, OPD and document
// (`GET /api/elements?search=&kind=&opd=&dokumen=`).

import { api } from "./api.js";
import { h } from "./detail.js";
import { COLOURS } from "./graph.js";
import { KIND_ORDER, kindLabel, t } from "./i18n.js";

const LIMIT = 50;

export class Search {
  /** `hooks`: onPick(id), onChange(), onError(error). */
  constructor(root, hooks) {
    Object.assign(this, { root, hooks, documents: [], opds: new Set(), page: null });
    this.text = root.querySelector("#search");
    this.kind = root.querySelector("#f-kind");
    this.opd = root.querySelector("#f-opd");
    this.dokumen = root.querySelector("#f-dokumen");
    this.count = root.querySelector("#search-count");
    this.list = root.querySelector("#results");
    this.timer = null;
    this.abort = null;
    this.text.addEventListener("input", () => this.later());
    this.opd.addEventListener("input", () => this.later());
    for (const select of [this.kind, this.dokumen]) select.addEventListener("change", () => this.run());
  }

  /** The document and OPD choices, from `GET /api/documents` and the elements seen so far. */
  setDocuments(documents) {
    this.documents = documents;
    this.noteOpds(documents);
    this.renderOptions();
  }

  noteOpds(items) {
    const before = this.opds.size;
    for (const item of items) if (item.opd) this.opds.add(item.opd);
    if (this.opds.size !== before) {
      const list = this.root.querySelector("#opd-list");
      list.replaceChildren(...[...this.opds].sort().map((o) => h("option", { value: o })));
    }
  }

  renderOptions() {
    const kind = this.kind.value;
    this.kind.replaceChildren(h("option", { value: "" }, t("filter.all")),
      ...KIND_ORDER.map((k) => h("option", { value: k }, kindLabel(k))));
    this.kind.value = kind;
    const dokumen = this.dokumen.value;
    const label = (d) => [d.jenis, d.opd, d.tahun ?? `${d.tahun_awal}–${d.tahun_akhir}`].filter(Boolean).join(" · ");
    this.dokumen.replaceChildren(h("option", { value: "" }, t("filter.all")),
      ...this.documents.map((d) => h("option", { value: d.id, title: d.id }, label(d))));
    this.dokumen.value = dokumen;
    if (this.page) this.render();
  }

  /** The search and filters as state (`s`, `k`, `o`, `d`). */
  values() {
    return { s: this.text.value.trim(), k: this.kind.value, o: this.opd.value.trim(), d: this.dokumen.value };
  }

  restore({ s, k, o, d }) {
    Object.assign(this.text, { value: s });
    this.kind.value = k;
    this.opd.value = o;
    this.dokumen.value = d;
    if (s || k || o || d) return this.run();
  }

  later() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), 200);
  }

  async run() {
    this.hooks.onChange();
    const { s, k, o, d } = this.values();
    this.abort?.abort();
    if (!s && !k && !o && !d) { this.page = null; this.list.replaceChildren(); this.count.textContent = ""; return; }
    this.abort = new AbortController();
    try {
      const params = { search: s, kind: k, opd: o, dokumen: d, limit: LIMIT };
      this.page = await api.search(params, this.abort.signal);
    } catch (error) {
      if (error.name !== "AbortError") this.hooks.onError(error);
      return;
    }
    this.noteOpds(this.page.rows);
    this.render();
  }

  render() {
    const { rows, total } = this.page;
    this.count.textContent = !total ? t("search.none")
      : rows.length < total ? t("search.countSome", { shown: rows.length, total }) : t("search.count", { total });
    this.list.replaceChildren(...rows.map((r) => h("li", {},
      h("button", { type: "button", className: "result", title: r.id, dataset: { id: r.id }, onclick: () => this.hooks.onPick(r.id) },
        h("span", { className: "badge", style: `background:${COLOURS[r.kind] ?? "#607d8b"}` }, kindLabel(r.kind)),
        h("span", { className: "kode" }, r.kode ?? ""),
        h("span", { className: "nama" }, r.nama ?? ""),
        h("span", { className: "doc muted" }, r.dokumen)))));
  }
}
