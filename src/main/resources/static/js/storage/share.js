// The recipient's page of a vault share link (/s/<token>#<key>): no account, no vault keys. The key
// in the fragment (never sent anywhere: browsers keep fragments to themselves, and this script puts
// it in no request) opens the encrypted manifest; the manifest gives each file's name, size and
// content key; the server serves only ciphertext. See docs/vault-format.md, "How sharing adds to it".
// The file list and the download are exported: "Shared with me" in the panel (peer-shares.js) shows
// a share from another customer with the same code once its key is unwrapped.
import { contentKeyOpener, decryptContent, fromBase64, openManifest } from './vault-crypto.js';

const $ = (id) => document.getElementById(id);
const app = $('share-app');
const base = app?.dataset.base;
const texts = Object.fromEntries(Array.from(document.querySelectorAll('#share-texts li'), (li) => [li.dataset.key, li.textContent]));
const pageTexts = (key, ...args) => (texts[key] ?? key).replace(/\{(\d)\}/g, (_, i) => args[i]);
const language = document.documentElement.lang || 'en';

function status(message, bad = false) {
  const el = $('share-status');
  el.hidden = !message;
  el.textContent = message || '';
  el.classList.toggle('bad', bad);
}

/** Binary (IEC) units, as in the panel: 1 KiB = 1024 B. */
function formatSize(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return new Intl.NumberFormat(language, { maximumFractionDigits: i ? 1 : 0 }).format(n) + ' ' + units[i];
}

function keyFromFragment() {
  const fragment = location.hash.slice(1);
  if (!/^[A-Za-z0-9_-]{43}$/.test(fragment)) return null;
  return fromBase64(fragment);
}

/**
 * Downloads one file: the ciphertext streams in, is authenticated and decrypted chunk by chunk, and
 * the cleartext goes into Blob parts of a few MiB (kept on disk by the browser when large), so a
 * file of hundreds of MiB does not fill the tab's memory.
 */
export async function downloadFile(url, file, row, t = pageTexts) {
  const bar = row.querySelector('progress');
  const info = row.querySelector('.state');
  info.textContent = t('decrypting');
  try {
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw new Error('status ' + response.status);
    const parts = [];
    let pending = [], pendingSize = 0, done = 0;
    for await (const piece of decryptContent(response.body, contentKeyOpener(fromBase64(file.key)))) {
      pending.push(piece); pendingSize += piece.length; done += piece.length;
      if (pendingSize >= 4 * 1024 * 1024) { parts.push(new Blob(pending)); pending = []; pendingSize = 0; }
      bar.value = file.size ? done / file.size : 1;
    }
    if (pending.length) parts.push(new Blob(pending));
    const href = URL.createObjectURL(new Blob(parts, { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = href;
    a.download = file.path.split('/').pop();
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
    bar.value = 1;
    info.textContent = t('downloaded');
    row.dataset.state = 'done';
  } catch (e) {
    console.warn('share: download failed ' + (e && e.name)); // never names or keys
    info.textContent = t('failed');
    row.dataset.state = 'failed';
  }
}

/**
 * Lists a manifest's files in {@code body}, each with a download button, a progress bar and a state;
 * {@code blobUrl(file)} is where the file's ciphertext is ({@code file.index}: its place in the manifest).
 */
export function renderFiles(body, manifestFiles, blobUrl, t = pageTexts) {
  const files = manifestFiles.map((f, index) => ({ ...f, index }));
  if (!files.length) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 3;
    td.textContent = t('empty');
    tr.append(td);
    body.replaceChildren(tr);
  } else {
    body.replaceChildren(...files.map((file) => {
      const tr = document.createElement('tr');
      tr.dataset.name = file.path;
      const name = document.createElement('td');
      name.textContent = file.path;
      const size = document.createElement('td');
      size.textContent = formatSize(file.size);
      const actions = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.dataset.action = 'download';
      button.textContent = t('download');
      const bar = document.createElement('progress');
      bar.max = 1;
      bar.value = 0;
      bar.setAttribute('aria-label', file.path);
      const state = document.createElement('span');
      state.className = 'state';
      button.addEventListener('click', () => downloadFile(blobUrl(file), file, tr, t));
      actions.append(button, bar, state);
      tr.append(name, size, actions);
      return tr;
    }));
  }
}

async function start() {
  const key = keyFromFragment();
  if (!key) { status(pageTexts('noKey'), true); return; }
  const response = await fetch(base + '/manifest', { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) { status(pageTexts('failed'), true); return; }
  let manifest;
  try {
    manifest = await openManifest(key, new Uint8Array(await response.arrayBuffer()));
  } catch {
    status(pageTexts('badKey'), true);
    return;
  } finally {
    key.fill(0);
  }
  $('share-name').textContent = manifest.name + (manifest.folder ? '/' : '');
  renderFiles($('share-listing').tBodies[0], manifest.files || [], (file) => base + '/blobs/' + file.index);
  app.dataset.ready = 'true';
}

if (app) start().catch((e) => { console.warn('share: ' + (e && e.name)); status(pageTexts('failed'), true); });
