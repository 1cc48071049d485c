/* eventledger web UI: map, timeline, event list, document view with evidence, review.
 *
 * Everything that comes from a document or a reviewer is put on the page as text
 * (textContent / createTextNode), never as HTML: a report may contain markup or script.
 * The server's Content-Security-Policy allows scripts from this origin only, as a second guard.
 */
"use strict";

const COLOURS = {
  ASSAULT: "#c0392b", PROTEST: "#e67e22", COERCE: "#8e44ad", MOBILIZE: "#2c3e50", THREATEN: "#d35400",
  SANCTION: "#7f8c8d", ACCUSE: "#b7950b", REQUEST: "#16a085", REJECT: "#a04000", RETREAT: "#27ae60",
  AID: "#2e86de", COOPERATE: "#1abc9c", CONCEDE: "#58d68d", SUPPORT: "#5dade2", CONSULT: "#3498db",
  AGREE: "#229954", OTHER: "#95a5a6",
};
const colour = (t) => COLOURS[t] || "#95a5a6";
const PAGE = 50;

const state = { offset: 0, items: [], total: 0, selected: null, user: null, vocab: null, timeline: [],
  picked: new Set(), incidentOffset: 0, incident: null, detached: [] };
const $ = (sel) => document.querySelector(sel);

/** An element with text children only; `props` may set className, title, type, value, dataset. */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "style") Object.assign(node.style, v);
    else node[k] = v;
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function token() { return sessionStorage.getItem("eventledger-token") || ""; }

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.auth) headers.Authorization = `Bearer ${token()}`;
  const res = await fetch(path, { method: options.method || "GET", headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const d = data.detail;
    // A 422 from a query parameter names it (loc ["query", "date_from"]), so the message says which field.
    const where = (x) => (Array.isArray(x.loc) && x.loc.length > 1 ? `${x.loc.slice(1).join(".")}: ` : "");
    throw new Error(typeof d === "string" ? d : Array.isArray(d) ? d.map((x) => where(x) + x.msg).join("; ") : res.statusText);
  }
  return data;
}

// -- filters -----------------------------------------------------------------------------------
function filterParams({ withDates = true } = {}) {
  const p = new URLSearchParams();
  const v = (id) => $(id).value.trim();
  if (v("#f-type")) p.append("type", v("#f-type"));
  if (v("#f-status")) p.append("status", v("#f-status"));
  if (v("#f-decision")) p.append("decision", v("#f-decision"));
  if (v("#f-country")) p.append("country", v("#f-country"));
  for (const [id, name] of [["#f-text", "text"], ["#f-actor", "actor"], ["#f-place", "place"], ["#f-admin", "admin"]]) {
    if (v(id)) p.append(name, v(id));
  }
  // Dates go to the API as typed: a bad one comes back as a 422 whose message the page shows.
  if (withDates && v("#f-from")) p.append("date_from", v("#f-from"));
  if (withDates && v("#f-to")) p.append("date_to", v("#f-to"));
  if ($("#f-rejected").checked) p.append("include_rejected", "true");
  return p;
}

const URL_FILTERS = [["type", "#f-type"], ["status", "#f-status"], ["decision", "#f-decision"], ["text", "#f-text"],
  ["actor", "#f-actor"], ["place", "#f-place"], ["country", "#f-country"], ["admin", "#f-admin"],
  ["date_from", "#f-from"], ["date_to", "#f-to"]];

/** The filters as the address bar's query string (replaceState: no history entry per keystroke). */
function syncUrl() {
  const q = filterParams().toString();
  history.replaceState(null, "", `${location.pathname}${q ? `?${q}` : ""}${location.hash}`);
}

/** Fill the filter form from the address (a shared or reloaded link shows the same selection). */
function restoreFilters() {
  const q = new URLSearchParams(location.search);
  for (const [name, id] of URL_FILTERS) {
    const value = q.get(name);
    if (value === null) continue;
    const input = $(id);
    if (input.tagName === "SELECT" && ![...input.options].some((o) => o.value === value)) input.append(el("option", { value }, value));
    input.value = value;
  }
  $("#f-rejected").checked = q.get("include_rejected") === "true";
}

/** Countries seen in the facets join the Country filter's options (kept: a chosen one narrows the facets). */
function addCountries(codes) {
  const select = $("#f-country");
  const have = new Set([...select.options].map((o) => o.value));
  const all = [...new Set([...have, ...codes.filter((c) => c && c !== "null")])].filter(Boolean).sort();
  if (all.length === have.size - 1) return;
  const chosen = select.value;
  fillSelect(select, all);
  select.value = chosen;
}

function fillSelect(select, values, keepFirst = true) {
  while (select.options.length > (keepFirst ? 1 : 0)) select.remove(select.options.length - 1);
  for (const v of values) select.append(el("option", { value: v }, v));
}

// -- map ---------------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 14 }).setView([20, 20], 2);
const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
map.addLayer(cluster);
fetch("/static/vendor/world/countries-110m.geojson").then((r) => r.json()).then((world) => {
  // Antarctica's outline turns into a band along the bottom edge in Web Mercator: leave it out.
  world.features = world.features.filter((f) => f.properties.name !== "Antarctica");
  L.geoJSON(world, { interactive: false, style: { color: "#8a98a8", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 } })
    .addTo(map).bringToBack();
}).catch(() => {});

function markerFor([id, lat, lon, type, date]) {
  const dot = el("div", { className: "mk", style: { background: colour(type), width: "14px", height: "14px" } });
  const icon = L.divIcon({ html: dot, className: `mk-wrap type-${type}`, iconSize: [14, 14] });
  const m = L.marker([lat, lon], { icon, title: `${type} ${date || ""} #${id}` });
  m.on("click", () => openEvent(id));
  return m;
}

