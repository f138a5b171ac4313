// The graph view: Cytoscape.js with a top-down dagre layout (visi at the top, sub kegiatan at
// the bottom). Edges are drawn parent → child for the layout, with the arrow at the parent:
// "this child supports that parent". The view only grows by steps (pick, expand, trace).

import { kindLabel, t } from "./i18n.js";
import { BIG, arrange, dagre } from "./layout.js";

export const MAX_NODES = 3000;
const LEVELS = {
  visi: 9, misi: 8, tujuan: 7, sasaran: 6, prioritas: 6, strategi: 5, arah_kebijakan: 5,
  program: 4, kegiatan: 3, sub_kegiatan: 2,
};
export const COLOURS = {
  visi: "#311b92", misi: "#4527a0", tujuan: "#283593", sasaran: "#1565c0", strategi: "#00695c",
  arah_kebijakan: "#00796b", prioritas: "#2e7d32", program: "#5d7f1f", kegiatan: "#6d4c41",
  sub_kegiatan: "#546e7a",
};
const FLAG_COLOURS = {
  orphaned_activities: "#d50000", unsupported_priorities: "#ff6d00", duplicated_programs: "#aa00ff",
};
const BASIS_COLOURS = { explicit: "#455a64", row: "#78909c", kode: "#78909c", nama: "#8d6e63" };

let cy = null;
let grouped = false;
let cullTimer = null;

/** Load Cytoscape and dagre from /vendor (npm); false when they are not installed. */
export async function createGraph(container, onTap) {
  let cytoscape, plugin;
  try {
    cytoscape = (await import("./vendor/cytoscape/dist/cytoscape.esm.min.mjs")).default;
    plugin = (await import("./vendor/cytoscape-dagre/dist/cytoscape-dagre.mjs")).default;
  } catch {
    return false;
  }
  cytoscape.use(plugin);
  cy = cytoscape({
    container, style: STYLE, minZoom: 0.05, maxZoom: 3, pixelRatio: 1,
    textureOnViewport: true, motionBlur: false, boxSelectionEnabled: false,
  });
  cy.on("tap", "node[kind != 'opd']", (event) => onTap(event.target.id()));
  cy.on("viewport", () => { clearTimeout(cullTimer); cullTimer = setTimeout(cullEdges, 150); });
  window.cy = cy;
  return true;
}

export const has = (id) => cy?.getElementById(id).nonempty() ?? false;
export const counts = () => ({ nodes: cy.nodes("[kind != 'opd']").length, edges: cy.edges().length });

function nodeJson(n) {
  const jenis = n.dokumen_jenis ?? "";
  const name = String(n.nama ?? "");
  const short = name.length > 40 ? `${name.slice(0, 38)}…` : name;
  const label = `${jenis} ${n.kode ?? ""}`.trim() + `\n${short}`;
  const data = {
    id: n.id, kind: n.kind, level: n.level ?? LEVELS[n.kind] ?? 1, label, base: label,
    opd: n.opd ?? "", dokumen: n.dokumen, jenis, flags: n.flags ?? [],
  };
  if (grouped && n.opd) data.parent = opdGroup(n.opd);
  return { group: "nodes", data, classes: (n.flags ?? []).join(" ") };
}

function edgeJson(e) {
  // API edges run child (source) → parent (target); drawn parent → child for the layout.
  const basis = String(e.basis ?? "");
  return {
    group: "edges",
    data: {
      id: `${e.source}->${e.target}`, source: e.target, target: e.source, child: e.source,
      basis, label: basis ? t(`basis.${basis}`) : "", confidence: e.confidence,
    },
  };
}

/** Add `{nodes, edges}` from the API: the nodes added, or null (nothing) past MAX_NODES. */
export function addGraph(sub) {
  const fresh = sub.nodes.filter((n) => !has(n.id));
  if (counts().nodes + fresh.length > MAX_NODES) return null;
  let added = null;
  cy.batch(() => {
    if (grouped) ensureGroups(fresh);
    added = cy.add(fresh.map(nodeJson));
    for (const n of sub.nodes) updateFlags(cy.getElementById(n.id), n.flags ?? []);
    const edges = sub.edges.map(edgeJson).filter((e) => !has(e.data.id));
    cy.add(edges.filter((e) => has(e.data.source) && has(e.data.target)));
  });
  return added;
}

function updateFlags(node, flags) {
  node.data("flags", flags);
  for (const flag of Object.keys(FLAG_COLOURS)) node.toggleClass(flag, flags.includes(flag));
}

