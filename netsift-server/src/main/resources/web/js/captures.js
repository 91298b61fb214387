// The capture list: upload by drag and drop or file picker, indexing progress, open and delete.
import { getJson, upload, del } from './api.js';
import { el, $, setStatus, bytesText } from './util.js';

let pollTimer = 0;

export function initCaptures(onOpen) {
  const drop = $('#drop');
  drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    for (const f of e.dataTransfer.files) send(f);
  });
  $('#upload-input').addEventListener('change', e => {
    for (const f of e.target.files) send(f);
    e.target.value = '';
  });
  $('#captures tbody').addEventListener('click', e => {
    const tr = e.target.closest('tr.capture');
    if (!tr) return;
    if (e.target.classList.contains('delete')) {
      if (confirm('Delete ' + tr.dataset.name + '?')) del('/api/captures/' + tr.dataset.id).then(refresh, err => setStatus(err.message));
      return;
    }
    if (tr.dataset.state === 'ready') onOpen(Number(tr.dataset.id));
  });
}

async function send(file) {
  setStatus('uploading ' + file.name + ' …');
  try {
    const c = await upload(file, p => setStatus('uploading ' + file.name + ' ' + Math.round(p * 100) + '%'));
    setStatus('uploaded ' + c.name + ' (' + c.state + ')');
  } catch (err) {
    setStatus('upload of ' + file.name + ' failed: ' + err.message);
  }
  refresh();
}

/** Reloads the list; polls every 500 ms while some capture is still indexing. */
export async function refresh() {
  clearTimeout(pollTimer);
  let list;
  try {
    list = await getJson('/api/captures');
  } catch (err) {
    setStatus(err.status === 401 ? 'unauthorized: open the page with ?token=…' : err.message);
    return;
  }
  $('#captures tbody').replaceChildren(...list.map(row));
  if (list.some(c => c.state === 'indexing') && !$('#list-view').hidden) {
    pollTimer = setTimeout(refresh, 500);
  }
}

function row(c) {
  const state = c.state === 'indexing'
    ? el('span', {}, el('progress', { max: 100, value: c.percent || 0 }), ' ' + (c.percent || 0) + '% · ' + (c.packets || 0))
    : c.state;
  return el('tr', { class: 'capture', dataset: { id: c.id, state: c.state, name: c.name } },
    el('td', { class: 'name' }, c.name,
      (c.warnings || []).map(w => el('div', { class: 'warn' }, w))),
    el('td', {}, bytesText(c.size)),
    el('td', { class: 'packets' }, c.packets ?? ''),
    el('td', {}, c.firstTime || ''),
    el('td', {}, c.uploadedAt || ''),
    el('td', { class: 'state' }, state),
    el('td', {}, el('button', { class: 'delete', title: 'delete' }, '\u2715')));
}

export function stopPolling() { clearTimeout(pollTimer); }