let fitted = false;
async function loadPoints() {
  const data = await api(`/api/points?${filterParams()}`);
  cluster.clearLayers();
  cluster.addLayers(data.points.map(markerFor));
  if (!fitted && data.points.length) {
    fitted = true;
    map.fitBounds(L.latLngBounds(data.points.map((p) => [p[1], p[2]])).pad(0.3), { maxZoom: 6 });
  }
  document.body.dataset.points = String(data.points.length);
}

// -- legend and timeline -------------------------------------------------------------------------
function renderLegend(types) {
  if ($("#f-type").options.length <= 1) fillSelect($("#f-type"), Object.keys(types).sort());
  const box = $("#legend");
  box.replaceChildren();
  const chosen = $("#f-type").value;
  for (const [t, n] of Object.entries(types)) {
    const b = el("button", { type: "button", className: chosen && chosen !== t ? "off" : "", title: `show ${t} only` },
      el("span", { className: "swatch", style: { background: colour(t) } }), `${t} ${n}`);
    b.addEventListener("click", () => { $("#f-type").value = chosen === t ? "" : t; refresh(); });
    box.append(b);
  }
}

function renderTimeline(rows) {
  state.timeline = rows;
  const svg = $("#timeline");
  svg.replaceChildren();
  const W = svg.clientWidth || 600, H = svg.clientHeight || 92, pad = 14;
  if (!rows.length) return;
  const day = (s) => Date.parse(`${s}T00:00:00Z`) / 864e5;
  rows = rows.filter(([d]) => Number.isFinite(day(d))).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (!rows.length) return;
  const [lo, hi] = timelineRange(rows.map(([d, n]) => [day(d), n]));
  const d0 = lo, d1 = hi + 1;
  const span = Math.max(d1 - d0, 1);
  const before = rows.filter(([d]) => day(d) < lo), after = rows.filter(([d]) => day(d) > hi);
  rows = rows.filter(([d]) => day(d) >= lo && day(d) <= hi);
  const binDays = span <= 120 ? 1 : span <= 900 ? 7 : 30;
  const bins = new Map();
  for (const [d, n] of rows) {
    const b = Math.floor((day(d) - d0) / binDays);
    bins.set(b, (bins.get(b) || 0) + n);
  }
  const nb = Math.ceil(span / binDays), max = Math.max(...bins.values());
  const bw = (W - 2 * pad) / nb;
  const NS = "http://www.w3.org/2000/svg";
  const from = $("#f-from").value, to = $("#f-to").value;
  const iso = (dd) => new Date(dd * 864e5).toISOString().slice(0, 10);
  for (const [b, n] of bins) {
    const h = Math.max(2, (n / max) * (H - 2 * pad));
    const r = document.createElementNS(NS, "rect");
    const start = iso(d0 + b * binDays), end = iso(d0 + (b + 1) * binDays - 1);
    r.setAttribute("x", pad + b * bw); r.setAttribute("y", H - pad - h);
    r.setAttribute("width", Math.max(1, bw - 1)); r.setAttribute("height", h);
    r.setAttribute("class", (from || to) && (!from || end >= from) && (!to || start <= to) ? "bar in" : "bar");
    const title = document.createElementNS(NS, "title");
    title.textContent = `${start}${binDays > 1 ? ` – ${end}` : ""}: ${n}`;
    r.append(title);
    svg.append(r);
  }
  const count = (xs) => xs.reduce((a, [, n]) => a + n, 0);
  const nBefore = count(before), nAfter = count(after);
  const labels = [[pad, (nBefore ? `◂ ${nBefore} earlier · ` : "") + iso(d0), "start", nBefore ? "outlier" : "", before],
    [W - pad, iso(d1 - 1) + (nAfter ? ` · ${nAfter} later ▸` : ""), "end", nAfter ? "outlier" : "", after]];
  for (const [x, label, anchor, cls, out] of labels) {
    const t = document.createElementNS(NS, "text");
    t.setAttribute("x", x); t.setAttribute("y", H - 2); t.setAttribute("text-anchor", anchor);
    t.textContent = label;
    if (cls) {
      t.setAttribute("class", cls);
      const title = document.createElementNS(NS, "title");
      title.textContent = `outside the scale: ${out.map(([d, n]) => `${d} (${n})`).join(", ")}`;
      t.append(title);
    }
    svg.append(t);
  }
  svg.dataset.d0 = d0; svg.dataset.span = span; svg.dataset.pad = pad;
  svg.dataset.before = nBefore; svg.dataset.after = nAfter;
}

/** [first, last] day the timeline scales to. When the span is more than three times the core's width
 * (six median absolute deviations plus two months either side of the median), an end beyond the core
 * is cut back to the 2nd (98th) percentile or that reach, so a
 * few misdated events (a year 1860 among a month of reports) fall outside, marked, and the bins stay
 * days wide. `days` are [day number, count] in date order. */
function timelineRange(days) {
  const quantile = (xs, q) => {  // xs: [value, weight] sorted by value
    const total = xs.reduce((a, [, n]) => a + n, 0);
    let seen = 0;
    for (const [d, n] of xs) { seen += n; if (seen >= q * total) return d; }
    return xs[xs.length - 1][0];
  };
  const median = quantile(days, 0.5);
  const mad = quantile(days.map(([d, n]) => [Math.abs(d - median), n]).sort((x, y) => x[0] - y[0]), 0.5);
  const reach = 6 * mad + 60;
  const first = days[0][0], last = days[days.length - 1][0];
  if (last - first <= 6 * reach) return [first, last];  // no far-off stragglers: the whole span fits
  const floor = first >= median - reach ? first : Math.max(quantile(days, 0.02), median - reach);
  const ceil = last <= median + reach ? last : Math.min(quantile(days, 0.98), median + reach);
  const lo = days.find(([d]) => d >= floor)[0];
  const hi = [...days].reverse().find(([d]) => d <= ceil)[0];
  return [lo, Math.max(lo, hi)];
}

