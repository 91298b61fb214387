// Dialog views of a capture: follow TCP stream, I/O graph (hand-drawn SVG) and protocol hierarchy.
import { getJson, enc } from './api.js';
import { el, openDialog, base64ToBytes, bytesText } from './util.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** Fetches JSON for a view, showing the error in `box` instead (then null). */
async function load(box, path) {
  try {
    return await getJson(path);
  } catch (err) {
    box.replaceChildren(el('p', { class: 'error' }, err.message));
    return null;
  }
}

function text(bytes) {
  let s = '';
  for (const b of bytes) s += b === 10 || b === 13 || b === 9 || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.';
  return s;
}

export async function followTcp(captureId, stream) {
  const box = el('div', { id: 'follow' }, 'loading…');
  openDialog('Follow TCP stream ' + stream, box);
  const s = await load(box, '/api/captures/' + captureId + '/streams/tcp/' + stream);
  if (!s) return;
  const pre = el('pre', {}, s.segments.map(seg => el('span', {
    class: seg.dir === 0 ? 'c' : 's', dataset: { frame: seg.frame }, title: 'frame ' + seg.frame,
  }, text(base64ToBytes(seg.bytes)))));
  box.replaceChildren(
    el('p', { class: 'summary' },
      el('span', { class: 'c' }, s.client + ' \u2192 ' + s.server + ': ' + s.clientBytes + ' bytes'), '  ',
      el('span', { class: 's' }, s.server + ' \u2192 ' + s.client + ': ' + s.serverBytes + ' bytes')),
    pre);
}

export async function phs(captureId, filter) {
  const box = el('div', { id: 'phs' }, 'loading…');
  openDialog('Protocol hierarchy' + (filter ? ' (' + filter + ')' : ''), box);
  const root = await load(box, '/api/captures/' + captureId + '/stats/phs' + (filter ? '?filter=' + enc(filter) : ''));
  if (!root) return;
  const rows = [];
  const walk = (n, depth) => {
    const pf = root.frames ? (100 * n.frames / root.frames).toFixed(1) : '0.0';
    const pb = root.bytes ? (100 * n.bytes / root.bytes).toFixed(1) : '0.0';
    rows.push(el('tr', { dataset: { proto: n.name } },
      el('td', { style: 'padding-left:' + (6 + depth * 16) + 'px' }, n.name),
      el('td', {}, pf), el('td', { class: 'frames' }, n.frames), el('td', {}, pb), el('td', {}, n.bytes)));
    for (const c of n.children || []) walk(c, depth + 1);
  };
  walk(root, 0);
  box.replaceChildren(el('table', {},
    el('thead', {}, el('tr', {}, ['Protocol', '% Packets', 'Packets', '% Bytes', 'Bytes'].map(h => el('th', {}, h)))),
    el('tbody', {}, rows)));
}

/** The interval giving about 100 points over the capture's duration. */
function defaultInterval(capture) {
  const span = (Date.parse(capture.lastTime) - Date.parse(capture.firstTime)) / 1000;
  const choices = ['0.001', '0.01', '0.1', '1', '10', '60'];
  if (!(span > 0)) return '1';
  return choices.find(c => span / Number(c) <= 200) || '60';
}

export function ioGraph(capture, filter) {
  const captureId = capture.id;
  const dflt = defaultInterval(capture);
  const interval = el('select', {}, ['0.001', '0.01', '0.1', '1', '10', '60'].map(v => el('option', { value: v, selected: v === dflt }, v + ' s')));
  const unit = el('select', {}, el('option', { value: 'frames' }, 'packets'), el('option', { value: 'bytes' }, 'bytes'));
  const f2 = el('input', { placeholder: 'second series filter (optional)', value: filter || '', size: 40 });
  const plot = el('div', { class: 'plot' }, 'loading…');
  const box = el('div', { id: 'io' }, el('div', { class: 'controls' }, 'Interval', interval, 'Unit', unit, f2,
    el('button', { onclick: draw }, 'Update')), plot);
  interval.addEventListener('change', draw);
  unit.addEventListener('change', draw);
  openDialog('I/O graph', box);
  draw();

  async function draw() {
    const q = '?interval=' + interval.value + '&filter=' + (f2.value.trim() ? '&filter=' + enc(f2.value.trim()) : '');
    const io = await load(plot, '/api/captures/' + captureId + '/stats/io' + q);
    if (!io) return;
    plot.replaceChildren(chart(io, unit.value));
  }
}

const COLORS = ['#1f5fbf', '#d0451b', '#2a9d3a', '#8a2be2'];

function chart(io, key) {
  const W = 900, H = 340, L = 60, R = 10, T = 10, B = 40;
  const n = Math.max(1, ...io.series.map(s => s[key].length));
  const max = Math.max(1, ...io.series.flatMap(s => s[key]));
  const x = i => L + (W - L - R) * (n === 1 ? 0.5 : i / (n - 1));
  const y = v => H - B - (H - T - B) * v / max;
  const g = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, preserveAspectRatio: 'none' });
  g.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }),
    svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
  for (let k = 0; k <= 4; k++) {
    const v = max * k / 4;
    g.append(svg('text', { x: L - 4, y: y(v) + 3, 'text-anchor': 'end' }, key === 'bytes' ? bytesText(Math.round(v)) : String(Math.round(v))),
      svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#eee' }));
  }
  const ticks = Math.min(10, n);
  for (let k = 0; k < ticks; k++) {
    const i = Math.round(k * (n - 1) / Math.max(1, ticks - 1));
    g.append(svg('text', { x: x(i), y: H - B + 14, 'text-anchor': 'middle' }, (i * io.interval).toFixed(io.interval < 1 ? 2 : 0) + 's'));
  }
  io.series.forEach((s, si) => {
    const pts = s[key].map((v, i) => x(i) + ',' + y(v)).join(' ');
    if (s[key].length === 1) {
      g.append(svg('circle', { cx: x(0), cy: y(s[key][0]), r: 3, fill: COLORS[si % COLORS.length] }));
    }
    g.append(svg('polyline', { class: 'series', points: pts, fill: 'none', stroke: COLORS[si % COLORS.length], 'stroke-width': 1.5 }));
    g.append(svg('text', { x: L + 10 + si * 260, y: H - 8, fill: COLORS[si % COLORS.length] }, s.filter ? s.filter : 'all packets'));
  });
  return g;
}
