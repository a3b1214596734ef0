// Pricewire dashboard: a plain ES module, no framework, no build step. Everything comes from this origin (the page's
// CSP allows nothing else): /v1/assets, /v1/stream, /v1/status, /v1/prices and, where the API has it,
// /v1/prices/{symbol}/history.
import { sparkline, chart } from './chart.js';

const $ = (sel) => document.querySelector(sel);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const rows = new Map(); // symbol -> row state
const limits = { hot: 10000, medium: 60000, cold: 600000 }; // stale limits, replaced by /v1/status's limitMs
const streams = new Set();
let history = false; // whether the API serves /v1/prices/{symbol}/history (read from /openapi.yml)
let open = null; // the symbol of the detail view
let range = '1h';
let priced = false; // whether any price has arrived yet

// ---- formatting: precision that suits both 0.00000123 and 95,012.34 (tabular figures are in the CSS)
const usd = (s) => {
  const v = Number(s);
  if (!Number.isFinite(v)) return '–';
  if (v >= 1) return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: v >= 1000 ? 2 : 4 });
  return v.toLocaleString('en-US', { maximumSignificantDigits: 4, maximumFractionDigits: 20 });
};
const age = (ms) => (ms < 10000 ? (ms / 1000).toFixed(1) + ' s' : ms < 120000 ? Math.round(ms / 1000) + ' s'
  : ms < 7200000 ? Math.round(ms / 60000) + ' min' : Math.round(ms / 3600000) + ' h');