(function brush() {
  const svg = $("#timeline");
  let x0 = null, rect = null;
  const toDate = (x) => {
    const pad = +svg.dataset.pad, W = svg.clientWidth;
    const f = Math.min(Math.max((x - pad) / (W - 2 * pad), 0), 1);
    return new Date((+svg.dataset.d0 + f * (+svg.dataset.span)) * 864e5).toISOString().slice(0, 10);
  };
  svg.addEventListener("mousedown", (e) => {
    if (!state.timeline.length) return;
    x0 = e.offsetX;
    rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    rect.setAttribute("class", "brush"); rect.setAttribute("y", 0); rect.setAttribute("height", svg.clientHeight);
    svg.append(rect);
  });
  svg.addEventListener("mousemove", (e) => {
    if (x0 === null) return;
    rect.setAttribute("x", Math.min(x0, e.offsetX)); rect.setAttribute("width", Math.abs(e.offsetX - x0));
  });
  window.addEventListener("mouseup", (e) => {
    if (x0 === null) return;
    const x1 = e.target === svg || svg.contains(e.target) ? e.offsetX : x0;
    const [a, b] = [Math.min(x0, x1), Math.max(x0, x1)];
    x0 = null;
    if (b - a < 3) { rect.remove(); return; }
    $("#f-from").value = toDate(a); $("#f-to").value = toDate(b);
    refresh();
  });
})();

// -- list --------------------------------------------------------------------------------------
function badge(review) {
  return review && review.decision ? el("span", { className: `badge ${review.decision}` }, review.decision) : null;
}

function listItem(e) {
  const when = e.time && e.time.start ? e.time.start + (e.time.end && e.time.end !== e.time.start ? ` – ${e.time.end}` : "") : "no date";
  const where = e.location ? [e.location.name, e.location.country].filter(Boolean).join(", ") : "no place";
  const pick = el("input", { type: "checkbox", className: "pick", title: "select for a bulk action", checked: state.picked.has(e.id) });
  pick.addEventListener("click", (ev) => ev.stopPropagation());
  pick.addEventListener("change", () => { if (pick.checked) state.picked.add(e.id); else state.picked.delete(e.id); bulkState(); });
  const li = el("li", { dataset: { id: e.id, type: e.type } },
    el("div", { className: "ev-head" }, pick,
      el("span", { className: "swatch", style: { background: colour(e.type) } }),
      el("span", { className: "ev-type" }, e.type, e.mode ? ` / ${e.mode}` : ""),
      el("span", { className: "ev-meta" }, `${when} · ${where} · ${e.status}`),
      badge(e.review), el("span", { className: "ev-meta" }, `#${e.id}`)),
    el("div", { className: "ev-text" }, e.evidence ? e.evidence.text : ""),
    el("div", { className: "ev-meta" }, [e.actors.join(", "), e.document.publisher].filter(Boolean).join(" · ")));
  li.addEventListener("click", () => openEvent(e.id));
  if (state.selected === e.id) li.classList.add("sel");
  return li;
}

/** The list's own selection: the filters, and the map's box when "map view only" is ticked. */
function listParams() {
  const p = filterParams();
  if ($("#f-inview").checked) {
    const b = map.getBounds();
    const w = Math.max(-180, b.getWest()), e = Math.min(180, b.getEast());
    p.set("bbox", [w, Math.max(-90, b.getSouth()), e, Math.min(90, b.getNorth())].map((x) => x.toFixed(4)).join(","));
  }
  return p;
}

async function loadList(append = false) {
  if (!append) state.offset = 0;
  const p = listParams();
  p.set("limit", PAGE); p.set("offset", state.offset);
  const page = await api(`/api/events?${p}`);
  const list = $("#event-list");
  if (!append) { list.replaceChildren(); state.picked.clear(); $("#pick-filter").checked = false; }
  for (const e of page.items) list.append(listItem(e));
  state.total = page.total;
  state.offset += page.items.length;
  $("#count").textContent = `${page.total}${page.total_exact ? "" : "+"} event${page.total === 1 ? "" : "s"}`;
  $("#more").hidden = state.offset >= page.total;
  bulkState();
  document.body.dataset.listed = String(+(document.body.dataset.listed || 0) + 1);
  const ex = filterParams();
  $("#export-link").href = `/api/export/acled?${ex}`;
}

async function refresh() {
  const noDates = filterParams({ withDates: false });
  try {
    // Facets leave the date filter out, so the timeline keeps showing what lies outside the brush.
    const [facets] = await Promise.all([api(`/api/facets?${noDates}`), loadList(), loadPoints()]);
    renderTimeline(facets.timeline);
    renderLegend(facets.type);
    addCountries(Object.keys(facets.country || {}));
    $("#filter-msg").textContent = "";
    document.body.dataset.ready = "1";
  } catch (err) {
    // A filter the API refuses (422: a date like 14/03/2025) is said, not dropped.
    $("#filter-msg").textContent = err.message;
    $("#count").textContent = `error: ${err.message}`;
  }
  syncUrl();
}