/** Link the programs of each duplicate group that are on screen (`groups`: id → group). */
export function linkDuplicates(groups) {
  const byGroup = new Map();
  for (const node of cy.nodes(".duplicated_programs")) {
    const group = groups.get(node.id());
    if (group) byGroup.set(group, [...(byGroup.get(group) ?? []), node.id()]);
  }
  cy.batch(() => {
    for (const ids of byGroup.values()) {
      for (let i = 1; i < ids.length; i++) {
        const id = `dup:${ids[i - 1]}~${ids[i]}`;
        if (has(id)) continue;
        cy.add({ group: "edges", classes: "dup",
          data: { id, source: ids[i - 1], target: ids[i], label: t("basis.duplicate") } });
      }
    }
  });
}

export function clear() {
  cy.elements().remove();
}

/** Lay out after a step (`fresh`: the nodes it added), or the whole view (`fresh` null);
 * `whole`: show the whole view after the step (a trace) where it fits at all. */
export function layout(focus, fresh = null, whole = false) {
  arrange(cy, focus, fresh, whole);
  cullEdges();
}

/** In a big view, hide the edges between two nodes off screen: drawing thousands of long
 * edges across the screen is what makes a big view slow, and they tell nothing there. */
function cullEdges() {
  if (cy.nodes().length <= BIG) return cy.edges(".far").removeClass("far");
  const { x1, x2, y1, y2 } = cy.extent();
  const inside = (node) => {
    const { x, y } = node.position();
    return x >= x1 && x <= x2 && y >= y1 && y <= y2;
  };
  cy.batch(() => cy.edges().forEach((edge) => {
    const far = !inside(edge.source()) && !inside(edge.target());
    if (far !== edge.hasClass("far")) edge.toggleClass("far", far);
  }));
}

/** Dagre over the whole view, however large (seconds past a few thousand nodes). */
export function relayout() {
  dagre(cy);
  cy.fit(undefined, 24);
  cullEdges();
}

export function select(id) {
  cy.$(":selected").unselect();
  cy.getElementById(id).select();
}

// --- trace highlighting --------------------------------------------------------------------

const isAnchor = (node, anchor) => {
  const [jenis, kind] = anchor.split(":");
  return node.data("jenis") === jenis && node.data("kind") === kind;
};

/** Highlight a trace. Upwards, mark the anchors reached; when an element at or below the
 * anchors' level reaches none, mark the highest elements it does reach: there the chain breaks
 * (as `orphaned_activities` reports it). */
export function highlightTrace(startId, sub, direction, anchor) {
  clearTrace();
  const ids = new Set([startId, ...sub.nodes.map((n) => n.id)]);
  const nodes = cy.nodes().filter((n) => ids.has(n.id()));
  const edgeIds = new Set(sub.edges.map((e) => `${e.source}->${e.target}`));
  const edges = cy.edges().filter((e) => edgeIds.has(e.id()));
  const path = nodes.union(edges);
  cy.batch(() => {
    cy.elements().not(path).not(".opd-group").addClass("faded"); // a box fades its members too
    path.addClass("path");
  });
  const found = { direction, count: ids.size - 1, anchors: [], breaks: [], judged: false };
  if (direction !== "up") return found;
  const start = cy.getElementById(startId);
  const anchors = nodes.filter((n) => isAnchor(n, anchor));
  found.judged = !isAnchor(start, anchor) && start.data("level") <= LEVELS[anchor.split(":")[1]];
  const breaks = found.judged && anchors.empty()
    ? nodes.filter((n) => n.incomers("edge").intersection(edges).empty()) : cy.collection();
  cy.batch(() => {
    anchors.addClass("anchor");
    breaks.addClass("break");
    breaks.forEach((n) => n.data("label", `✂ ${n.data("base")}`));
  });
  return { ...found, anchors: anchors.map(describe), breaks: breaks.map(describe) };
}

export function clearTrace() {
  cy.batch(() => {
    cy.$(".faded, .path, .anchor").removeClass("faded path anchor");
    cy.nodes(".break").forEach((n) => n.data("label", n.data("base"))).removeClass("break");
  });
}

const describe = (n) => `${kindLabel(n.data("kind"))} ${n.data("base").split("\n")[0]}`;

// --- OPD groups ----------------------------------------------------------------------------

const opdGroup = (opd) => `opd:${opd}`;

function ensureGroups(nodes) {
  const wanted = new Set(nodes.map((n) => n.opd).filter(Boolean));
  for (const opd of wanted) {
    if (!has(opdGroup(opd))) cy.add({ group: "nodes", data: { id: opdGroup(opd), kind: "opd", label: opd, level: 0 }, classes: "opd-group" });
  }
}

