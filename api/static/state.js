// The view as a URL hash, so that a copied link reopens it: the language, the element in focus,
// the elements expanded, the traces drawn (and whether the last is highlighted), OPD grouping,
// the search and its filters, the check and its parameters. For example
//   #lang=en&el=<id>&x=<id>&t=up:<id>&hl=1&g=1&q=orphaned_activities&p.kind=sub_kegiatan&s=puskesmas

const TEXT = ["s", "k", "o", "d"]; // search, kind, OPD, dokumen

export function readHash(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const traces = params.getAll("t").filter((t) => /^(up|down):./.test(t));
  const state = {
    lang: params.get("lang") === "en" ? "en" : "id",
    el: params.get("el"),
    x: params.getAll("x"),
    t: traces,
    hl: params.get("hl") === "1" && traces.length > 0,
    g: params.get("g") === "1",
    q: params.get("q"),
    p: {},
  };
  for (const [key, value] of params) if (key.startsWith("p.")) state.p[key.slice(2)] = value;
  for (const key of TEXT) state[key] = params.get(key) ?? "";
  return state;
}

export function writeHash(state) {
  const params = new URLSearchParams();
  if (state.lang !== "id") params.set("lang", state.lang);
  if (state.el) params.set("el", state.el);
  for (const id of state.x) params.append("x", id);
  for (const trace of state.t) params.append("t", trace);
  if (state.hl) params.set("hl", "1");
  if (state.g) params.set("g", "1");
  if (state.q) params.set("q", state.q);
  for (const [key, value] of Object.entries(state.p)) params.set(`p.${key}`, value);
  for (const key of TEXT) if (state[key]) params.set(key, state[key]);
  history.replaceState(null, "", `#${params}`);
}
