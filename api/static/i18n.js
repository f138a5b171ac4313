// Every label of the explorer, in Bahasa Indonesia (default) and English.
// Markup names a key with data-i18n (text), data-i18n-placeholder or data-i18n-title.

const DICT = {
  id: {
    "app.subtitle": "Penjelajah benang merah",
    "lang.toggle": "EN",
    "lang.toggleTitle": "Switch to English",
    "share": "Salin tautan",
    "share.done": "Tautan tampilan ini disalin",
    "token.label": "Token baca",
    "token.needed": "Server meminta token baca: isi lalu tekan Enter.",
    "stats": "{elements} elemen · {documents} dokumen · penyimpanan {store}",
    "search.title": "Cari elemen",
    "search.placeholder": "Kode atau nama, mis. puskesmas",
    "filter.kind": "Jenis",
    "filter.opd": "OPD",
    "filter.dokumen": "Dokumen",
    "filter.all": "Semua",
    "filter.opdPlaceholder": "Semua OPD",
    "search.count": "{total} hasil",
    "search.countSome": "{shown} dari {total} hasil",
    "search.none": "Tidak ada yang cocok",
    "graph.traceUp": "Telusur ke atas",
    "graph.traceDown": "Telusur ke bawah",
    "graph.clearTrace": "Hapus sorotan",
    "graph.group": "Kelompokkan per OPD",
    "graph.fit": "Paskan",
    "graph.relayout": "Tata ulang",
    "graph.clear": "Kosongkan",
    "graph.png": "Unduh PNG",
    "graph.empty": "Cari sebuah elemen lalu pilih untuk melihat benang merahnya.",
    "graph.nodes": "{nodes} simpul · {edges} sisi",
    "graph.pickFirst": "Pilih sebuah simpul dulu.",
    "graph.tooMany": "Lebih dari {max} simpul: tidak ditambah. Kosongkan atau pilih lebih sempit.",
    "graph.hint": "Klik simpul untuk membuka induk dan anaknya.",
    "graph.noLibs":
      "Pustaka grafik (Cytoscape.js) belum terpasang: jalankan `make run` atau `npm ci` di folder proyek. Pencarian dan pemeriksaan tetap bisa dipakai.",
    "trace.reached": "Rantai mencapai {n} jangkar ({anchor}).",
    "trace.broken": "Rantai putus: tidak mencapai {anchor}. Putus di {where}.",
    "trace.above": "{count} elemen di atas elemen ini.",
    "trace.down": "{count} elemen mendukung elemen ini.",
    "legend.title": "Keterangan",
    "legend.nama": "tautan menurut kemiripan nama (basis nama)",
    "legend.orphan": "kegiatan yatim",
    "legend.unsupported": "prioritas tak didukung",
    "legend.duplicate": "program ganda",
    "legend.break": "rantai putus",
    "checks.title": "Pemeriksaan",
    "checks.run": "Jalankan",
    "checks.rows": "{total} baris",
    "checks.rowsSome": "{shown} dari {total} baris",
    "checks.none": "Tidak ada temuan.",
    "checks.csv": "Unduh CSV",
    "checks.xlsx": "Unduh XLSX",
    "checks.required": "wajib",
    "checks.any": "(semua)",
    "checks.rowHint": "Klik baris untuk melihat elemennya di graf.",
    "severity.error": "galat",
    "severity.warning": "peringatan",
    "severity.info": "info",
    "detail.title": "Rincian",
    "detail.empty": "Belum ada elemen yang dipilih.",
    "detail.props": "Atribut",
    "detail.indicators": "Indikator dan target",
    "detail.pagu": "Pagu per tahun",
    "detail.provenance": "Asal data",
    "detail.parents": "Mendukung (induk)",
    "detail.children": "Didukung oleh (anak)",
    "detail.flags": "Temuan",
    "detail.none": "—",
    "detail.year": "Tahun",
    "detail.end": "Akhir periode",
    "detail.indicator": "Indikator",
    "detail.satuan": "Satuan",
    "detail.basis": "Basis",
    "detail.confidence": "Keyakinan",
    "detail.resolved": "tautan antardokumen, dari aturan rantai (tanpa baris asal)",
    "col.src_file": "Berkas",
    "col.src_sheet": "Sheet",
    "col.src_row": "Baris",
    "col.id": "id",
    "col.nama": "nama",
    "flag.orphaned_activities": "Kegiatan yatim",
    "flag.unsupported_priorities": "Prioritas tak didukung",
    "flag.duplicated_programs": "Program ganda",
    "basis.explicit": "eksplisit",
    "basis.row": "posisi baris",
    "basis.kode": "kode",
    "basis.nama": "nama",
    "basis.duplicate": "ganda",
    "error": "Galat: {message}",
    "loading": "Memuat…",
  },
  en: {
    "app.subtitle": "Plan traceability explorer",
    "lang.toggle": "ID",
    "lang.toggleTitle": "Ganti ke Bahasa Indonesia",
    "share": "Copy link",
    "share.done": "Link to this view copied",
    "token.label": "Read token",
    "token.needed": "The server asks for a read token: type it and press Enter.",
    "stats": "{elements} elements · {documents} documents · {store} store",
    "search.title": "Find an element",
    "search.placeholder": "Code or name, e.g. puskesmas",
    "filter.kind": "Kind",
    "filter.opd": "OPD",
    "filter.dokumen": "Document",
    "filter.all": "All",
    "filter.opdPlaceholder": "Any OPD",
    "search.count": "{total} results",
    "search.countSome": "{shown} of {total} results",
    "search.none": "Nothing matches",
    "graph.traceUp": "Trace to the top",
    "graph.traceDown": "Trace down",
    "graph.clearTrace": "Clear highlight",
    "graph.group": "Group by OPD",
    "graph.fit": "Fit",
    "graph.relayout": "Relayout",
    "graph.clear": "Clear",
    "graph.png": "Download PNG",
    "graph.empty": "Search for an element and pick it to see its chain.",
    "graph.nodes": "{nodes} nodes · {edges} edges",
    "graph.pickFirst": "Pick a node first.",
    "graph.tooMany": "More than {max} nodes: not added. Clear the view or narrow it.",
    "graph.hint": "Click a node to expand its parents and children.",
    "graph.noLibs":
      "The graph library (Cytoscape.js) is not installed: run `make run` or `npm ci` in the project folder. Search and checks still work.",
    "trace.reached": "The chain reaches {n} anchor(s) ({anchor}).",
    "trace.broken": "The chain breaks: it does not reach {anchor}. Broken at {where}.",
    "trace.above": "{count} elements above this one.",
    "trace.down": "{count} elements support this one.",
    "legend.title": "Legend",
    "legend.nama": "link by name match (basis nama)",
    "legend.orphan": "orphaned activity",
    "legend.unsupported": "unsupported priority",
    "legend.duplicate": "duplicated program",
    "legend.break": "chain breaks",
    "checks.title": "Checks",
    "checks.run": "Run",
    "checks.rows": "{total} rows",
    "checks.rowsSome": "{shown} of {total} rows",
    "checks.none": "No findings.",
    "checks.csv": "Download CSV",
    "checks.xlsx": "Download XLSX",
    "checks.required": "required",
    "checks.any": "(any)",
    "checks.rowHint": "Click a row to see its element in the graph.",
    "severity.error": "error",
    "severity.warning": "warning",
    "severity.info": "info",
    "detail.title": "Details",
    "detail.empty": "No element picked yet.",
    "detail.props": "Properties",
    "detail.indicators": "Indicators and targets",
    "detail.pagu": "Budget (pagu) per year",
    "detail.provenance": "Provenance",
    "detail.parents": "Supports (parents)",
    "detail.children": "Supported by (children)",
    "detail.flags": "Findings",
    "detail.none": "—",
    "detail.year": "Year",
    "detail.end": "End of period",
    "detail.indicator": "Indicator",
    "detail.satuan": "Unit",
    "detail.basis": "Basis",
    "detail.confidence": "Confidence",
    "detail.resolved": "link between documents, from the chain rules (no source row)",
    "col.src_file": "File",
    "col.src_sheet": "Sheet",
    "col.src_row": "Row",
    "col.id": "id",
    "col.nama": "name",
    "flag.orphaned_activities": "Orphaned activity",
    "flag.unsupported_priorities": "Unsupported priority",
    "flag.duplicated_programs": "Duplicated program",
    "basis.explicit": "explicit",
    "basis.row": "row position",
    "basis.kode": "code",
    "basis.nama": "name",
    "basis.duplicate": "duplicate",
    "error": "Error: {message}",
    "loading": "Loading…",
  },
};