/** Put the nodes of each OPD in one box (on) or take them out again (off). */
export function setGrouped(on) {
  grouped = on;
  cy.batch(() => {
    const members = cy.nodes("[kind != 'opd']");
    if (on) {
      ensureGroups(members.map((n) => n.data()));
      members.filter((n) => n.data("opd")).forEach((n) => n.move({ parent: opdGroup(n.data("opd")) }));
    } else {
      members.filter((n) => n.isChild()).forEach((n) => n.move({ parent: null }));
      cy.nodes(".opd-group").remove();
    }
  });
}

export const isGrouped = () => grouped;

/** The current view, every edge included, as a PNG data URL. */
export function png() {
  cy.edges(".far").removeClass("far");
  const url = cy.png({ full: true, scale: 2, bg: "#ffffff", maxWidth: 6000, maxHeight: 6000 });
  cullEdges();
  return url;
}

/** Relabel edges after a language switch. */
export function relabel() {
  cy.edges().forEach((e) => {
    const basis = e.hasClass("dup") ? "duplicate" : e.data("basis");
    if (basis) e.data("label", t(`basis.${basis}`));
  });
}

const STYLE = [
  { selector: "node", style: {
    shape: "round-rectangle", width: 172, height: 50, label: "data(label)", color: "#fff",
    "font-size": 10, "text-wrap": "wrap", "text-max-width": 162, "text-valign": "center",
    "text-halign": "center", "min-zoomed-font-size": 7, "background-color": "#607d8b",
    "border-width": 0, "underlay-padding": 7, "underlay-opacity": 0, "underlay-shape": "round-rectangle",
  } },
  ...Object.entries(COLOURS).map(([kind, colour]) => (
    { selector: `node[kind = "${kind}"]`, style: { "background-color": colour } })),
  { selector: "node.opd-group", style: {
    "background-color": "#eceff1", "background-opacity": 0.6, "border-width": 1,
    "border-color": "#b0bec5", color: "#37474f", "font-size": 13, "text-valign": "top",
    "text-halign": "center", "text-wrap": "none", "min-zoomed-font-size": 4, shape: "round-rectangle",
  } },
  { selector: "edge", style: {
    width: 1.5, "line-color": "#90a4ae", "curve-style": "bezier", "source-arrow-shape": "triangle",
    "source-arrow-color": "#90a4ae", "arrow-scale": 0.9, label: "data(label)", "font-size": 8,
    color: "#455a64", "min-zoomed-font-size": 9, "text-background-color": "#fff",
    "text-background-opacity": 0.85, "text-background-padding": 1,
  } },
  ...Object.entries(BASIS_COLOURS).map(([basis, colour]) => ({
    selector: `edge[basis = "${basis}"]`,
    style: { "line-color": colour, "source-arrow-color": colour },
  })),
  { selector: "edge.lite", style: { "curve-style": "haystack", "source-arrow-shape": "none" } },
  { selector: "edge.far", style: { display: "none" } },
  { selector: 'edge[basis = "nama"]', style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
  { selector: "edge.dup", style: {
    "line-color": FLAG_COLOURS.duplicated_programs, "line-style": "dotted", width: 2.5,
    "source-arrow-shape": "none", "curve-style": "unbundled-bezier", color: FLAG_COLOURS.duplicated_programs,
  } },
  ...Object.entries(FLAG_COLOURS).map(([flag, colour]) => ({
    selector: `node.${flag}`,
    style: { "border-width": 4, "border-color": colour, "underlay-color": colour, "underlay-opacity": 0.35 },
  })),
  { selector: "node.duplicated_programs", style: { "border-style": "dashed" } },
  { selector: ".faded", style: { opacity: 0.22 } },
  { selector: "edge.path", style: {
    width: 3.5, "line-color": "#f9a825", "source-arrow-color": "#f9a825", "z-index": 9,
  } },
  { selector: "node.path", style: { "underlay-color": "#fdd835", "underlay-opacity": 0.75 } },
  { selector: "node.anchor", style: { "underlay-color": "#00c853", "underlay-opacity": 0.8, "underlay-padding": 10 } },
  { selector: "node.break", style: {
    "border-width": 4, "border-style": "double", "border-color": "#000", "underlay-color": "#d50000",
    "underlay-opacity": 0.8, "underlay-padding": 10,
  } },
  // A finding's border colour wins over the trace's marks.
  ...Object.entries(FLAG_COLOURS).map(([flag, colour]) => ({ selector: `node.${flag}`, style: { "border-color": colour } })),
  { selector: "node:selected", style: { "overlay-color": "#000", "overlay-opacity": 0.18, "overlay-padding": 5 } },
];
