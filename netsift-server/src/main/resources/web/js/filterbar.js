// The display-filter bar: green/red as you type (POST /api/filter/check) and field completion.
import { postJson, getJson, enc } from './api.js';
import { el, $, debounce } from './util.js';

let seq = 0;

/** onApply(filter) is called on Enter / Apply with a filter the server accepted (or empty). */
export function initFilterBar(onApply) {
  const input = $('#filter');
  const list = $('#completions');
  const msg = $('#filter-msg');

  const check = debounce(async () => {
    const f = input.value;
    const mine = ++seq;
    if (!f.trim()) { input.classList.remove('ok', 'bad'); msg.textContent = ''; return; }
    try {
      const r = await postJson('/api/filter/check', { filter: f });
      if (mine !== seq) return;
      input.classList.toggle('ok', r.ok);
      input.classList.toggle('bad', !r.ok);
      msg.textContent = r.ok ? '' : (r.column ? 'column ' + r.column + ': ' : '') + r.message;
    } catch (err) {
      msg.textContent = err.message;
    }
  }, 150);

  const complete = debounce(async () => {
    const m = /[A-Za-z_][\w.-]*$/.exec(input.value.slice(0, input.selectionStart));
    if (!m || m[0].length < 2) { list.hidden = true; return; }
    let fields;
    try { fields = await getJson('/api/fields?limit=20&prefix=' + enc(m[0])); } catch (e) { return; }
    if (!fields.length || (fields.length === 1 && fields[0].name === m[0])) { list.hidden = true; return; }
    list.replaceChildren(...fields.map((f, i) => el('li', { class: i === 0 ? 'sel' : '', dataset: { name: f.name } },
      f.name, el('span', { class: 'd' }, f.description || ''))));
    list.dataset.word = m[0];
    list.hidden = false;
  }, 120);

  function accept(name) {
    const pos = input.selectionStart;
    const word = list.dataset.word || '';
    input.value = input.value.slice(0, pos - word.length) + name + input.value.slice(pos);
    const at = pos - word.length + name.length;
    input.setSelectionRange(at, at);
    list.hidden = true;
    check();
  }

  input.addEventListener('input', () => { check(); complete(); });
  input.addEventListener('keydown', e => {
    const items = [...list.children];
    const sel = items.findIndex(li => li.classList.contains('sel'));
    if (!list.hidden && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const next = (sel + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items.forEach((li, i) => li.classList.toggle('sel', i === next));
      items[next].scrollIntoView({ block: 'nearest' });
    } else if (!list.hidden && e.key === 'Tab' && sel >= 0) {
      e.preventDefault();
      accept(items[sel].dataset.name);
    } else if (e.key === 'Escape') {
      list.hidden = true;
    } else if (e.key === 'Enter') {
      list.hidden = true;
      apply();
    }
  });
  list.addEventListener('mousedown', e => {
    const li = e.target.closest('li');
    if (li) { e.preventDefault(); accept(li.dataset.name); }
  });
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 100));
  $('#apply').addEventListener('click', apply);

  async function apply() {
    const f = input.value.trim();
    if (f) {
      const r = await postJson('/api/filter/check', { filter: f });
      input.classList.toggle('ok', r.ok);
      input.classList.toggle('bad', !r.ok);
      if (!r.ok) { msg.textContent = (r.column ? 'column ' + r.column + ': ' : '') + r.message; return; }
    }
    msg.textContent = '';
    onApply(f);
  }
}

export function resetFilter() {
  const input = $('#filter');
  input.value = '';
  input.classList.remove('ok', 'bad');
  $('#filter-msg').textContent = '';
}
