// The public JSON API, and nothing else. Paths are relative to the page, so the explorer also
// works behind a proxy under a sub-path. Element ids hold ':' and '/': always encoded.

const TOKEN_KEY = "selaras.token";
const URL_BUDGET = 3000; // characters of ids per subgraph request

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? body?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.type = body?.error?.type ?? "HTTPError";
  }
}

export const setToken = (token) => sessionStorage.setItem(TOKEN_KEY, token);

/** The URL of an API path with the non-empty `params` as its query string. */
export function apiUrl(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  return url;
}

async function request(path, params, signal) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(apiUrl(path, params), { headers, signal });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response;
}

const json = async (path, params, signal) => (await request(path, params, signal)).json();
const enc = encodeURIComponent;

/** `GET /api/subgraph` in batches short enough for any server's URL limit, merged. */
async function subgraph(ids, depth = 1) {
  const batches = [[]];
  let size = 0;
  for (const id of ids) {
    size += enc(id).length + 3;
    if (size > URL_BUDGET && batches.at(-1).length) { batches.push([]); size = enc(id).length + 3; }
    batches.at(-1).push(id);
  }
  const parts = await Promise.all(batches.map((b) => json("api/subgraph", { ids: b.join(","), depth })));
  const nodes = new Map(parts.flatMap((p) => p.nodes.map((n) => [n.id, n])));
  const edges = new Map(parts.flatMap((p) => p.edges.map((e) => [`${e.source}->${e.target}`, e])));
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export const api = {
  health: () => json("api/health"),
  documents: () => json("api/documents"),
  unresolved: () => json("api/documents/unresolved"),
  search: (params, signal) => json("api/elements", params, signal),
  element: (id) => json(`api/elements/${enc(id)}`),
  subgraph,
  trace: (id, direction, depth = 20) => json(`api/trace/${enc(id)}`, { direction, depth }),
  queries: () => json("api/queries"),
  query: (name, params) => json(`api/queries/${enc(name)}`, params),
  /** A query's rows as a file (`csv` or `xlsx`), the same parameters as the table. */
  file: async (name, format, params) =>
    (await request(`api/queries/${enc(name)}.${format}`, params)).blob(),
};

/** Offer `blob` (or a data URL) to the user as a download named `filename`. */
export function download(data, filename) {
  const a = document.createElement("a");
  a.href = typeof data === "string" ? data : URL.createObjectURL(data);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  if (typeof data !== "string") setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}
