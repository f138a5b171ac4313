// The explorer: wires search, graph, checks and detail together over the public API, and keeps
// the view in the URL hash (state.js) so that a link reopens it.

import { api, download, setToken } from "./api.js";
import { Checks } from "./checks.js";
import { h, renderDetail, renderEmpty } from "./detail.js";
import * as graph from "./graph.js";
import { getLang, setLang, t } from "./i18n.js";
import { Search } from "./search.js";
import { readHash, writeHash } from "./state.js";

const $ = (selector) => document.querySelector(selector);
const state = readHash();
let element = null; // the element in the detail panel, as the API gave it
let health = null;
let dupGroups = null; // id → group of duplicated_programs, loaded once one is on screen
let graphOk = false;

const search = new Search($("#search-panel"), {
  onPick: (id) => showElement(id),
  onChange: () => save(),
  onError: fail,
});
const checks = new Checks($("#checks"), {
  onRow: showRow,
  onChange: () => save(),
  suggest: (name) => (name === "dokumen" ? search.documents.map((d) => d.id)
    : name === "opd" ? [...search.opds].sort() : name === "id" && state.el ? [state.el] : []),
});

function save() {
  Object.assign(state, search.values(), { q: checks.query?.name ?? null, p: checks.params });
  writeHash(state);
}

function status(text, kind = "") {
  Object.assign($("#status"), { textContent: text, className: kind });
}

function fail(error) {
  if (error.status === 401) $("#token-box").hidden = false;
  status(t("error", { message: error.message }), "error");
}

function showCounts() {
  if (!graphOk) return;
  const { nodes, edges } = graph.counts();
  $("#counts").textContent = nodes ? t("graph.nodes", { nodes, edges }) : t("graph.empty");
}

// --- the graph view ------------------------------------------------------------------------

/** Add an API subgraph to the view: the nodes added, or null past the limit (and say so). */
function add(sub) {
  const fresh = graph.addGraph(sub);
  if (!fresh) status(t("graph.tooMany", { max: graph.MAX_NODES }), "error");
  return fresh;
}

/** Draw the view the state names: the focus and expanded elements, then the traces. */
async function drawView() {
  save();
  showDetail(state.el);
  if (!graphOk || !state.el) return;
  graph.clear();
  graph.setGrouped(state.g);
  try {
    add(await api.subgraph([...new Set([state.el, ...state.x])]));
    const traces = state.t.map((tr) => tr.split(/:(.*)/s));
    const subs = await Promise.all(traces.map(([dir, id]) => api.trace(id, dir)));
    subs.forEach(add);
    await afterChange(state.el);
    if (state.hl) highlight(traces.at(-1)[1], subs.at(-1), traces.at(-1)[0]);
  } catch (error) {
    fail(error);
  }
}

async function afterChange(focus, fresh = null, whole = false) {
  await linkDuplicates();
  graph.layout(focus, fresh, whole);
  graph.select(state.el);
  showCounts();
}

async function linkDuplicates() {
  if (!window.cy.nodes(".duplicated_programs").length) return;
  if (!dupGroups) {
    const result = await api.query("duplicated_programs", { limit: 100000 });
    dupGroups = new Map(result.rows.map((r) => [r.id, r.group]));
  }
  graph.linkDuplicates(dupGroups);
}

/** A new view centred on `id` (and `extra` elements, such as a duplicate group). */
function showElement(id, { extra = [], trace = null } = {}) {
  Object.assign(state, { el: id, x: [...new Set([id, ...extra])], t: [], hl: false });
  if (trace) Object.assign(state, { t: [`${trace}:${id}`], hl: true });
  return drawView();
}

/** Click on a node: show it, and expand its parents and children. */
async function expand(id) {
  graph.clearTrace();
  Object.assign(state, { el: id, hl: false });
  if (!state.x.includes(id)) state.x.push(id);
  graph.select(id);
  showDetail(id);
  save();
  try {
    const fresh = add(await api.subgraph([id]));
    if (fresh) await afterChange(id, fresh);
  } catch (error) {
    fail(error);
  }
}

