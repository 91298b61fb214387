// The detail tree of the selected packet and its hex/ASCII pane; selecting a tree node
// highlights the node's bytes (pos, len) in the hex pane.
import { getJson } from './api.js';
import { el, $, hexToBytes } from './util.js';

const open = new Set(); // layer names kept expanded from one packet to the next, as Wireshark does

export class Detail {
  constructor() {
    this.tree = $('#tree');
    this.hex = $('#hex');
    this.tree.addEventListener('click', e => {
      const label = e.target.closest('.label');
      if (!label) return;
      const node = label.parentElement;
      if (e.target === label && e.offsetX < 14 || e.detail === 2) this.toggle(node);
      this.selectNode(node);
    });
    this.tree.addEventListener('keydown', e => this.key(e));
  }

  async show(captureId, no) {
    this.no = no;
    const p = await getJson('/api/captures/' + captureId + '/packets/' + no);
    if (this.no !== no) return;
    this.bytes = hexToBytes(p.bytes);
    this.tree.replaceChildren(el('ul', {}, p.tree.map((n, i) => this.nodeEl(n, 'L' + i + ':' + (n.name || n.label)))));
    this.renderHex();
    this.tree.dataset.no = no;
  }

  clear() { this.tree.replaceChildren(); this.hex.replaceChildren(); delete this.tree.dataset.no; }

  nodeEl(n, key) {
    const kids = n.children || [];
    const li = el('li', { class: 'node' + (kids.length ? ' has' : '') + (open.has(key) ? ' open' : ''),
      dataset: { name: n.name || '', value: n.value ?? '', pos: n.pos ?? '', len: n.len ?? '', key } },
    el('span', { class: 'label', title: n.name || '' }, n.label));
    if (kids.length) li.append(el('ul', {}, kids.map((c, i) => this.nodeEl(c, key + '/' + i))));
    return li;
  }

  toggle(node, force) {
    if (!node.classList.contains('has')) return;
    const on = node.classList.toggle('open', force);
    if (on) open.add(node.dataset.key); else open.delete(node.dataset.key);
  }

  selectNode(node) {
    for (const s of this.tree.querySelectorAll('.label.sel')) s.classList.remove('sel');
    node.querySelector(':scope > .label').classList.add('sel');
    this.selected = node;
    const pos = node.dataset.pos === '' ? -1 : Number(node.dataset.pos);
    const len = node.dataset.len === '' ? 0 : Number(node.dataset.len);
    this.highlight(pos, len);
  }

  /** Visible nodes in order, for keyboard navigation. */
  visibleNodes() {
    return [...this.tree.querySelectorAll('.node')].filter(n => n.offsetParent !== null);
  }

  key(e) {
    const nodes = this.visibleNodes();
    const i = nodes.indexOf(this.selected);
    const cur = this.selected;
    if (e.key === 'ArrowDown' && i + 1 < nodes.length) this.selectNode(nodes[i + 1]);
    else if (e.key === 'ArrowUp' && i > 0) this.selectNode(nodes[i - 1]);
    else if (e.key === 'ArrowRight' && cur) this.toggle(cur, true);
    else if (e.key === 'ArrowLeft' && cur) this.toggle(cur, false);
    else return;
    e.preventDefault();
    if (this.selected) this.selected.scrollIntoView({ block: 'nearest' });
  }

  renderHex() {
    const b = this.bytes;
    const lines = [];
    for (let off = 0; off < b.length; off += 16) {
      const hexCells = [];
      const ascii = [];
      for (let j = 0; j < 16; j++) {
        const k = off + j;
        if (k < b.length) {
          hexCells.push(el('span', { class: 'b', dataset: { i: k } }, b[k].toString(16).padStart(2, '0')), j === 7 ? '  ' : ' ');
          const ch = b[k] >= 0x20 && b[k] < 0x7f ? String.fromCharCode(b[k]) : '.';
          ascii.push(el('span', { class: 'a', dataset: { i: k } }, ch));
        } else {
          hexCells.push('   ', j === 7 ? ' ' : '');
        }
      }
      lines.push(el('div', { class: 'line' }, el('span', { class: 'off' }, off.toString(16).padStart(4, '0')), '  ', hexCells, ' ', ascii));
    }
    this.hex.replaceChildren(...lines);
  }

  highlight(pos, len) {
    for (const s of this.hex.querySelectorAll('.hl')) s.classList.remove('hl');
    if (pos < 0 || len <= 0) return;
    let first = null;
    for (const s of this.hex.querySelectorAll('.b, .a')) {
      const i = Number(s.dataset.i);
      if (i >= pos && i < pos + len) {
        s.classList.add('hl');
        first = first || s;
      }
    }
    if (first) first.scrollIntoView({ block: 'nearest' });
  }
}
