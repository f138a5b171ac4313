// The checks panel: the catalogue of `GET /api/queries`, a form per query built from its
// parameters (drop-downs for `choices`), the rows as a sortable table, CSV/XLSX downloads.

import { api, download } from "./api.js";
import { h, fmt } from "./detail.js";
import { getLang, t } from "./i18n.js";

const LIMIT = 1000;

/** Not a query of the catalogue, but listed with them: the references that link to nothing
 * now (`GET /api/documents/unresolved`), each row an element to show. */
const UNRESOLVED = {
  name: "unresolved", severity: "warning", parameters: [], local: true,
  title: { id: "Rujukan belum tertaut", en: "Unresolved references" },
  description: {
    id: "Rujukan ke dokumen lain yang belum menemukan elemen (induk, nama sasaran, kolom Sasaran RPJMD), dengan berkas, baris dan calon terdekat.",
    en: "References to other documents that find no element yet (induk, sasaran names, a Sasaran RPJMD column), with file, row and the closest candidates.",
  },
};

export class Checks {
  /** `hooks`: onRow(query, row, rows), onChange(), suggest(param) → values for a datalist. */
  constructor(root, hooks) {
    Object.assign(this, { root, hooks, catalogue: [], query: null, params: {}, result: null });
    this.sort = { column: null, dir: 1 };
    this.tabs = root.querySelector("#catalogue");
    this.form = root.querySelector("#query-form");
    this.bar = root.querySelector("#result-bar");
    this.table = root.querySelector("#result-table");
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.run(); });
  }

  async load() {
    this.catalogue = [...await api.queries(), UNRESOLVED];
    this.renderTabs();
  }

  find = (name) => this.catalogue.find((q) => q.name === name);

  /** Choose a query, optionally with parameter values (from the URL); run it when `run`. */
  choose(name, params = {}, run = false) {
    this.query = this.find(name) ?? null;
    this.params = { ...params };
    this.result = null;
    this.sort = { column: null, dir: 1 };
    this.render();
    if (this.query && run) return this.run();
  }

  title = (q) => q.title[getLang()] ?? q.title.id;

  desc = (q) => q.description[getLang()] ?? q.description.id;

  renderTabs() {
    this.tabs.replaceChildren(...this.catalogue.map((q) => h("button", {
      type: "button", className: `tab ${q.severity ?? "info"}${q === this.query ? " active" : ""}`,
      title: this.desc(q), dataset: { query: q.name }, onclick: () => this.choose(q.name),
    }, this.title(q), q.severity ? h("span", { className: "sev" }, t(`severity.${q.severity}`)) : null)));
  }

  render() {
    this.renderTabs();
    this.renderForm();
    this.renderResult();
  }

  renderForm() {
    if (!this.query) return this.form.replaceChildren();
    const fields = this.query.parameters.map((p) => h("label", {},
      h("span", {}, p.name, p.required ? h("em", {}, ` (${t("checks.required")})`) : null),
      this.input(p)));
    const run = h("button", { type: "submit", className: "primary" }, t("checks.run"));
    this.form.replaceChildren(h("p", { className: "muted desc" }, this.desc(this.query)), ...fields, run);
  }

  input(p) {
    const value = this.params[p.name] ?? (p.default ?? "");
    if (p.choices) {
      const options = [h("option", { value: "" }, t("checks.any")),
        ...p.choices.map((c) => h("option", { value: String(c) }, String(c)))];
      const select = h("select", { name: p.name }, options);
      select.value = String(value);
      return select;
    }
    const suggestions = this.hooks.suggest(p.name);
    const input = h("input", {
      name: p.name, value: String(value), required: p.required,
      type: p.type === "int" ? "number" : "text",
    });
    if (suggestions.length) {
      const list = h("datalist", { id: `dl-${p.name}` }, suggestions.map((s) => h("option", { value: s })));
      input.setAttribute("list", list.id);
      return h("span", {}, input, list);
    }
    return input;
  }

  formParams() {
    const params = {};
    for (const [key, value] of new FormData(this.form)) if (value !== "") params[key] = value;
    return params;
  }

  async run() {
    this.params = this.formParams();
    this.hooks.onChange();
    this.bar.replaceChildren(t("loading"));
    try {
      this.result = this.query.local ? await unresolved() : await api.query(this.query.name, { ...this.params, limit: LIMIT });
    } catch (error) {
      this.result = null;
      this.bar.replaceChildren(h("span", { className: "error" }, t("error", { message: error.message })));
      return;
    }
    this.renderResult();
  }

  rows() {
    const { column, dir } = this.sort;
    const rows = [...this.result.rows];
    if (column) rows.sort((a, b) => dir * compare(a[column], b[column]));
    return rows;
  }

  renderResult() {
    if (!this.result) { this.table.replaceChildren(); this.bar.replaceChildren(); return; }
    const { columns, total } = this.result;
    const shown = this.result.rows.length;
    const count = shown < total ? t("checks.rowsSome", { shown, total }) : t("checks.rows", { total });
    const files = (this.query.local ? [] : ["csv", "xlsx"]).map((format) => h("button", {
      type: "button", className: `export-${format}`, onclick: () => this.download(format),
    }, t(`checks.${format}`)));
    this.bar.replaceChildren(h("strong", {}, count), " ", ...files,
      h("span", { className: "muted" }, total ? t("checks.rowHint") : t("checks.none")));
    const arrow = (c) => (this.sort.column === c ? (this.sort.dir > 0 ? " ▲" : " ▼") : "");
    const head = h("tr", {}, columns.map((c) => h("th", { onclick: () => this.sortBy(c), dataset: { column: c } }, c + arrow(c))));
    const body = this.rows().map((row) => h("tr", {
      dataset: { id: row.id ?? "" }, onclick: () => this.hooks.onRow(this.query, row, this.result.rows),
    }, columns.map((c) => h("td", { className: typeof row[c] === "number" ? "num" : "" }, fmt(row[c])))));
    this.table.replaceChildren(h("thead", {}, head), h("tbody", {}, body));
  }

  sortBy(column) {
    this.sort = { column, dir: this.sort.column === column ? -this.sort.dir : 1 };
    this.renderResult();
  }

  async download(format) {
    try {
      download(await api.file(this.query.name, format, this.params), `${this.query.name}.${format}`);
    } catch (error) {
      this.bar.append(h("span", { className: "error" }, t("error", { message: error.message })));
    }
  }
}

async function unresolved() {
  const rows = await api.unresolved();
  return { columns: Object.keys(rows[0] ?? {}), rows, total: rows.length };
}

/** Numbers as numbers, empty last, text by the Indonesian collation. */
function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "id", { numeric: true });
}