async function trace(direction) {
  const id = state.el;
  if (!id || !graphOk) return status(t("graph.pickFirst"));
  try {
    const sub = await api.trace(id, direction);
    const fresh = add(sub);
    if (!fresh) return;
    state.t = [...state.t.filter((tr) => tr !== `${direction}:${id}`), `${direction}:${id}`];
    state.hl = true;
    save();
    await afterChange(id, fresh, true); // a trace is seen whole: where the chain goes or breaks
    highlight(id, sub, direction);
  } catch (error) {
    fail(error);
  }
}

function anchor() {
  const param = checks.find("orphaned_activities")?.parameters.find((p) => p.name === "anchor");
  return (checks.query?.name === "orphaned_activities" && checks.params.anchor) || param?.default || "RPJMD:sasaran";
}

function highlight(id, sub, direction) {
  const found = graph.highlightTrace(id, sub, direction, anchor());
  const vars = { n: found.anchors.length, count: found.count, anchor: anchor(), where: found.breaks.join("; ") };
  if (direction === "down") status(t("trace.down", vars));
  else if (found.anchors.length) status(t("trace.reached", vars), "ok");
  else if (found.judged) status(t("trace.broken", vars), "error");
  else status(t("trace.above", vars));
}

function clearHighlight() {
  graph.clearTrace();
  state.hl = false;
  save();
  status("");
}

function showRow(query, row, rows) {
  if (!row.id || row.id.split(":").length < 3) return; // a pemda, an OPD or a total: no element
  const extra = query.name === "duplicated_programs" ? rows.filter((r) => r.group === row.group).map((r) => r.id) : [];
  const up = query.name === "orphaned_activities" || query.name === "unresolved";
  showElement(row.id, { extra, trace: up ? "up" : null });
}

// --- detail, language, header --------------------------------------------------------------

async function showDetail(id) {
  const root = $("#detail-body");
  if (!id) { element = null; return renderEmpty(root); }
  try {
    element = await api.element(id);
    if (element.id === state.el) renderDetail(root, element, (other) => showElement(other));
  } catch (error) {
    fail(error);
  }
}

function showStats() {
  if (health) $("#stats").textContent = t("stats", { ...health.counts, store: health.store });
}

function relabel() {
  setLang(state.lang);
  search.renderOptions();
  checks.render();
  if (element) renderDetail($("#detail-body"), element, (other) => showElement(other));
  else renderEmpty($("#detail-body"));
  if (graphOk) graph.relabel();
  showStats();
  showCounts();
}

function bindUi() {
  const on = (selector, handler) => $(selector).addEventListener("click", handler);
  on("#lang", () => { state.lang = getLang() === "id" ? "en" : "id"; save(); relabel(); });
  on("#trace-up", () => trace("up"));
  on("#trace-down", () => trace("down"));
  on("#clear-trace", clearHighlight);
  on("#group", () => { state.g = !state.g; drawView(); });
  on("#fit", () => graphOk && window.cy.fit(undefined, 24));
  on("#relayout", () => graphOk && graph.relayout());
  on("#clear", () => { Object.assign(state, { el: null, x: [], t: [], hl: false }); graph.clear(); save(); showDetail(null); showCounts(); });
  on("#png", () => graphOk && download(graph.png(), "selaras-graf.png"));
  on("#share", async () => {
    save();
    $("#share-url").value = location.href;
    $("#share-url").hidden = false;
    $("#share-url").select();
    await navigator.clipboard?.writeText(location.href).catch(() => null);
    status(t("share.done"), "ok");
  });
  $("#token").addEventListener("keydown", (event) => {
    if (event.key === "Enter") { setToken(event.target.value.trim()); location.reload(); }
  });
}

async function start() {
  setLang(state.lang);
  bindUi();
  graphOk = await graph.createGraph($("#cy"), expand);
  if (!graphOk) {
    $("#cy").append(h("p", { className: "nolibs", dataset: { i18n: "graph.noLibs" } }, t("graph.noLibs")));
    for (const button of document.querySelectorAll("#toolbar button")) button.disabled = true;
  }
  try {
    [health] = await Promise.all([api.health(), checks.load()]);
    search.setDocuments(await api.documents());
  } catch (error) {
    fail(error);
  }
  relabel();
  await Promise.all([search.restore(state), state.q ? checks.choose(state.q, state.p, true) : null]);
  await drawView();
  document.body.dataset.ready = "1";
}

// A hash typed or pasted by hand names another view: open it afresh.
window.addEventListener("hashchange", () => location.reload());
start();