// -- one event: document with evidence, coding, review, history -----------------------------------
function highlightedBody(body, spans) {
  // The primary evidence is one <mark>; inside and around it the body is cut at every other span's
  // boundaries and each piece gets the classes of the spans covering it (spans may overlap).
  const ev = spans.find((s) => s.cls === "evidence");
  const rest = spans.filter((s) => s !== ev);
  if (!ev) return pieces(body, 0, body.length, rest);
  return [...pieces(body, 0, ev.start, rest),
    el("mark", { className: "evidence" }, ...pieces(body, ev.start, ev.end, rest)),
    ...pieces(body, ev.end, body.length, rest)];
}

function pieces(body, from, to, spans) {
  const cuts = new Set([from, to]);
  for (const s of spans) for (const x of [s.start, s.end]) if (x > from && x < to) cuts.add(x);
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const classes = [...new Set(spans.filter((s) => s.start <= a && b <= s.end && s.start < s.end).map((s) => s.cls))];
    const text = body.slice(a, b);
    if (!classes.length) out.push(document.createTextNode(text));
    else out.push(el(classes.includes("mention") ? "mark" : "span", { className: classes.join(" ") }, text));
  }
  return out;
}

function spansOf(e) {
  const spans = [];
  const add = (s, cls) => { if (s && Number.isInteger(s.start) && Number.isInteger(s.end)) spans.push({ start: s.start, end: s.end, cls }); };
  (e.machine.mentions || []).forEach((m, i) => add(m, i === 0 ? "evidence" : "mention"));
  add(e.machine.trigger, "trigger");
  for (const a of [...e.machine.actors, ...e.machine.targets]) add(a, "actor");
  for (const p of e.machine.locations) add(p, "place");
  if (e.machine.time && e.machine.time.evidence) add(e.machine.time.evidence, "when");
  return spans;
}

function fieldRow(dl, label, value, machineValue) {
  const dd = el("dd", {}, value === null || value === undefined || value === "" ? "–" : value);
  if (machineValue !== undefined && machineValue !== value) {
    dd.append(el("span", { className: "machine", title: "machine's value" }, machineValue || "–"));
  }
  dl.append(el("dt", {}, label), dd);
}

const timeText = (t) => !t || !t.start ? "" : `${t.start}${t.end && t.end !== t.start ? ` – ${t.end}` : ""} (${t.precision || "?"}${t.basis ? `, ${t.basis}` : ""})`;
const placeText = (p) => !p ? "" : `${p.name}${p.country ? `, ${p.country}` : ""}${p.admin1 ? ` (${p.admin1})` : ""}${p.lat != null ? ` @ ${p.lat}, ${p.lon}` : ""}${p.precision ? ` [${p.precision}]` : ""}`;
const actorsText = (xs) => xs.map((a) => a.text + (a.normalised && a.normalised !== a.text ? ` (${a.normalised})` : "")).join("; ");

function renderEvent(e) {
  state.current = e;
  const d = e.document, m = e.machine;
  $("#d-title").textContent = `#${e.id} ${e.type}${e.mode ? ` / ${e.mode}` : ""} — ${d.title || d.file}`;
  $("#doc-meta").textContent = [
    d.title, [d.publisher, d.original_publisher && d.original_publisher !== d.publisher ? `reprinted from ${d.original_publisher}` : null, d.published].filter(Boolean).join(" · "),
    d.url || d.source,
  ].filter(Boolean).join("\n");
  const raw = el("a", { href: `/api/blobs/${encodeURIComponent(d.sha256)}` }, "raw bytes");
  $("#doc-meta").append(document.createTextNode("\n"), raw);
  $("#doc-body").replaceChildren(...highlightedBody(d.text, spansOf(e)));

  const dl = $("#fields");
  dl.replaceChildren();
  fieldRow(dl, "type", e.type, m.type);
  fieldRow(dl, "mode", e.mode, m.mode);
  fieldRow(dl, "status", e.status, m.status);
  fieldRow(dl, "contexts", e.contexts.join(", "), m.contexts.join(", "));
  fieldRow(dl, "time", timeText(e.time), timeText(m.time));
  fieldRow(dl, "place", e.locations.map(placeText).join("; "), m.locations.map(placeText).join("; "));
  fieldRow(dl, "actors", actorsText(e.actors), actorsText(m.actors));
  fieldRow(dl, "targets", actorsText(e.targets), actorsText(m.targets));
  fieldRow(dl, "according to", e.attribution ? `${e.attribution.text}${e.attribution.source_kind ? ` (${e.attribution.source_kind})` : ""}` : "");
  fieldRow(dl, "quantities", e.quantities.map((q) => `${q.value[0]}${q.value[1] !== q.value[0] ? `–${q.value[1]}` : ""} ${q.unit} (${q.kind})`).join("; "));
  fieldRow(dl, "trigger", e.trigger ? e.trigger.text : "");
  fieldRow(dl, "evidence", e.evidence ? `[${e.evidence.start}:${e.evidence.end}] ${e.evidence.text}` : "");
  fieldRow(dl, "confidence", String(e.confidence));
  fieldRow(dl, "document", `#${e.document_id}`);

  const r = e.review;
  $("#review-state").replaceChildren(
    r.decision ? badge(r) : "not reviewed",
    r.corrected.length ? ` corrected: ${r.corrected.join(", ")}` : "",
    r.merged_into ? ` into #${r.merged_into}` : "",
    r.absorbed.length ? ` absorbed: ${r.absorbed.map((x) => `#${x.id}`).join(", ")}` : "");
  renderHistory(e.history);
  const f = $("#correct-form");
  f.type.value = e.type; f.mode.value = e.mode || ""; f.status.value = e.status;
  f.time_start.value = (e.time && e.time.start) || ""; f.time_end.value = (e.time && e.time.end) || "";
  const loc = e.locations[0] || {};
  f.place.value = loc.name || ""; f.lat.value = loc.lat ?? ""; f.lon.value = loc.lon ?? "";
  f.actors.value = names(e.actors); f.targets.value = names(e.targets);
  f.fatalities.value = e.fatalities ?? "";
  const detached = state.detached.filter((x) => x.document_sha256 === d.sha256);
  if (detached.length) {
    $("#review-state").append(" ", el("button", { type: "button", className: "badge rejected linkish", onclick: () => showDetached(d.sha256) },
      `${detached.length} detached review${detached.length === 1 ? "" : "s"} on this report`));
  }
}

const names = (xs) => (xs || []).map((a) => a.text).join("; ");
const splitNames = (v) => v.split(";").map((x) => x.trim()).filter(Boolean);

function show(v) { return v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v); }

