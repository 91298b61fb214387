// netsift web UI: capture list, then Wireshark's three panes for one capture.
import { initToken, getJson, download } from './js/api.js';
import { $, setStatus, closeDialog, debounce } from './js/util.js';
import { initCaptures, refresh, stopPolling } from './js/captures.js';
import { initFilterBar, resetFilter } from './js/filterbar.js';
import { PacketList } from './js/packetlist.js';
import { Detail } from './js/detail.js';
import { followTcp, ioGraph, phs } from './js/views.js';

initToken();

const detail = new Detail();
// the server dissects up to the packet asked for: wait until the selection rests before asking
const showDetail = debounce(no => detail.show(current.id, no).catch(err => setStatus(err.message)), 120);
const list = new PacketList(showDetail);
let current = null;

initCaptures(id => { location.hash = 'capture=' + id; });
initFilterBar(f => list.setFilter(f));

$('#back').addEventListener('click', () => { location.hash = ''; });
$('#dialog-close').addEventListener('click', closeDialog);
document.addEventListener('keydown', e => { if (e.key === 'Escape' && !$('#dialog').hidden) closeDialog(); });
$('#download').addEventListener('click', async () => {
  const q = list.filter ? '?filter=' + encodeURIComponent(list.filter) : '';
  try {
    const size = await download('/api/captures/' + current.id + '/download' + q, current.name.replace(/\.\w+$/, '') + '-filtered.pcapng');
    setStatus('downloaded ' + size + ' bytes');
  } catch (err) {
    setStatus(err.message);
  }
});
$('#open-follow').addEventListener('click', () => {
  // the selected packet's tcp.stream, else stream 0
  const node = document.querySelector('#tree .node[data-name="tcp.stream"]');
  followTcp(current.id, node && node.dataset.value !== '' ? Number(node.dataset.value) : 0);
});
$('#open-io').addEventListener('click', () => ioGraph(current, list.filter));
$('#open-phs').addEventListener('click', () => phs(current.id, list.filter));

async function route() {
  const m = /capture=(\d+)/.exec(location.hash);
  closeDialog();
  if (!m) {
    current = null;
    $('#capture-view').hidden = true;
    $('#list-view').hidden = false;
    $('#back').hidden = true;
    $('#title').textContent = '';
    detail.clear();
    refresh();
    return;
  }
  stopPolling();
  try {
    current = await getJson('/api/captures/' + m[1]);
  } catch (err) {
    setStatus(err.message);
    location.hash = '';
    return;
  }
  $('#list-view').hidden = true;
  $('#capture-view').hidden = false;
  $('#back').hidden = false;
  $('#title').textContent = current.name + ' · ' + current.packets + ' packets';
  resetFilter();
  detail.clear();
  await list.open(current.id);
  $('#packet-list').focus();
}

window.addEventListener('hashchange', route);
route();
