// The packet list: virtual scrolling over the server's paged rows. Only the rows in view exist in
// the DOM; pages of PAGE rows are fetched by offset when they come into view and kept in a small
// cache. Row height is fixed; past MAX_PX of scroll height the scroll position maps to a row
// proportionally so a million packets still fit in what the browser can scroll.
import { getJson, enc } from './api.js';
import { el, $, setStatus } from './util.js';

const ROW = 20;
const PAGE = 200;
const MAX_PX = 8_000_000;
const CACHE_PAGES = 60;

export class PacketList {
  constructor(onSelect) {
    this.onSelect = onSelect;
    this.scroll = $('#pl-scroll');
    this.spacer = $('#pl-spacer');
    this.rowsEl = $('#pl-rows');
    this.cache = new Map();
    this.loading = new Map();
    this.total = 0;
    this.gen = 0;
    this.sort = 'no';
    this.filter = '';
    this.selIndex = -1;
    this.scroll.addEventListener('scroll', () => this.render());
    new ResizeObserver(() => this.render()).observe(this.scroll);
    this.rowsEl.addEventListener('click', e => {
      const r = e.target.closest('.row');
      if (r && r.dataset.index) this.select(Number(r.dataset.index));
    });
    $('#packet-list').addEventListener('keydown', e => this.key(e));
    for (const h of document.querySelectorAll('.plhead span')) {
      h.addEventListener('click', () => {
        const k = h.dataset.sort;
        this.setSort(this.sort === k ? '-' + k : k);
      });
    }
  }

  /** Shows capture `id` with `filter`; resolves once the first page is there. */
  async open(id, filter = '') {
    this.id = id;
    this.filter = filter;
    this.selIndex = -1;
    return this.reload();
  }

  setFilter(filter) { this.filter = filter; this.selIndex = -1; return this.reload(); }

  setSort(sort) {
    this.sort = sort;
    for (const h of document.querySelectorAll('.plhead span')) {
      h.classList.toggle('asc', h.dataset.sort === sort);
      h.classList.toggle('desc', '-' + h.dataset.sort === sort);
    }
    const no = this.selNo;
    this.selIndex = -1;
    return this.reload().then(() => { if (no != null) this.selNo = no; this.render(); });
  }

  async reload() {
    this.gen++;
    this.cache.clear();
    this.loading.clear();
    this.scroll.scrollTop = 0;
    const page = await this.fetchPage(0, this.gen);
    if (page) {
      this.total = page.total;
      this.spacer.style.height = Math.min(this.total * ROW, MAX_PX) + 'px';
      setStatus(this.total + ' packets' + (this.filter ? ' match "' + this.filter + '"' : ''));
    }
    this.render();
  }

  url(offset) {
    return '/api/captures/' + this.id + '/packets?offset=' + offset + '&limit=' + PAGE
      + '&sort=' + enc(this.sort) + (this.filter ? '&filter=' + enc(this.filter) : '');
  }

  /** Page p of the current view (from the cache, the request already on its way, or a new one); null if stale. */
  fetchPage(p, gen) {
    if (this.cache.has(p)) return Promise.resolve(this.cache.get(p));
    if (this.loading.has(p)) return this.loading.get(p);
    const promise = getJson(this.url(p * PAGE)).then(page => {
      if (gen !== this.gen) return null;
      this.cache.set(p, page);
      if (this.cache.size > CACHE_PAGES) this.cache.delete(this.cache.keys().next().value);
      return page;
    }, err => {
      if (gen === this.gen) setStatus(err.message);
      return null;
    }).finally(() => { if (gen === this.gen) this.loading.delete(p); });
    this.loading.set(p, promise);
    return promise;
  }

  /** The first visible row, fractional. */
  firstRow() {
    const view = this.scroll.clientHeight;
    const maxScroll = this.spacer.offsetHeight - view;
    const rowsInView = view / ROW;
    if (maxScroll <= 0) return 0;
    return Math.min(1, this.scroll.scrollTop / maxScroll) * Math.max(0, this.total - rowsInView);
  }

  visibleCount() { return Math.ceil(this.scroll.clientHeight / ROW) + 1; }

  render() {
    const first = this.firstRow();
    const start = Math.floor(first);
    const count = Math.min(this.visibleCount(), Math.max(0, this.total - start));
    this.rowsEl.style.transform = 'translateY(' + (this.scroll.scrollTop - (first - start) * ROW) + 'px)';
    const rows = [];
    const want = new Set();
    for (let i = start; i < start + count; i++) {
      const p = Math.floor(i / PAGE);
      const page = this.cache.get(p);
      const r = page && page.rows[i - p * PAGE];
      if (!r) want.add(p);
      rows.push(this.rowEl(i, r));
    }
    this.rowsEl.replaceChildren(...rows);
    for (const p of want) {
      if (this.loading.has(p)) continue;
      const gen = this.gen;
      this.fetchPage(p, gen).then(page => { if (page && gen === this.gen) this.render(); });
    }
  }

  rowEl(i, r) {
    if (!r) return el('div', { class: 'row loading', dataset: { index: i } }, el('span', {}, String(i + 1)), el('span', {}, '…'));
    const sel = r.no === this.selNo;
    if (sel) this.selIndex = i;
    const e = el('div', { class: 'row' + (sel ? ' sel' : ''), dataset: { index: i, no: r.no }, title: r.rule || '' },
      el('span', {}, r.no), el('span', {}, r.relTime ?? r.time), el('span', {}, r.src), el('span', {}, r.dst),
      el('span', { class: 'proto' }, r.proto), el('span', {}, r.len), el('span', { class: 'info' }, r.info));
    if (r.bg) e.style.background = r.bg;
    if (r.fg) e.style.color = r.fg;
    return e;
  }

  rowAt(i) {
    const p = Math.floor(i / PAGE);
    const page = this.cache.get(p);
    return page ? page.rows[i - p * PAGE] : null;
  }

  async select(i) {
    if (i < 0 || i >= this.total) return;
    this.selIndex = i;
    this.ensureVisible(i);
    let r = this.rowAt(i);
    if (!r) {
      const page = await this.fetchPage(Math.floor(i / PAGE), this.gen);
      r = page && page.rows[i % PAGE];
    }
    if (!r) return;
    this.selNo = r.no;
    this.render();
    this.onSelect(r.no);
  }

  ensureVisible(i) {
    const first = this.firstRow();
    const rowsInView = Math.floor(this.scroll.clientHeight / ROW);
    if (i >= first && i < first + rowsInView - 1) return;
    const target = i < first ? i : i - rowsInView + 1;
    this.scrollToRow(target);
  }

  scrollToRow(i) {
    const view = this.scroll.clientHeight;
    const maxScroll = this.spacer.offsetHeight - view;
    const span = Math.max(1, this.total - view / ROW);
    this.scroll.scrollTop = Math.max(0, Math.min(1, i / span)) * maxScroll;
    this.render();
  }

  key(e) {
    const page = Math.max(1, Math.floor(this.scroll.clientHeight / ROW) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let i;
    if (e.key in moves) i = Math.max(0, Math.min(this.total - 1, (this.selIndex < 0 ? -1 : this.selIndex) + moves[e.key]));
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = this.total - 1;
    else return;
    e.preventDefault();
    this.select(i);
  }
}