function renderHistory(history) {
  const ol = $("#history");
  ol.replaceChildren();
  if (!history.length) ol.append(el("li", { className: "ev-meta" }, "no reviews yet"));
  for (const h of history) {
    const li = el("li", { dataset: { action: h.action, user: h.user } },
      el("strong", {}, h.action), ` by ${h.user} at ${h.at}`, h.comment ? el("div", {}, `“${h.comment}”`) : null);
    if (h.before.decision !== h.after.decision) li.append(el("div", { className: "change" }, `decision: ${show(h.before.decision)} → ${show(h.after.decision)}`));
    for (const k of Object.keys(h.after.fields || {})) {
      const a = show(h.before.fields[k]), b = show(h.after.fields[k]);
      if (a !== b) li.append(el("div", { className: "change" }, `${k}: ${a} → ${b}`));
    }
    if (h.after.merged_into) li.append(el("div", { className: "change" }, `merged into #${h.after.merged_into}`));
    if (h.after.absorbed) li.append(el("div", { className: "change" }, `absorbed: ${h.after.absorbed.map((x) => `#${x}`).join(", ")}`));
    ol.append(li);
  }
}

async function openEvent(id) {
  state.selected = id;
  for (const li of document.querySelectorAll("#event-list li")) li.classList.toggle("sel", +li.dataset.id === id);
  $("#review-msg").textContent = "";
  $("#correct-form").hidden = true; $("#merge-form").hidden = true;
  try {
    renderEvent(await api(`/api/events/${id}`));
    $("#detail").hidden = false;
    setHash(`event-${id}`);
    // Scrolled once the panel is visible: a hidden element has no box to scroll to.
    const ev = $("#doc-body mark.evidence");
    if (ev) ev.scrollIntoView({ block: "center" });
    const li = document.querySelector(`#event-list li[data-id='${id}']`);
    if (li) li.scrollIntoView({ block: "nearest" });
    loadAlso(id);
  } catch (err) {
    $("#count").textContent = `error: ${err.message}`;
  }
}

async function reviewAction(action, body) {
  const e = state.current;
  if (!e) return;
  if (!token()) { $("#review-msg").textContent = "Enter a review token first (eventledger token create NAME)."; return; }
  try {
    const out = await api(`/api/events/${e.id}/${action}`, { method: "POST", auth: true,
      body: Object.assign({ comment: $("#comment").value }, body || {}) });
    $("#comment").value = "";
    $("#correct-form").hidden = true; $("#merge-form").hidden = true;
    renderEvent(out);
    $("#review-msg").textContent = `${action} saved`;
    await refresh();  // list, markers, and the timeline and legend a correction may move
    document.body.dataset.reviewed = String(+(document.body.dataset.reviewed || 0) + 1);
  } catch (err) {
    $("#review-msg").textContent = err.message;
  }
}

function setHash(h) {
  history.replaceState(null, "", `${location.pathname}${location.search}${h ? `#${h}` : ""}`);
}

// -- bulk review: one audited review per selected event, all or none ------------------------------
function bulkState() {
  const shown = document.querySelectorAll("#event-list li").length;
  // "all N matching": the whole filtered selection, also the rows not loaded yet (the server selects them).
  $("#pick-filter-box").hidden = state.total <= shown;
  $("#pick-filter-n").textContent = String(state.total);
  const byFilter = $("#pick-filter").checked && state.total > shown;
  const n = byFilter ? state.total : state.picked.size;
  $("#bulk-n").textContent = `${n} selected`;
  $("#bulk-apply").disabled = n === 0;
  $("#pick-all").checked = shown > 0 && state.picked.size === shown;
  const action = $("#bulk-action").value;
  $("#bulk-type").hidden = action !== "type";
  $("#bulk-place").hidden = action !== "place";
}

function bulkBody() {
  const action = $("#bulk-action").value;
  const body = { comment: $("#bulk-comment").value.trim() };
  if (!$("#pick-filter").checked) body.event_ids = [...state.picked];
  if (action === "accept" || action === "reject") return Object.assign(body, { action });
  if (action === "type") return Object.assign(body, { action: "correct", fields: { type: $("#bulk-type").value } });
  const num = (id) => ($(id).value.trim() === "" ? null : +$(id).value.trim());
  const location = { name: $("#bulk-place-name").value.trim(), lat: num("#bulk-lat"), lon: num("#bulk-lon") };
  if ($("#bulk-country").value.trim()) location.country = $("#bulk-country").value.trim().toUpperCase();
  return Object.assign(body, { action: "correct", fields: { location } });
}

async function applyBulk() {
  const msg = $("#bulk-msg");
  if (!token()) { msg.textContent = "Enter a review token first (eventledger token create NAME)."; return; }
  if (!state.picked.size && !$("#pick-filter").checked) return;
  try {
    const body = bulkBody();
    const query = body.event_ids ? "" : `?${listParams()}`;
    const out = await api(`/api/reviews/bulk${query}`, { method: "POST", auth: true, body });
    msg.textContent = `${out.action} saved on ${out.count} event${out.count === 1 ? "" : "s"}`;
    $("#bulk-comment").value = "";
    await refresh();  // list, markers, and the timeline and legend a correction may move
    if (state.current && out.event_ids.includes(state.current.id)) openEvent(state.current.id);
    document.body.dataset.bulk = String(+(document.body.dataset.bulk || 0) + 1);
  } catch (err) {
    msg.textContent = err.message;
  }
}

// -- keyboard: j / k walk the list, Escape closes ------------------------------------------------
async function step(delta) {
  let items = [...document.querySelectorAll("#event-list li")];
  if (!items.length) return;
  let i = items.findIndex((li) => +li.dataset.id === state.selected);
  if (i + delta >= items.length && !$("#more").hidden) {
    await loadList(true);
    items = [...document.querySelectorAll("#event-list li")];
  }
  i = i < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(Math.max(i + delta, 0), items.length - 1);
  await openEvent(+items[i].dataset.id);
}

document.addEventListener("keydown", (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.target instanceof Element && ev.target.closest("input, textarea, select, [contenteditable]")) return;
  if (ev.key === "j") step(1);
  else if (ev.key === "k") step(-1);
  else if (ev.key === "Escape") {
    for (const id of ["#detail", "#incidents", "#detached"]) $(id).hidden = true;
    state.selected = null; setHash("");
  }
});

// -- incidents: the list, one incident with every report side by side, split and merge -------------
const INCIDENT_PAGE = 50;
const whenText = (t) => (!t || !t.start ? "no date" : t.start + (t.end && t.end !== t.start ? ` – ${t.end}` : ""));
const whereText = (p) => (!p || !p.name ? "no place" : [p.name, p.country].filter(Boolean).join(", "));

function showView(id) {
  for (const v of ["#incidents", "#detached"]) $(v).hidden = v !== id;
  $("#v-events").classList.toggle("on", id === null);
  $("#v-incidents").classList.toggle("on", id === "#incidents");
  $("#v-detached").classList.toggle("on", id === "#detached");
}

async function showIncidents(offset = 0) {
  showView("#incidents");
  $("#incident-view").hidden = true;
  $("#incident-list").hidden = false;
  setHash("incidents");
  state.incidentOffset = offset;
  const p = new URLSearchParams({ limit: INCIDENT_PAGE, offset });
  if ($("#i-conflict").value) p.set("conflict", $("#i-conflict").value);
  // The event filters incidents have too (type, country) narrow this list as well, and say so.
  if ($("#f-type").value) p.set("type", $("#f-type").value);
  if ($("#f-country").value) p.set("country", $("#f-country").value);
  const narrowed = [p.get("type"), p.get("country")].filter(Boolean).join(", ");
  try {
    const page = await api(`/api/incidents?${p}`);
    const body = $("#incident-list tbody");
    body.replaceChildren();
    for (const i of page.items) {
      const tr = el("tr", { dataset: { id: i.id }, className: i.conflict ? "conflict" : "" },
        el("td", {}, `#${i.id}`), el("td", {}, i.type), el("td", {}, whenText(i.time)), el("td", {}, whereText(i.place)),
        el("td", {}, i.first_reported || "–"), el("td", {}, String(i.n_reports)), el("td", {}, String(i.n_independent_sources)),
        el("td", { title: (i.conflict_reasons || []).join("; ") }, i.conflict ? `⚠ ${(i.conflict_reasons || []).join("; ") || "conflict"}` : ""));
      tr.addEventListener("click", () => openIncident(i.id));
      body.append(tr);
    }
    $("#i-count").textContent = (page.total ? `${offset + 1}–${offset + page.items.length} of ${page.total}${page.total_exact ? "" : "+"}` : "no incidents") +
      (narrowed ? ` (${narrowed})` : "");
    $("#i-prev").disabled = offset === 0;
    $("#i-next").disabled = offset + page.items.length >= page.total;
  } catch (err) {
    $("#i-count").textContent = `error: ${err.message}`;
  }
}

function reportCard(r) {
  const pick = el("input", { type: "checkbox", className: "split-pick", value: r.id, title: "move into a new incident" });
  pick.addEventListener("change", () => { $("#iv-split").disabled = !document.querySelector("#iv-reports .split-pick:checked"); });
  const open = el("button", { type: "button" }, "open event");
  open.addEventListener("click", () => { showView(null); openEvent(r.id); });
  const d = r.document || {};
  return el("article", { className: "report", dataset: { id: r.id, documentId: r.document_id } },
    el("div", { className: "ev-head" }, pick, el("strong", {}, d.publisher || "unknown publisher"),
      el("span", { className: "ev-meta" }, d.published || ""), badge(r.review)),
    el("div", { className: "ev-meta" }, d.title || ""),
    el("div", { className: "ev-meta" }, `#${r.id} ${r.type}${r.mode ? ` / ${r.mode}` : ""} · ${whenText(r.time)} · ${whereText(r.location)} · ${r.status}`),
    el("blockquote", {}, el("mark", { className: "evidence" }, r.evidence ? r.evidence.text : "")),
    el("div", { className: "ev-meta" }, [r.actors.join(", "), r.targets && r.targets.length ? `→ ${r.targets.join(", ")}` : ""].filter(Boolean).join(" ")),
    open);
}

async function openIncident(id) {
  showView("#incidents");
  $("#incident-list").hidden = true;
  $("#iv-msg").textContent = "";
  try {
    const inc = await api(`/api/incidents/${id}`);
    state.incident = inc;
    setHash(`incident-${id}`);
    $("#iv-title").textContent = `Incident #${inc.id} ${inc.type}${inc.status === "merged" ? ` (merged into #${inc.merged_into})` : ""}`;
    $("#iv-meta").textContent = `${whenText(inc.time)} · ${whereText(inc.place)} · ${inc.n_reports} report${inc.n_reports === 1 ? "" : "s"} from ` +
      `${inc.n_independent_sources} independent source${inc.n_independent_sources === 1 ? "" : "s"} · first reported ${inc.first_reported || "–"}` +
      (inc.conflict ? ` · ⚠ conflict: ${(inc.conflict_reasons || []).join("; ")}` : "");
    $("#iv-reports").replaceChildren(...inc.reports.map(reportCard));
    $("#iv-split").disabled = true;
    const hist = $("#iv-history");
    hist.replaceChildren(...(inc.history.length ? inc.history.map((h) => el("li", { dataset: { action: h.action } },
      el("strong", {}, h.action), ` by ${h.reviewer} at ${h.at}`, h.comment ? ` “${h.comment}”` : "")) : [el("li", { className: "ev-meta" }, "no reviews yet")]));
    $("#incident-view").hidden = false;
  } catch (err) {
    $("#iv-msg").textContent = err.message;
    $("#incident-view").hidden = false;
  }
}

async function incidentAction(path, body, done) {
  if (!token()) { $("#iv-msg").textContent = "Enter a review token first (eventledger token create NAME)."; return; }
  try {
    const out = await api(path, { method: "POST", auth: true, body });
    await openIncident(done(out));
    $("#iv-msg").textContent = path.endsWith("/split") ? `split out into incident #${out.incident_id}` : `merged into incident #${out.incident_id}`;
  } catch (err) {
    $("#iv-msg").textContent = err.message;
  }
}

// "Also reported by": the other documents (publishers) of this event's incident.
async function loadAlso(id) {
  const box = $("#also");
  try {
    const out = await api(`/api/events/${id}/incident`);
    if (state.selected !== id) return;
    if (!out.incident) { box.replaceChildren(el("span", { className: "ev-meta" }, "no incident")); return; }
    const link = el("button", { type: "button", className: "linkish" }, `incident #${out.incident.id}`);
    link.addEventListener("click", () => openIncident(out.incident.id));
    const items = out.also_reported_by.map((o) => {
      const b = el("button", { type: "button", className: "linkish", dataset: { event: o.event_id } },
        [o.publisher || "unknown publisher", o.published, o.title].filter(Boolean).join(" · "));
      b.addEventListener("click", () => openEvent(o.event_id));
      return el("li", {}, b);
    });
    box.replaceChildren(link, ` · ${out.incident.n_independent_sources} independent source${out.incident.n_independent_sources === 1 ? "" : "s"}`,
      items.length ? el("ul", { id: "also-list" }, ...items) : el("div", { className: "ev-meta" }, "no other report"));
  } catch (err) {
    box.replaceChildren(el("span", { className: "ev-meta" }, err.message));
  }
}

// -- detached reviews: decisions a re-analysis could not re-attach, kept with the original evidence ---
async function loadDetached() {
  try {
    state.detached = await api("/api/reviews/detached");
  } catch (err) {
    state.detached = [];
  }
  $("#v-detached").hidden = !state.detached.length;
  $("#detached-n").textContent = String(state.detached.length);
}

function showDetached(sha = null) {
  showView("#detached");
  setHash("detached");
  const list = $("#detached-list");
  const rows = state.detached.filter((d) => !sha || d.document_sha256 === sha);
  list.replaceChildren(...(rows.length ? rows.map((d) => el("li", { dataset: { review: d.review_id } },
    el("div", { className: "ev-head" }, el("strong", {}, d.action), ` by ${d.user} at ${d.at}`,
      el("span", { className: "ev-meta" }, `original event #${d.original_event_id} · ${d.type} · detached ${d.detached_at}`)),
    d.comment ? el("div", {}, `“${d.comment}”`) : null,
    el("blockquote", {}, el("mark", { className: "evidence" }, d.evidence_text || "")),
    el("div", { className: "ev-meta" }, `characters ${d.evidence[0]}–${d.evidence[1]} of `,
      el("a", { href: `/api/blobs/${encodeURIComponent(d.document_sha256)}` }, `document ${d.document_sha256.slice(0, 12)}…`))))
    : [el("li", { className: "ev-meta" }, "no detached reviews")]));
}

// -- wiring ------------------------------------------------------------------------------------
async function signIn() {
  const t = $("#token").value.trim();
  if (t) sessionStorage.setItem("eventledger-token", t);
  if (!token()) return;
  try {
    const who = await api("/api/whoami", { auth: true });
    $("#whoami").textContent = `reviewing as ${who.user}`;
    $("#token").value = "";
  } catch (err) {
    sessionStorage.removeItem("eventledger-token");
    $("#whoami").textContent = err.message;
  }
}

let debounce = null;
$("#filters").addEventListener("input", (ev) => {
  if (ev.target.id === "f-inview") return;
  clearTimeout(debounce);
  debounce = setTimeout(refresh, ev.target.tagName === "SELECT" || ev.target.type === "checkbox" ? 0 : 300);
});
$("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
$("#f-inview").addEventListener("change", () => loadList());
map.on("moveend", () => { if ($("#f-inview").checked) loadList(); });
$("#f-clear").addEventListener("click", () => { $("#filters").reset(); refresh(); });
$("#tl-clear").addEventListener("click", () => { $("#f-from").value = ""; $("#f-to").value = ""; refresh(); });
$("#more").addEventListener("click", () => loadList(true));
$("#d-close").addEventListener("click", () => { $("#detail").hidden = true; state.selected = null; setHash(""); });
$("#btn-token").addEventListener("click", signIn);
$("#token").addEventListener("keydown", (ev) => { if (ev.key === "Enter") signIn(); });
$("#btn-accept").addEventListener("click", () => reviewAction("accept"));
$("#btn-reject").addEventListener("click", () => reviewAction("reject"));
$("#btn-correct").addEventListener("click", () => { $("#correct-form").hidden = !$("#correct-form").hidden; });
$("#btn-merge").addEventListener("click", () => { $("#merge-form").hidden = !$("#merge-form").hidden; });
$("#correct-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const f = ev.target, e = state.current, fields = {};
  for (const k of ["type", "mode", "status"]) if ((f[k].value || null) !== (e[k] || null)) fields[k] = f[k].value || null;
  if (f.time_start.value !== ((e.time && e.time.start) || "")) fields.time_start = f.time_start.value || null;
  if (f.time_end.value !== ((e.time && e.time.end) || "")) fields.time_end = f.time_end.value || null;
  const loc = e.locations[0] || {};
  if (f.place.value !== (loc.name || "") || f.lat.value !== String(loc.lat ?? "") || f.lon.value !== String(loc.lon ?? "")) {
    fields.location = f.place.value ? { name: f.place.value, lat: f.lat.value === "" ? null : +f.lat.value,
      lon: f.lon.value === "" ? null : +f.lon.value, country: loc.country || null } : null;
  }
  for (const k of ["actors", "targets"]) {
    if (f[k].value.trim() !== names(e[k])) fields[k] = splitNames(f[k].value);
  }
  if (!$("#fatalities-field").hidden && f.fatalities.value.trim() !== String(e.fatalities ?? "")) {
    const n = f.fatalities.value.trim();
    if (n !== "" && !/^\d+$/.test(n)) { $("#review-msg").textContent = "fatalities: a whole number"; return; }
    fields.fatalities = n === "" ? null : +n;
  }
  if (!Object.keys(fields).length) { $("#review-msg").textContent = "nothing changed"; return; }
  reviewAction("correct", { fields });
});
$("#bulk").addEventListener("submit", (ev) => { ev.preventDefault(); applyBulk(); });
$("#bulk-action").addEventListener("change", bulkState);
$("#pick-filter").addEventListener("change", bulkState);
$("#pick-all").addEventListener("change", () => {
  const on = $("#pick-all").checked;
  for (const li of document.querySelectorAll("#event-list li")) {
    li.querySelector(".pick").checked = on;
    if (on) state.picked.add(+li.dataset.id); else state.picked.delete(+li.dataset.id);
  }
  bulkState();
});
$("#v-events").addEventListener("click", () => { showView(null); setHash(""); });
$("#v-incidents").addEventListener("click", () => showIncidents(0));
$("#v-detached").addEventListener("click", () => showDetached());
$("#i-close").addEventListener("click", () => { showView(null); setHash(""); });
$("#dt-close").addEventListener("click", () => { showView(null); setHash(""); });
$("#i-conflict").addEventListener("change", () => showIncidents(0));
$("#i-prev").addEventListener("click", () => showIncidents(Math.max(0, state.incidentOffset - INCIDENT_PAGE)));
$("#i-next").addEventListener("click", () => showIncidents(state.incidentOffset + INCIDENT_PAGE));
$("#iv-split").addEventListener("click", () => {
  const ids = [...document.querySelectorAll("#iv-reports .split-pick:checked")].map((x) => +x.value);
  const current = state.incident.id;
  incidentAction(`/api/incidents/${current}/split`, { event_ids: ids, comment: "" }, () => current);
});
$("#iv-merge").addEventListener("click", () => {
  const others = $("#iv-merge-ids").value.split(/[\s,#]+/).filter(Boolean).map((x) => parseInt(x, 10));
  if (!others.length || others.some((x) => !Number.isInteger(x) || x < 1)) { $("#iv-msg").textContent = "incident ids: whole numbers, e.g. 12, 15"; return; }
  $("#iv-merge-ids").value = "";
  incidentAction("/api/incidents/merge", { incident_ids: [state.incident.id, ...others], comment: "" }, (out) => out.incident_id);
});
$("#merge-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  reviewAction("merge", { into: parseInt(ev.target.into.value, 10) });
});

(async function start() {
  try {
    state.vocab = await api("/api/vocab");
    fillSelect($("#f-type"), state.vocab.types);
    fillSelect($("#f-status"), state.vocab.statuses);
    fillSelect($("#f-decision"), state.vocab.decisions);
    fillSelect($("#correct-form").type, state.vocab.types, false);
    fillSelect($("#correct-form").status, state.vocab.statuses, false);
    fillSelect($("#bulk-type"), state.vocab.types, false);
    // Fatalities are offered where the API can correct them.
    $("#fatalities-field").hidden = !(state.vocab.correctable || []).includes("fatalities");
  } catch (err) { /* the filters still work as free text */ }
  restoreFilters();
  if (token()) signIn();
  loadDetached();
  await refresh();
  const m = /^#(event|incident)-(\d+)$/.exec(location.hash);
  if (m && m[1] === "event") openEvent(+m[2]);
  else if (m) openIncident(+m[2]);
  else if (location.hash === "#incidents") showIncidents();
  else if (location.hash === "#detached") showDetached();
})();