const num = (s) => {
  if (s === null || s === undefined || s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
};

// ---- the price table
// writes only what changed: an unchanged text still costs the browser a mutation and a relayout
const setText = (cell, text) => {
  if (cell.textContent !== text) cell.textContent = text;
};

function addRow(asset) {
  const tr = el('tr');
  tr.dataset.symbol = asset.symbol;
  tr.dataset.tier = asset.tier;
  const btn = el('button', 'sym', asset.symbol);
  btn.type = 'button';
  btn.setAttribute('aria-label', `${asset.symbol} ${asset.name}: details`);
  btn.addEventListener('click', () => showDetail(asset.symbol));
  const cells = {};
  const td = (key, cls, text) => { const c = el('td', cls, text); c.dataset.col = key; cells[key] = c; tr.append(c); return c; };
  td('symbol').append(btn);
  td('name', 'wide', asset.name);
  td('price', 'num price', '–');
  td('change', 'num', '–');
  td('spark', 'wide spark', '–');
  td('age', 'num', '–');
  td('tier', 'wide', asset.tier);
  td('status').append(el('span', 'badge', '…'));
  td('sources', 'num wide', '–');
  $('#prices tbody').append(tr);
  rows.set(asset.symbol, { asset, tr, cells, price: null, change: null, heard: 0, live: [], sparkAt: 0 });
}

// prices are applied once per frame, the latest of each symbol: a burst of events costs one layout, not one each
const pending = new Map();
function onPrice(p) {
  if (!pending.size) requestAnimationFrame(applyPrices);
  pending.set(p.symbol, p);
  const row = rows.get(p.symbol);
  if (!row) return;
  row.live.push([Date.parse(p.timestamp), Number(p.price)]); // every price, for the detail chart
  if (row.live.length > 2000) row.live.splice(0, 1000); // bounded, also in a background tab (no frames there)
}

function applyPrices() {
  const flashes = [];
  const batch = [...pending.values()];
  pending.clear(); // first: a price that fails to apply must not stop the next frames from being asked for
  for (const p of batch) applyPrice(p, flashes);
  // a flash restarts when its class comes back a frame after it was removed: no forced layout per row
  if (flashes.length) requestAnimationFrame(() => flashes.forEach(([cell, cls]) => cell.classList.add(cls)));
}

function applyPrice(p, flashes) {
  const row = rows.get(p.symbol);
  if (!row) return;
  const before = row.price && Number(row.price.price);
  if (!priced) {
    priced = true;
    performance.mark('first-price'); // User Timing: the time to the first priced row, in devtools too
  }
  row.price = p;
  row.heard = performance.now();
  row.tr.dataset.tier = p.tier;
  setText(row.cells.price, usd(p.price));
  setText(row.cells.tier, p.tier);
  setText(row.cells.sources, String(p.sources.length));
  if ('change24h' in p) row.change = num(p.change24h);
  paintChange(row);
  if (before && before !== Number(p.price)) {
    row.cells.price.classList.remove('flash-up', 'flash-down');
    flashes.push([row.cells.price, Number(p.price) > before ? 'flash-up' : 'flash-down']);
  }
  paintAge(row);
  if (open === p.symbol) renderDetail(p);
}

// the percent change against 24 h ago, where the API has history; else "–"
function paintChange(row) {
  const change = row.change;
  setText(row.cells.change, change === null ? '–' : (change > 0 ? '+' : '') + change.toFixed(2) + ' %');
  const cls = 'num ' + (change === null ? '' : change >= 0 ? 'up' : 'down');
  if (row.cells.change.className !== cls) row.cells.change.className = cls;
}

// where the streamed prices carry no change24h but GET does, the batch GET fills it in once a minute
async function pollChanges() {
  const missing = [...rows.values()].filter((r) => r.price && !('change24h' in r.price)).map((r) => r.asset.symbol);
  for (let i = 0; i < missing.length; i += 100) {
    const r = await fetch('/v1/prices?symbols=' + missing.slice(i, i + 100).join(','));
    if (!r.ok) continue;
    for (const p of (await r.json()).prices) {
      const row = rows.get(p.symbol);
      if (row && 'change24h' in p) {
        row.change = num(p.change24h);
        paintChange(row);
      }
    }
  }
}

function paintAge(row) {
  if (!row.price) return;
  const ms = row.price.ageMs + (performance.now() - row.heard);
  setText(row.cells.age, age(ms));
  const status = ms > (limits[row.price.tier] ?? Infinity) ? 'stale' : row.price.status;
  const badge = row.cells.status.firstChild;
  if (badge.textContent !== status) {
    badge.textContent = status;
    badge.className = 'badge ' + status;
  }
}

function applyFilter() {
  const tier = $('#tier').value;
  const q = $('#search').value.trim().toLowerCase();
  let shown = 0;
  for (const row of rows.values()) {
    const { symbol, name } = row.asset;
    const hit = (!tier || row.tr.dataset.tier === tier)
      && (!q || symbol.toLowerCase().includes(q) || name.toLowerCase().includes(q));
    row.tr.hidden = !hit;
    if (hit) shown++;
  }
  $('#count').textContent = `${shown} of ${rows.size} assets`;
  loadSparklines();
}

// ---- the live streams: one EventSource per at most 100 symbols (the API's limit), each reconnecting by itself
function connect(query) {
  const state = { live: false };
  streams.add(state);
  const start = () => {
    const es = new EventSource('/v1/stream?' + query);
    es.addEventListener('subscribed', () => { state.live = true; paintConn(); });
    es.addEventListener('price', (e) => onPrice(JSON.parse(e.data)));
    // the server ends a stream (a deploy, its 24 h limit) with `reconnect`; EventSource then reconnects by itself
    es.addEventListener('reconnect', () => { state.live = false; paintConn(); });
    es.onerror = () => {
      state.live = false;
      paintConn();
      if (es.readyState === EventSource.CLOSED) setTimeout(start, 2000); // refused outright: retry ourselves
    };
  };
  start();
}

function paintConn() {
  const c = $('#conn');
  const state = [...streams].every((s) => s.live) ? 'live'
    : c.dataset.state === 'connecting' ? 'connecting' : 'reconnecting';
  if (c.dataset.state !== state) {
    c.dataset.state = state;
    c.textContent = state === 'live' ? 'live' : state + '…';
  }
}

// ---- system health, every 2 s
async function pollStatus() {
  try {
    const r = await fetch('/v1/status', { cache: 'no-store' });
    if (r.ok) paintStatus(await r.json());
  } catch {
    $('#health-at').textContent = 'unreachable';
  } finally {
    setTimeout(pollStatus, 2000);
  }
}

function rowOf(head, ...cells) {
  const tr = el('tr');
  const th = el('th', '', head);
  th.scope = 'row';
  tr.append(th, ...cells);
  return tr;
}

function paintStatus(s) {
  $('#tiers tbody').replaceChildren(...s.tiers.map((t) => {
    limits[t.tier] = t.limitMs;
    return rowOf(t.tier, el('td', 'num ' + (t.fresh ? '' : 'bad'), age(t.oldestAgeMs)), el('td', 'num', age(t.limitMs)));
  }));
  $('#exchanges tbody').replaceChildren(...s.exchanges.map((x) => {
    const tr = rowOf(x.exchange, el('td', 'state ' + x.circuit, x.circuit.replace('_', '-')),
      el('td', 'state ' + x.stream, x.stream));
    tr.dataset.exchange = x.exchange;
    return tr;
  }));
  for (const dep of ['redis', 'dynamodb']) {
    const td = $('#dep-' + dep);
    td.textContent = s.dependencies[dep];
    td.className = 'state ' + s.dependencies[dep].toLowerCase();
  }
  $('#rps').textContent = s.requestsPerSecond.toFixed(1);
  $('#health-at').textContent = 'as of ' + new Date(s.timestamp).toLocaleTimeString('en-GB');
}

// ---- history: 24 h sparklines of the visible rows, the detail chart
async function points(symbol, interval, spanMs) {
  if (!history) return [];
  const to = new Date();
  const from = new Date(to - spanMs);
  const r = await fetch(`/v1/prices/${symbol}/history?interval=${interval}&from=${from.toISOString()}`
    + `&to=${to.toISOString()}`);
  if (!r.ok) return [];
  const body = await r.json();
  return (body.points || []).map((p) => [Date.parse(p.t), Number(p.close)]);
}

let sparkQueue = Promise.resolve();
function loadSparklines() {
  if (!history) return;
  const due = [...rows.values()].filter((r) => !r.tr.hidden && performance.now() - r.sparkAt > 300000);
  for (const row of due) {
    row.sparkAt = performance.now();
    // one at a time: 200 rows must not become 200 concurrent requests
    sparkQueue = sparkQueue.then(() => points(row.asset.symbol, '1h', 86400000)).then((pts) => {
      row.cells.spark.replaceChildren(pts.length > 1 ? sparkline(pts) : document.createTextNode('–'));
    }, () => {});
  }
}

// ---- the detail view
const RANGES = { '1h': ['1m', 3600000], '24h': ['1m', 86400000], '7d': ['1h', 604800000] };
async function showDetail(symbol) {
  open = symbol;
  const row = rows.get(symbol);
  $('#detail-h').textContent = `${symbol} · ${row.asset.name}`;
  $('#detail').showModal();
  drawChart();
  const r = await fetch('/v1/prices/' + symbol, { cache: 'no-store' });
  if (open === symbol && r.ok) renderDetail(await r.json());
}

async function drawChart() {
  const symbol = open;
  const [interval, span] = RANGES[range];
  const hist = await points(symbol, interval, span);
  if (open !== symbol) return;
  const now = Date.now();
  const last = hist.length ? hist[hist.length - 1][0] : 0;
  // history up to its last point, then the prices this page heard live since
  const pts = hist.concat(rows.get(symbol).live.filter(([t]) => t > last && t >= now - span));
  const fig = $('#chart');
  fig.querySelector('svg')?.remove();
  fig.prepend(chart(pts, now - span, now, usd));
  $('#chart-note').textContent = history ? `${pts.length} points`
    : `${pts.length} live prices since this page opened (this server keeps no history)`;
}

function renderDetail(p) {
  $('#detail-price').textContent = `$${usd(p.price)} · ${p.status} · ${p.tier}`;
  const quote = (x, used) => {
    const when = x.timestamp ? new Date(x.timestamp).toLocaleTimeString('en-GB') : '–';
    return rowOf(x.exchange, el('td', 'num', usd(x.price)), el('td', used ? '' : 'bad', used ? 'yes' : 'rejected: ' + x.reason),
      el('td', 'num', when));
  };
  $('#quotes tbody').replaceChildren(...p.sources.map((x) => quote(x, true)), ...p.rejected.map((x) => quote(x, false)));
  $('#raw-h').textContent = `Raw JSON: GET /v1/prices/${p.symbol}`;
  $('#raw').textContent = JSON.stringify(p, null, 2);
  drawChart();
}

// ---- start
async function main() {
  $('#close').addEventListener('click', () => $('#detail').close());
  $('#detail').addEventListener('close', () => { open = null; });
  for (const b of document.querySelectorAll('#ranges button')) {
    b.addEventListener('click', () => {
      range = b.dataset.range;
      document.querySelectorAll('#ranges button').forEach((o) => o.setAttribute('aria-pressed', String(o === b)));
      drawChart();
    });
  }
  $('#tier').addEventListener('change', applyFilter);
  $('#search').addEventListener('input', applyFilter);
  $('#filters').addEventListener('submit', (e) => e.preventDefault());
  pollStatus();
  const [hot, medium, api] = await Promise.all([
    fetch('/v1/assets?tier=hot').then((r) => r.json()),
    fetch('/v1/assets?tier=medium').then((r) => r.json()),
    fetch('/openapi.yml').then((r) => r.text()),
  ]);
  // the history endpoint is optional: ask for it only where the API document lists it (no 404s in the console)
  history = api.includes('/v1/prices/{symbol}/history:');
  hot.assets.concat(medium.assets).forEach(addRow);
  // the rows as the page opened with them: a tier=hot stream would follow the hot tier away from a demoted row
  connect('symbols=' + hot.assets.map((a) => a.symbol).join(','));
  const symbols = medium.assets.map((a) => a.symbol);
  for (let i = 0; i < symbols.length; i += 100) connect('symbols=' + symbols.slice(i, i + 100).join(','));
  applyFilter();
  setInterval(() => rows.forEach(paintAge), 1000);
  if (history) setInterval(() => pollChanges().catch(() => {}), 60000);
}
main();
