// The detail panel: every property of one element, its indicators with targets per year, its
// pagu per year, and where it and each of its links came from (file, sheet, row).

import { kindLabel, t } from "./i18n.js";

const HIDDEN = new Set(["id", "cari", "indicators", "parents", "children", "flags"]);
const TARGET_KEY = /^target_(\d{4}|akhir)$/; // a target per year, and at the end of the period
const READ_KEY = /^target_(\d{4}|akhir)_(nilai|min|max|op)$/; // what was read from a target
const INDICATOR_OWN = new Set(["element", "seq", "nama", "satuan", "satuan_asal", "dokumen"]);

/** An element node: `h("td", {className: "x"}, "text", child, …)`. */
export function h(tag, { dataset = {}, ...attrs } = {}, ...children) {
  const el = Object.assign(document.createElement(tag), attrs);
  Object.assign(el.dataset, dataset);
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export const fmt = (value) => {
  if (value === null || value === undefined || value === "") return t("detail.none");
  if (typeof value === "number") return value.toLocaleString("id-ID");
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
};

function table(head, rows, className = "") {
  return h("table", { className },
    h("thead", {}, h("tr", {}, head.map((c) => h("th", {}, c)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c))))));
}

const section = (key, ...body) => h("section", { className: `detail-${key}` }, h("h3", {}, t(`detail.${key}`)), ...body);

function properties(el) {
  const hasIndicators = (el.indicators ?? []).length > 0;
  const keys = Object.keys(el).filter((k) => {
    if (HIDDEN.has(k) || k.startsWith("src_") || k.startsWith("pagu_")) return false;
    return !(hasIndicators && k.startsWith("target_"));
  });
  return table([t("detail.props"), ""], keys.sort().map((k) => [k, fmt(el[k])]), "kv");
}

function indicators(list) {
  if (!list.length) return h("p", { className: "muted" }, t("detail.none"));
  return list.map((i) => {
    const years = Object.keys(i).filter((k) => TARGET_KEY.test(k)).sort(); // "akhir" sorts last
    const other = Object.keys(i).filter((k) => !TARGET_KEY.test(k) && !READ_KEY.test(k) && !INDICATOR_OWN.has(k)).sort();
    const head = years.map((k) => (k === "target_akhir" ? t("detail.end") : k.slice(7)));
    return h("div", { className: "indicator" },
      h("p", {}, h("strong", {}, i.nama), unit(i)),
      years.length ? table(head, [years.map((k) => target(i, k))], "years") : null,
      other.length ? h("p", { className: "muted" }, other.map((k) => `${label(k)} ${fmt(i[k])}`).join(" · ")) : null);
  });
}

/** A key of an indicator as the panel names it: its source row as "Baris", the rest as written. */
const label = (key) => (key.startsWith("src_") ? t(`col.${key}`) : key);

/** ` (%)`, or ` (%, read from the targets)` where the table had no Satuan column. */
function unit(indicator) {
  if (!indicator.satuan) return "";
  const from = indicator.satuan_asal === "target" ? `, ${t("detail.fromTargets")}` : "";
  return ` (${indicator.satuan}${from})`;
}

/** A target as written; what was read from it (`nilai`, `min`–`max`, `op`) shows on hover. */
function target(indicator, key) {
  const read = ["op", "nilai", "min", "max"]
    .filter((part) => indicator[`${key}_${part}`] !== undefined)
    .map((part) => `${part} ${fmt(indicator[`${key}_${part}`])}`);
  return h("span", { className: read.length ? "read" : "", title: read.join(" · ") }, fmt(indicator[key]));
}

function pagu(el) {
  const years = Object.keys(el).filter((k) => k.startsWith("pagu_")).sort();
  if (!years.length) return h("p", { className: "muted" }, t("detail.none"));
  return table([t("detail.year"), "Rp"], years.map((k) => [k.slice(5), fmt(el[k])]), "num");
}

function source(item, missing = "detail.resolved") {
  if (!item.src_file) return h("span", { className: "muted" }, t(missing));
  return `${t("col.src_file")} ${item.src_file} · ${t("col.src_sheet")} ${fmt(item.src_sheet)} · ${t("col.src_row")} ${fmt(item.src_row)}`;
}

function links(list, onShow) {
  if (!list.length) return h("p", { className: "muted" }, t("detail.none"));
  return h("ul", { className: "links" }, list.map((l) => h("li", { dataset: { basis: l.basis } },
    h("a", { href: "#", className: "goto", onclick: (e) => { e.preventDefault(); onShow(l.id); } }, l.id),
    h("span", {}, `${t("detail.basis")} ${t(`basis.${l.basis}`)} · ${t("detail.confidence")} ${fmt(l.confidence)}`),
    h("span", { className: "src" }, source(l)))));
}

/** Show `el` (from `GET /api/elements/{id}`) in `root`; `onShow(id)` opens a linked element. */
export function renderDetail(root, el, onShow) {
  const flags = (el.flags ?? []).map((f) => h("span", { className: `flag ${f}` }, t(`flag.${f}`)));
  const provenance = h("p", { className: "provenance" }, source(el, "detail.none"));
  root.replaceChildren(
    h("header", {},
      h("p", { className: `kind kind-${el.kind}` }, kindLabel(el.kind)),
      h("h2", {}, `${el.kode ?? ""} ${el.nama ?? ""}`.trim()),
      h("p", { className: "muted id" }, el.id),
      flags.length ? h("p", { className: "flags" }, flags) : null),
    section("provenance", provenance),
    section("indicators", indicators(el.indicators ?? [])),
    section("pagu", pagu(el)),
    section("parents", links(el.parents ?? [], onShow)),
    section("children", links(el.children ?? [], onShow)),
    section("props", properties(el)),
  );
}

export function renderEmpty(root) {
  root.replaceChildren(h("p", { className: "muted" }, t("detail.empty")));
}