const KINDS = {
  id: {
    visi: "Visi", misi: "Misi", tujuan: "Tujuan", sasaran: "Sasaran", strategi: "Strategi",
    arah_kebijakan: "Arah kebijakan", prioritas: "Prioritas", program: "Program",
    kegiatan: "Kegiatan", sub_kegiatan: "Sub kegiatan",
  },
  en: {
    visi: "Vision", misi: "Mission", tujuan: "Goal", sasaran: "Objective", strategi: "Strategy",
    arah_kebijakan: "Policy direction", prioritas: "Priority", program: "Programme",
    kegiatan: "Activity", sub_kegiatan: "Sub-activity",
  },
};

/** The kinds of the chain, top (visi) to bottom (sub kegiatan). */
export const KIND_ORDER = Object.keys(KINDS.id);

let lang = "id";

export const getLang = () => lang;

/** The label of `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = DICT[lang][key] ?? DICT.id[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

/** A kind as planners say it (`sub_kegiatan` → "Sub kegiatan"). */
export const kindLabel = (kind) => KINDS[lang][kind] ?? kind;

/** Switch language and relabel every marked element under `root`. */
export function setLang(next, root = document) {
  lang = next === "en" ? "en" : "id";
  document.documentElement.lang = lang;
  applyLabels(root);
}

export function applyLabels(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
}
