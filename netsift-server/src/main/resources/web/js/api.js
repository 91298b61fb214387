// Talks to the netsift REST API: one place for the bearer token and the error shape.

const KEY = 'netsift.token';

/** Reads ?token= once from the page's URL, keeps it for the session and drops it from the address bar. */
export function initToken() {
  const url = new URL(location.href);
  const t = url.searchParams.get('token');
  if (t) {
    sessionStorage.setItem(KEY, t);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
}

function headers(extra = {}) {
  const t = sessionStorage.getItem(KEY);
  return t ? { ...extra, Authorization: 'Bearer ' + t } : extra;
}

/** An API error carrying the server's status and {title, details}. */
export class ApiError extends Error {
  constructor(status, body) {
    const details = (body && body.details) || {};
    super(details.message || (body && body.title) || ('HTTP ' + status));
    this.status = status;
    this.details = details;
  }
}

async function check(res) {
  if (res.ok) return res;
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  throw new ApiError(res.status, body);
}

export async function getJson(path, signal) {
  const res = await check(await fetch(path, { headers: headers(), signal }));
  return res.json();
}

export async function postJson(path, data) {
  const res = await check(await fetch(path, {
    method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(data),
  }));
  return res.json();
}

export async function del(path) {
  await check(await fetch(path, { method: 'DELETE', headers: headers() }));
}

/** Uploads a File as the multipart part "file", reporting upload progress (XHR: fetch has none). */
export function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/captures');
    for (const [k, v] of Object.entries(headers())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'network error' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Fetches with the token and saves the answer under the server's file name (via a Blob URL). */
export async function download(path, fallbackName) {
  const res = await check(await fetch(path, { headers: headers() }));
  const cd = res.headers.get('Content-Disposition') || '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m ? decodeURIComponent(m[1]) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  return blob.size;
}

export function enc(s) { return encodeURIComponent(s); }
