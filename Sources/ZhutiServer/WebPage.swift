/// `GET /`: one self-contained page (no CDN, no network beyond this server): a search for
/// related articles with the phrases that explain each match, the theme x issue heatmap, and
/// a small force-directed graph of an article's neighbourhood drawn in plain SVG.
/// `?q=text` runs a search on load; `?id=article` opens that article's neighbourhood.
enum WebPage {
    static let html = #"""
<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zhuti 主题</title>
<style>
  :root { --ink: #1d2330; --muted: #667085; --line: #d8dde6; --accent: #1f5fbf; --bg: #f6f7f9; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; color: var(--ink); background: var(--bg); }
  header { padding: 10px 20px; background: #fff; border-bottom: 1px solid var(--line); display: flex; align-items: baseline; gap: 16px; }
  header h1 { margin: 0; font-size: 20px; }
  header #status { color: var(--muted); font-size: 12px; }
  main { display: grid; grid-template-columns: minmax(380px, 1fr) minmax(380px, 1fr); gap: 16px; padding: 16px 20px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; min-width: 0; }
  section h2 { margin: 0 0 8px; font-size: 15px; }
  #side { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
  #themes-section { overflow-x: auto; }
  #heatmap svg { max-width: 100%; height: auto; }
  form { display: flex; gap: 8px; }
  #query { flex: 1; padding: 6px 8px; font-size: 15px; border: 1px solid var(--line); border-radius: 4px; }
  button, select { padding: 6px 10px; font-size: 14px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
  button[type=submit] { background: var(--accent); color: #fff; border-color: var(--accent); }
  #results { list-style: none; margin: 10px 0 0; padding: 0; }
  #results li { padding: 8px 4px; border-top: 1px solid var(--line); }
  .score { display: inline-block; min-width: 46px; font-variant-numeric: tabular-nums; color: var(--accent); font-weight: 600; }
  .title { font-weight: 600; cursor: pointer; }
  .title:hover { text-decoration: underline; }
  .meta { color: var(--muted); font-size: 12px; margin-left: 46px; }
  .shared { margin-left: 46px; }
  .phrase { display: inline-block; background: #eef3fb; border: 1px solid #d3e0f5; border-radius: 3px; padding: 0 5px; margin: 2px 4px 0 0; font-size: 12px; }
  .flag { color: #b54708; font-size: 12px; margin-left: 6px; }
  .message { color: var(--muted); margin-top: 8px; }
  .error { color: #b42318; }
  #graph { width: 100%; height: 340px; border: 1px solid var(--line); border-radius: 4px; background: #fcfcfd; }
  #graph .link { stroke: #98a2b3; }
  #graph .node circle { stroke: #fff; stroke-width: 1.5; cursor: pointer; }
  #graph .node text { font-size: 11px; fill: var(--ink); pointer-events: none; }
  #article { margin-top: 8px; max-height: 110px; overflow: auto; color: #344054; white-space: pre-wrap; font-size: 13px; }
</style>
</head>
<body>
<header><h1>Zhuti 主题</h1><span id="status">loading…</span></header>
<main>
  <section id="search-section">
    <h2>Related articles 相关文章</h2>
    <form id="search">
      <input id="query" name="q" placeholder="Text or phrase, e.g. 招商引资" autocomplete="off">
      <select id="k" title="How many results"><option>5</option><option selected>10</option><option>20</option><option>50</option></select>
      <button type="submit">Search</button>
    </form>
    <div id="search-message" class="message">Type a text and press Search; click a title to see its neighbourhood.</div>
    <ol id="results"></ol>
  </section>
  <div id="side">
  <section id="graph-section">
    <h2>Neighbourhood <span id="graph-title" style="font-weight:normal;color:var(--muted)"></span></h2>
    <svg id="graph" viewBox="0 0 600 340" role="img" aria-label="neighbourhood graph"></svg>
    <div id="article"></div>
  </section>
  <section id="themes-section">
    <h2>Themes by issue 主题 × 期</h2>
    <div id="heatmap" class="message">computing themes…</div>
  </section>
  </div>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const SVGNS = "http://www.w3.org/2000/svg";

function escapeHTML(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(path, options) {
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new Error(body && body.error ? body.error : response.status + " " + response.statusText);
  return body;
}

async function loadStatus() {
  try {
    const health = await api("/health");
    $("status").textContent = `model “${health.model}”: ${health.articles} articles, ${health.dimensions} dimensions` +
      (health.foldedIn ? `, ${health.foldedIn} folded in` : "");
  } catch (error) {
    $("status").textContent = "server unavailable: " + error.message;
  }
}

function renderResults(response) {
  const list = $("results");
  list.innerHTML = "";
  if (!response.results.length) {
    $("search-message").textContent = "No related articles.";
    return;
  }
  $("search-message").textContent = `${response.results.length} related articles for “${response.query.title || response.query.id || ""}”`;
  for (const result of response.results) {
    const item = document.createElement("li");
    item.className = "result";
    item.dataset.id = result.id;
    const flag = result.duplicate ? `<span class="flag">${escapeHTML(result.duplicate)}</span>` : "";
    const phrases = (result.shared || []).map((p) => `<span class="phrase">${escapeHTML(p)}</span>`).join("");
    item.innerHTML = `<span class="score">${result.score.toFixed(3)}</span><span class="title">${escapeHTML(result.title || result.id)}</span>${flag}` +
      `<div class="meta">${escapeHTML(result.date || "undated")} · ${escapeHTML(result.issue)}${result.paper ? " · " + escapeHTML(result.paper) : ""} · ${escapeHTML(result.id)}</div>` +
      (phrases ? `<div class="shared">shared: ${phrases}</div>` : "");
    item.querySelector(".title").addEventListener("click", () => showNeighbourhood(result.id));
    list.appendChild(item);
  }
}

async function search(text) {
  const k = Number($("k").value);
  $("search-message").textContent = "searching…";
  $("search-message").classList.remove("error");
  try {
    const response = await api("/related", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, k }),
    });
    renderResults(response);
    if (response.results.length) showNeighbourhood(response.results[0].id);
  } catch (error) {
    $("results").innerHTML = "";
    $("search-message").textContent = error.message;
    $("search-message").classList.add("error");
  }
}

$("search").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("query").value.trim();
  if (!text) return;
  const url = new URL(location.href);
  url.searchParams.set("q", text);
  history.replaceState(null, "", url);
  search(text);
});

async function showNeighbourhood(id) {
  $("graph-title").textContent = "of " + id;
  try {
    const [graph, article] = await Promise.all([
      api(`/articles/${encodeURIComponent(id)}/neighbourhood?k=8`),
      api(`/articles/${encodeURIComponent(id)}`),
    ]);
    $("article").textContent = `${article.title}\n${article.date || ""} ${article.issue}\n\n${article.text.slice(0, 600)}${article.text.length > 600 ? "…" : ""}`;
    drawGraph(graph);
  } catch (error) {
    $("article").textContent = error.message;
  }
}

// A small force layout: links pull, all nodes repel, the centre is pinned in the middle.
function drawGraph(graph) {
  const svg = $("graph");
  const width = 600, height = 340;
  svg.innerHTML = "";
  const nodes = graph.nodes.map((n, i) => {
    // Start on a circle whose radius grows as the cosine to the centre falls.
    const angle = (2 * Math.PI * i) / Math.max(1, graph.nodes.length - 1);
    const radius = 70 + 150 * (1 - Math.max(0, Math.min(1, n.score)));
    return Object.assign({}, n, n.center ? { x: width / 2, y: height / 2 } : { x: width / 2 + 1.4 * radius * Math.cos(angle), y: height / 2 + radius * Math.sin(angle) });
  });
  const byID = new Map(nodes.map((n) => [n.id, n]));
  const links = graph.links.filter((l) => byID.has(l.source) && byID.has(l.target))
    .map((l) => ({ source: byID.get(l.source), target: byID.get(l.target), weight: l.weight }));
  for (let step = 0; step < 300; step++) {
    const cooling = 1 - step / 300;
    for (const a of nodes) { a.fx = 0; a.fy = 0; }
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
      const force = 9000 / d2, d = Math.sqrt(d2);
      a.fx += force * dx / d; a.fy += force * dy / d; b.fx -= force * dx / d; b.fy -= force * dy / d;
    }
    for (const l of links) {
      const dx = l.target.x - l.source.x, dy = l.target.y - l.source.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      const rest = 170 - 110 * Math.max(0, Math.min(1, l.weight));
      const force = 0.05 * (d - rest);
      l.source.fx += force * dx / d; l.source.fy += force * dy / d; l.target.fx -= force * dx / d; l.target.fy -= force * dy / d;
    }
    for (const n of nodes) {
      if (n.center) continue;
      n.x = Math.max(30, Math.min(width - 30, n.x + Math.max(-20, Math.min(20, n.fx)) * cooling));
      n.y = Math.max(20, Math.min(height - 20, n.y + Math.max(-20, Math.min(20, n.fy)) * cooling));
    }
  }
  for (const l of links) {
    const line = document.createElementNS(SVGNS, "line");
    line.setAttribute("class", "link");
    line.setAttribute("x1", l.source.x); line.setAttribute("y1", l.source.y);
    line.setAttribute("x2", l.target.x); line.setAttribute("y2", l.target.y);
    line.setAttribute("stroke-width", (0.5 + 3 * Math.max(0, l.weight)).toFixed(2));
    line.setAttribute("stroke-opacity", (0.3 + 0.6 * Math.max(0, l.weight)).toFixed(2));
    svg.appendChild(line);
  }
  for (const n of nodes) {
    const group = document.createElementNS(SVGNS, "g");
    group.setAttribute("class", "node");
    group.setAttribute("transform", `translate(${n.x},${n.y})`);
    const circle = document.createElementNS(SVGNS, "circle");
    circle.setAttribute("r", n.center ? 11 : 5 + 6 * Math.max(0, n.score));
    circle.setAttribute("fill", n.center ? "#d92d20" : `hsl(215, 65%, ${Math.round(70 - 35 * Math.max(0, n.score))}%)`);
    const title = document.createElementNS(SVGNS, "title");
    title.textContent = `${n.title}\n${n.date || ""} ${n.issue}\n${n.center ? "" : "cosine " + n.score.toFixed(3)}`;
    circle.appendChild(title);
    const label = document.createElementNS(SVGNS, "text");
    label.setAttribute("x", 9); label.setAttribute("y", 4);
    label.textContent = (n.title || n.id).slice(0, 14);
    group.appendChild(circle);
    group.appendChild(label);
    group.addEventListener("click", () => { if (!n.center) showNeighbourhood(n.id); });
    svg.appendChild(group);
  }
}

async function loadHeatmap() {
  try {
    const svg = await api("/themes.svg");
    $("heatmap").classList.remove("message");
    $("heatmap").innerHTML = svg.replace(/^<\?xml[^>]*>\s*/, "");
  } catch (error) {
    $("heatmap").textContent = "themes unavailable: " + error.message;
  }
}

const params = new URLSearchParams(location.search);
loadStatus();
loadHeatmap();
if (params.get("q")) {
  $("query").value = params.get("q");
  search(params.get("q"));
} else if (params.get("id")) {
  showNeighbourhood(params.get("id"));
}
</script>
</body>
</html>
"""#
}
