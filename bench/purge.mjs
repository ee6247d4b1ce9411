// The purge benchmark's measurements (run by bench/purge.sh): how long after the newsroom's change an anonymous
// reader of the gateway's cached answers sees it — a takedown as 404, a correction's new text, a publication found
// by a search asked (and cached) before. Each round warms the cache first (every URL read twice), makes the change,
// and polls the URLs until all of them show it. Prints one JSON line with the latencies in milliseconds.
const [site, editorToken, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText ?? 30);
const pollEvery = 5; // ms
const give = 15000; // ms: a round that takes longer counts as failed

const api = async (method, path, body, headers = {}) => {
  const response = await fetch(site + path, {
    method, headers: { "Content-Type": "application/json", Authorization: `Bearer ${editorToken}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return { json: response.status === 204 ? null : await response.json(), etag: response.headers.get("etag") };
};
const anonymous = async (path) => { const r = await fetch(site + path); return { status: r.status, text: await r.text() }; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const word = () => "q" + Math.random().toString(36).slice(2, 10).replace(/[0-9]/g, "x");

async function publish(headline, body) {
  const drafted = await api("POST", "/api/newsroom/articles", { headline, body, section: "national", subsection: "society" });
  const published = await api("POST", `/api/newsroom/articles/${drafted.json.id}/publish`, {}, { "If-Match": drafted.etag });
  return { id: drafted.json.id, slug: published.json.slug };
}
const version = async (id) => (await api("GET", `/api/newsroom/articles/${id}`)).etag;
const warm = async (paths) => { for (const p of paths) { await anonymous(p); await anonymous(p); } };

async function until(paths, seen) {
  const start = performance.now();
  const pending = new Set(paths);
  while (pending.size > 0) {
    if (performance.now() - start > give) return null;
    await Promise.all([...pending].map(async (p) => { if (seen(await anonymous(p))) pending.delete(p); }));
    if (pending.size > 0) await sleep(pollEvery);
  }
  return performance.now() - start;
}

const results = { takedown: [], correction: [], publishToCachedSearch: [], searchable: [], failed: 0 };
for (let round = 0; round < rounds; round++) {
  // Takedown → 404 for the article's answer and its page.
  const gone = await publish(`Purge bench takedown ${word()}`, "<p>Soon gone.</p>");
  const goneUrls = [`/api/articles/${gone.slug}`, `/articles/${gone.slug}`];
  await warm(goneUrls);
  await api("POST", `/api/newsroom/articles/${gone.id}/unpublish`, { reason: "bench" }, { "If-Match": await version(gone.id) });
  const takedown = await until(goneUrls, (r) => r.status === 404);
  if (takedown === null) results.failed++; else results.takedown.push(takedown);

  // Correction → the new text in the answer and the page.
  const fixed = word();
  const wrong = await publish(`Purge bench correction ${word()}`, "<p>The first figure.</p>");
  const fixedUrls = [`/api/articles/${wrong.slug}`, `/articles/${wrong.slug}`];
  await warm(fixedUrls);
  const copy = (await api("GET", `/api/newsroom/articles/${wrong.id}`)).json;
  await api("PUT", `/api/newsroom/articles/${wrong.id}`,
    { headline: copy.headline, body: `<p>The figure ${fixed}.</p>`, section: "national", subsection: "society", correctionNote: "bench" },
    { "If-Match": await version(wrong.id) });
  const correction = await until(fixedUrls, (r) => r.status === 200 && r.text.includes(fixed));
  if (correction === null) results.failed++; else results.correction.push(correction);

  // Publication → found by a search asked (and cached) before, in the API and on the site's search page.
  const term = word();
  const searchUrls = [`/api/search?q=${term}`, `/search?q=${term}`];
  await warm(searchUrls);
  await publish(`Purge bench search ${term}`, "<p>Findable.</p>");
  // Beside it, the same search never asked before (a query string no cache holds): when the article became searchable.
  const fresh = (async () => {
    const start = performance.now();
    while (performance.now() - start < give) {
      const r = await anonymous(`/api/search?q=${term}&fresh=${Math.random().toString(36).slice(2)}`);
      if (r.text.includes('"total":1')) return performance.now() - start;
      await sleep(pollEvery);
    }
    return null;
  })();
  const found = await until(searchUrls, (r) => r.status === 200 && (r.text.includes('"total":1') || r.text.includes("1 article found")));
  if (found === null) results.failed++; else results.publishToCachedSearch.push(found);
  const searchable = await fresh;
  if (searchable !== null) results.searchable.push(searchable);
}
console.log(JSON.stringify(results));
