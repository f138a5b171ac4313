// Laying out the view top-down. Up to DAGRE_MAX nodes, dagre lays out the whole view after every
// step. Past that a full dagre run takes seconds, so new nodes are placed beside the nodes they
// link to (parents one row up, children one row down) and the rest of the view stays put;
// "Tata ulang" (relayout) runs dagre on demand.

export const DAGRE_MAX = 600;
export const BIG = 800; // past this many nodes, edges are drawn the cheap way (see graph.js)
const NODE_W = 172 + 16; // node width + nodeSep
const ROW_H = 50 + 46; // node height + rankSep: dagre's distance between two ranks
const READABLE = 0.7; // node labels (10 px) are drawn down to 7 px ("min-zoomed-font-size")
const VISIBLE = 0.3; // below this a view is specks: a trace that large is shown around its focus

const levelGap = (parent, child) => Math.max(1, parent.data("level") - child.data("level"));

/** Dagre over the whole view (parents above children; kinds kept on their own rows). */
export function dagre(cy) {
  const size = cy.nodes().length;
  cy.elements().not(".dup").layout({
    name: "dagre", rankDir: "TB", nodeSep: 16, rankSep: 46, edgeSep: 8, animate: false, fit: false,
    ranker: size > 300 ? "tight-tree" : "network-simplex",
    minLen: (edge) => levelGap(edge.source(), edge.target()),
  }).run();
}

/** Lay out after a step: `fresh` holds the nodes it added (null: a new view); `whole` asks for
 * the whole view after the step (a trace) down to the zoom of VISIBLE, not READABLE. */
export function arrange(cy, focus, fresh = null, whole = false) {
  const size = cy.nodes().length;
  const lite = size > BIG;
  cy.batch(() => cy.edges().filter((e) => e.hasClass("lite") !== lite).toggleClass("lite", lite));
  if (fresh?.empty()) return undefined; // nothing new: leave the view as it is
  if (fresh && size > DAGRE_MAX) place(cy, fresh.filter((n) => !n.isParent()));
  else dagre(cy);
  const node = focus ? cy.getElementById(focus) : cy.collection();
  if ((fresh || size > 150) && node.nonempty()) return showStep(cy, node, whole ? VISIBLE : READABLE);
  cy.fit(undefined, 24);
  if (cy.zoom() > 1.1) cy.zoom(1.1).center();
}

/** After a step: the whole view when the zoom that fits it is at least `least` (an expansion
 * adds nodes below the focus, a trace above), else the focus at the zoom the user had. */
function showStep(cy, node, least) {
  const zoom = cy.zoom();
  cy.fit(undefined, 24);
  if (cy.zoom() >= least) {
    if (cy.zoom() > 1.1) cy.zoom(1.1).center();
    return undefined;
  }
  cy.zoom(zoom);
  return cy.center(node);
}

/** Put each new node next to its placed neighbours, on a free spot of its row. */
function place(cy, fresh) {
  const done = new Set(cy.nodes().not(fresh).map((n) => n.id()));
  const rows = new Map(); // row → x of the nodes in it
  const row = (y) => Math.round(y / ROW_H);
  const take = (x, y) => rows.set(row(y), [...(rows.get(row(y)) ?? []), x]);
  cy.nodes().not(fresh).filter((n) => !n.isParent()).forEach((n) => take(n.position("x"), n.position("y")));
  let todo = fresh.toArray();
  while (todo.length) {
    const left = todo.filter((n) => !placeOne(n, done, rows, take));
    if (left.length === todo.length) {
      // Linked to nothing placed yet: a row of their own under the view.
      const y = cy.nodes().not(left).boundingBox().y2 + ROW_H;
      left.forEach((n, i) => n.position({ x: i * NODE_W, y }));
      return;
    }
    todo = left;
  }
}

function placeOne(node, done, rows, take) {
  const ups = node.incomers("node").filter((p) => done.has(p.id()));
  const downs = node.outgoers("node").filter((c) => done.has(c.id()));
  if (ups.empty() && downs.empty()) return false;
  const y = ups.nonempty()
    ? Math.max(...ups.map((p) => p.position("y") + ROW_H * levelGap(p, node)))
    : Math.min(...downs.map((c) => c.position("y") - ROW_H * levelGap(node, c)));
  const near = ups.union(downs);
  const x0 = near.reduce((sum, n) => sum + n.position("x"), 0) / near.length;
  const taken = rows.get(Math.round(y / ROW_H)) ?? [];
  let x = x0;
  for (let step = 1; taken.some((tx) => Math.abs(tx - x) < NODE_W); step++) {
    x = x0 + (step % 2 ? 1 : -1) * Math.ceil(step / 2) * NODE_W;
  }
  node.position({ x, y });
  take(x, y);
  done.add(node.id());
  return true;
}
