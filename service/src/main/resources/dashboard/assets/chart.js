// Hand-drawn SVG charts: a few hundred bytes instead of a charting library, and no inline styles (the page's CSP).
const NS = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

function path(pts, x0, x1, w, h, pad) {
  const ys = pts.map((p) => p[1]);
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (hi === lo) { hi += Math.abs(hi) * 0.001 || 1; lo -= Math.abs(lo) * 0.001 || 1; }
  const x = (t) => pad + ((t - x0) / (x1 - x0 || 1)) * (w - 2 * pad);
  const y = (v) => h - pad - ((v - lo) / (hi - lo)) * (h - 2 * pad);
  return { d: pts.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(''), x, y, lo, hi };
}

/** A 24 h sparkline, rising green or falling red. */
export function sparkline(pts) {
  const s = svg('svg', { viewBox: '0 0 100 24', width: 100, height: 24, role: 'img' });
  const up = pts[pts.length - 1][1] >= pts[0][1];
  s.setAttribute('aria-label', up ? '24 h trend: up' : '24 h trend: down');
  s.append(svg('path', { d: path(pts, pts[0][0], pts[pts.length - 1][0], 100, 24, 2).d, class: up ? 'line up' : 'line down' }));
  return s;
}

/** The detail chart over [x0, x1]: a line with a dot per price, the range's low and high written at the left. */
export function chart(pts, x0, x1, fmt) {
  const w = 640;
  const h = 220;
  const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: 'chart', role: 'img', 'data-points': pts.length });
  s.setAttribute('aria-label', pts.length ? `price chart, ${pts.length} points` : 'price chart: no data yet');
  if (!pts.length) return s;
  const p = path(pts, x0, x1, w, h, 24);
  s.append(svg('path', { d: p.d, class: 'line' }));
  for (const [t, v] of pts.slice(-300)) s.append(svg('circle', { cx: p.x(t).toFixed(1), cy: p.y(v).toFixed(1), r: 2, class: 'dot' }));
  const label = (v, y) => { const e = svg('text', { x: 4, y, class: 'axis' }); e.textContent = fmt(v); return e; };
  s.append(label(p.hi, 14), label(p.lo, h - 6));
  return s;
}
