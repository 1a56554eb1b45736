// The file manager at /panel/files: spaces and quota, folders, uploads (many files, folders, drag
// and drop, a progress bar per file), download, rename/move, delete, trash with restore. In a vault
// space the same operations run through the browser's Cryptomator-format client (vault-fs.js): the
// passphrase and the keys never leave this page, and the server receives only ciphertext.
import { Dav, DavError, pageCsrf } from './dav.js';
import { Vault } from './vault-fs.js';
import { VaultKeyError, cleartextLength, readContentKey, sealManifest, random, base64, base64urlNoPadding, HEADER_SIZE } from './vault-crypto.js';
import { resumableUpload, blobPieces } from './uploads.js';
import { Sharing } from './peer-shares.js';
import { saveStream } from './save.js';

const $ = (id) => document.getElementById(id);
const texts = Object.fromEntries(Array.from(document.querySelectorAll('#files-texts li'), (li) => [li.dataset.key, li.textContent]));
const t = (key, ...args) => (texts[key] ?? key).replace(/\{(\d)\}/g, (_, i) => args[i]);
const dav = new Dav('/panel/dav/', pageCsrf());
const csrfHeaders = () => (dav.csrf ? { [dav.csrf.header]: dav.csrf.token } : {});
const language = document.documentElement.lang || 'en';

function status(message, bad = false) {
  const el = $('files-status');
  el.hidden = !message;
  el.textContent = message || '';
  el.classList.toggle('bad', bad);
}

function fail(e) {
  console.warn('files: ' + (e && e.name) + ' ' + (e && e.status ? e.status : '')); // never names or keys
  status(e instanceof DavError && (e.status === 405 || e.status === 412) ? t('exists') : t('error'), true);
}

/** Binary (IEC) units everywhere: 1 KiB = 1024 B, so the README's default quota of 10GB shows as 10 GiB. */
export function formatSize(n) {
  if (n === null || n === undefined || n < 0) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return new Intl.NumberFormat(language, { maximumFractionDigits: i ? 1 : 0 }).format(n) + ' ' + units[i];
}

const formatDate = (d) => (d ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(d) : '');

async function json(url, options = {}) {
  const response = await fetch(url, {
    credentials: 'same-origin', ...options,
    headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...csrfHeaders(), ...options.headers },
  });
  if (!response.ok) throw new DavError(options.method || 'GET', response.status);
  return response.status === 204 ? null : response.json();
}

// ---- where files live: a plain space (cleartext paths) or an unlocked vault ------------------

/** A plain space: paths are cleartext names under /panel/dav/<space>/. */
class PlainStore {
  constructor(space) { this.space = space; }
  root() { return { names: [], id: '' }; }
  full(folder, name) { return [this.space, ...folder.names, name].join('/'); }
  async list(folder) {
    const all = (await dav.propfind([this.space, ...folder.names].join('/'), '1')) || [];
    return all.slice(1).map((r) => ({
      name: r.name, kind: r.collection ? 'folder' : 'file', size: r.collection ? null : r.size, modified: r.modified, path: r.path,
    })).sort((a, b) => (a.kind !== b.kind ? (a.kind === 'folder' ? -1 : 1) : a.name.localeCompare(b.name)));
  }
  async enter(folder, entry) { return { names: [...folder.names, entry.name], id: '' }; }
  async resolve(names) { return (await dav.propfind([this.space, ...names].join('/'), '0')) ? { names, id: '' } : null; }
  async mkdir(folder, name) { await dav.mkcol(this.full(folder, name)); return { names: [...folder.names, name], id: '' }; }
  async child(folder, name) {
    return (await this.list(folder)).find((e) => e.name === name && e.kind === 'folder');
  }
  async upload(folder, name, file, onProgress, onRetry) {
    await resumableUpload({
      csrf: dav.csrf, space: this.space, path: [...folder.names, name].join('/'), length: file.size,
      pieces: blobPieces(file), onProgress: (sent) => onProgress(file.size ? sent / file.size : 1), onRetry,
    });
  }
  async download(entry) {
    const a = document.createElement('a');
    a.href = dav.url(entry.path);
    a.download = entry.name;
    a.click();
  }
  async move(entry, folder, name) { await dav.move(entry.path, this.full(folder, name)); }
  async remove(entry) { await dav.delete(entry.path); }
  nameTrash(items) { return items.map((i) => ({ ...i, cleartext: i.name })); }
  /** A plain share: the server reads the file or folder itself; the link needs no key. */
  async shareRequest(folder, entry) { return { request: { space: this.space, path: [...folder.names, entry.name].join('/') }, fragment: '' }; }
  shareName(share) { return share.name; }
}

/** An unlocked vault: folders are dir ids, names and contents are encrypted here. */
class VaultStore {
  constructor(vault) { this.vault = vault; this.seen = new Set(['']); }
  root() { return { names: [], id: '' }; }
  async list(folder) { this.seen.add(folder.id); return this.vault.list(folder.id); }
  async enter(folder, entry) { return { names: [...folder.names, entry.name], id: await this.vault.dirIdOf(entry) }; }
  async resolve(names) { const id = await this.vault.resolve(names); return id === null ? null : { names, id }; }
  async mkdir(folder, name) {
    if (await this.child(folder, name)) throw new DavError('MKCOL', 405);
    return { names: [...folder.names, name], id: await this.vault.mkdir(folder.id, name) };
  }
  async child(folder, name) { return (await this.vault.list(folder.id)).find((e) => e.name === name && e.kind === 'folder'); }
  async upload(folder, name, file, onProgress, onRetry) { await this.vault.upload(folder.id, name, file, { onProgress, onRetry }); }
  /**
   * Streams the decrypted file to disk through the download service worker where the browser can
   * (save.js); elsewhere collects it in Blob parts first. Returns the Blob, or null when streamed.
   */
  async download(entry, onProgress, onStreaming) {
    if (await saveStream(entry.name, entry.size, this.vault.stream(entry, { onProgress }), onStreaming)) return null;
    const blob = await this.vault.download(entry, { onProgress });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = entry.name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return blob;
  }
  async move(entry, folder, name) { await this.vault.move(entry, folder.id, name); }
  async remove(entry) { await this.vault.remove(entry); }
  nameTrash(items) {
    return this.vault.nameTrashItems(items, [...this.seen])
      .map((i) => ({ ...i, size: i.folder ? null : cleartextLength(i.size) }));
  }
  /**
   * A vault share (docs/vault-format.md, "How sharing adds to it"): each file's content key comes out
   * of its header here; names, sizes and those keys go into a manifest encrypted with a fresh random
   * key, and only that key goes into the link's fragment. The vault's own keys never leave the page.
   */
  async shareRequest(folder, entry) {
    const space = this.vault.space;
    const files = [];
    const walk = async (dirId, prefix) => {
      for (const member of await this.vault.list(dirId)) {
        if (member.kind === 'file') files.push({ ...member, sharedPath: prefix + member.name });
        else if (member.kind === 'folder') await walk(await this.vault.dirIdOf(member), prefix + member.name + '/');
      }
    };
    if (entry.kind === 'folder') await walk(await this.vault.dirIdOf(entry), '');
    else files.push({ ...entry, sharedPath: entry.name });
    const listed = [];
    for (const file of files) {
      const head = await dav.request('GET', file.contents, { headers: { Range: 'bytes=0-' + (HEADER_SIZE - 1) } });
      const key = await readContentKey(this.vault.masterkey, new Uint8Array(await head.arrayBuffer()).subarray(0, HEADER_SIZE));
      listed.push({ path: file.sharedPath, size: file.size, key: base64(key) });
      key.fill(0);
    }
    const manifestKey = random(32);
    const manifest = await sealManifest(manifestKey, { v: 1, name: entry.name, folder: entry.kind === 'folder', files: listed });
    const fragment = base64urlNoPadding(manifestKey);
    manifestKey.fill(0);
    const relative = (path) => path.substring(space.length + 1);
    return {
      request: { space, path: relative(entry.path), manifest: base64(manifest), files: files.map((f) => relative(f.contents)) },
      fragment,
    };
  }
  shareName(share) {
    const stored = share.name;
    return this.vault.nameTrashItems([{ name: stored }], [...this.seen])[0].cleartext ?? t('encryptedItem');
  }
}

// ---- state and rendering ---------------------------------------------------------------------

export const app = {
  spaces: [], space: null, store: null, folder: null, entries: [],

  async start() {
    this.spaces = await json('/panel/files/api/spaces');
    const select = $('space-select');
    select.replaceChildren(...this.spaces.map((s) => new Option(s.name + ' (' + t(s.kind.toLowerCase()) + ')', s.name)));
    const wanted = new URLSearchParams(location.search).get('space');
    const initial = this.spaces.find((s) => s.name === wanted) || this.spaces.find((s) => s.kind === 'VAULT') || this.spaces[0];
    if (initial) { select.value = initial.name; await this.selectSpace(initial.name); }
    await this.usage();
  },

  async usage() {
    const u = await json('/panel/files/api/usage');
    const meter = $('quota');
    meter.max = Math.max(1, u.quotaBytes);
    meter.low = meter.max * 0.8;
    meter.high = meter.max * 0.95;
    meter.value = u.usedBytes;
    $('quota-text').textContent = t('usage', formatSize(u.usedBytes), formatSize(u.quotaBytes));
    await sharing.refreshIncoming();
  },

  async selectSpace(name) {
    this.lock(false);
    this.space = this.spaces.find((s) => s.name === name);
    $('webdav-url').textContent = location.origin + '/dav/' + name + '/';
    for (const id of ['vault-create', 'vault-recovery', 'vault-unlock', 'browser', 'trash', 'shares', 'customer-shares', 'share-created']) $(id).hidden = true;
    status('');
    if (this.space.kind === 'VAULT') {
      if (await Vault.exists(dav, name)) $('vault-unlock').hidden = false;
      else $('vault-create').hidden = false;
      return;
    }
    await this.open(new PlainStore(name));
  },

  async open(store) {
    this.store = store;
    this.folder = store.root();
    $('browser').hidden = false;
    $('trash').hidden = false;
    $('shares').hidden = false;
    $('customer-shares').hidden = false;
    $('lock-vault').hidden = !(store instanceof VaultStore);
    if (store instanceof VaultStore) {
      await sharing.unlock(store.vault).catch(fail);
      await sharing.refreshIncoming().catch(fail);
    }
    await this.refresh();
  },

  lock(announce = true) {
    if (this.store instanceof VaultStore) {
      this.store.vault.lock();
      sharing.lock();
      this.store = null;
      $('browser').hidden = true;
      $('trash').hidden = true;
      $('shares').hidden = true;
      $('customer-shares').hidden = true;
      $('customer-shares-listing').tBodies[0].replaceChildren();
      $('share-created').hidden = true;
      $('vault-unlock').hidden = false;
      $('listing').tBodies[0].replaceChildren();
      $('trash-listing').tBodies[0].replaceChildren();
      if (announce) status(t('locked'));
    }
  },

  async refresh() {
    const body = $('listing').tBodies[0];
    body.replaceChildren(row([t('loading')]));
    this.entries = await this.store.list(this.folder);
    this.renderBreadcrumb();
    body.replaceChildren(...(this.entries.length ? this.entries.map((e) => this.entryRow(e)) : [row([t('empty')])]));
    await this.refreshTrash();
    await this.refreshShares();
  },

  renderBreadcrumb() {
    const list = $('breadcrumb').querySelector('ol');
    const crumbs = [{ label: t('root'), names: [] }, ...this.folder.names.map((n, i) => ({ label: n, names: this.folder.names.slice(0, i + 1) }))];
    list.replaceChildren(...crumbs.map((c, i) => {
      const li = document.createElement('li');
      if (i === crumbs.length - 1) {
        const span = document.createElement('span');
        span.textContent = c.label;
        span.setAttribute('aria-current', 'location');
        li.append(span);
      } else {
        li.append(button(c.label, async () => { this.folder = await this.store.resolve(c.names); await this.refresh(); }, 'link'));
      }
      return li;
    }));
  },

  entryRow(entry) {
    const tr = document.createElement('tr');
    tr.dataset.name = entry.name;
    const name = document.createElement('td');
    if (entry.kind === 'folder') {
      name.append(button(entry.name, async () => { this.folder = await this.store.enter(this.folder, entry); await this.refresh(); }, 'link'));
    } else {
      name.textContent = entry.name;
    }
    const size = cell(entry.kind === 'folder' ? t('folder') : formatSize(entry.size));
    const actions = document.createElement('td');
    if (entry.kind === 'file') actions.append(button(t('download'), () => this.download(entry), 'secondary', 'download'));
    actions.append(button(t('share'), () => this.shareForm(tr, entry), 'secondary', 'share'),
      button(t('rename'), () => this.renameForm(tr, entry), 'secondary', 'rename'),
      button(t('delete'), () => this.remove(entry), 'secondary', 'delete'));
    tr.append(name, size, cell(formatDate(entry.modified)), actions);
    return tr;
  },

  renameForm(tr, entry) {
    const td = document.createElement('td');
    td.colSpan = 4;
    const form = document.createElement('form');
    form.className = 'files-inline';
    const id = 'rename-' + Math.random().toString(36).slice(2);
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = t('newName');
    const input = document.createElement('input');
    input.id = id;
    input.required = true;
    input.value = '/' + [...this.folder.names, entry.name].join('/');
    const save = button(t('save'), null, '', 'save');
    save.type = 'submit';
    form.append(label, input, save, button(t('cancel'), () => this.refresh(), 'secondary'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.move(entry, input.value); });
    td.append(form);
    tr.replaceChildren(td);
    input.focus();
    input.setSelectionRange(input.value.length - entry.name.length, input.value.length);
  },

  /** The share form in place of the row: optional expiry, password and download limit. */
  shareForm(tr, entry) {
    const td = document.createElement('td');
    td.colSpan = 4;
    const form = document.createElement('form');
    form.className = 'files-inline share-form';
    const field = (key, type, name) => {
      const id = 'share-' + name + '-' + Math.random().toString(36).slice(2);
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = t(key);
      const input = document.createElement('input');
      input.id = id;
      input.type = type;
      input.name = name;
      input.autocomplete = 'off';
      if (type === 'number') input.min = '1';
      form.append(label, input);
      return input;
    };
    const expires = field('shareExpires', 'date', 'expires');
    const password = field('sharePassword', 'password', 'password');
    password.autocomplete = 'new-password';
    const limit = field('shareLimit', 'number', 'limit');
    const create = button(t('shareCreate'), null, '', 'share-create');
    create.type = 'submit';
    form.append(create);
    const email = field('shareCustomer', 'email', 'recipient');
    form.append(button(t('shareWithCustomer'), () => this.shareWithCustomer(entry, email.value.trim()), 'secondary', 'share-customer'),
      button(t('cancel'), () => this.refresh(), 'secondary'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.share(entry, {
        expiresAt: expires.value ? new Date(expires.value + 'T23:59:59').toISOString() : null,
        password: password.value || null,
        downloadLimit: limit.value ? Number(limit.value) : null,
      });
    });
    td.append(form);
    tr.replaceChildren(td);
    expires.focus();
  },

  /** Creates the link and shows it once (with the vault share's key after the #). */
  async share(entry, options) {
    try {
      const { request, fragment } = await this.store.shareRequest(this.folder, entry);
      const created = await json('/panel/files/api/shares', { method: 'POST', body: JSON.stringify({ ...request, ...options }) });
      const url = created.url + (fragment ? '#' + fragment : '');
      await this.refresh();
      const output = $('share-created');
      $('share-url').value = url;
      output.hidden = false;
      $('share-url').select();
      status(t('shareCreated'));
      return url;
    } catch (e) { fail(e); await this.refresh(); return null; }
  },

  /** Shares with another customer (peer-shares.js): by email address, for a vault with the key wrapped for theirs. */
  async shareWithCustomer(entry, email) {
    if (!email) { status(t('noRecipient'), true); return null; }
    let fingerprint = null;
    try { fingerprint = await sharing.share(this.store, this.folder, entry, email); } catch (e) { fail(e); }
    await this.refresh();
    return fingerprint;
  },

  async refreshShares() {
    const body = $('shares-listing').tBodies[0];
    const all = (await json('/panel/files/api/shares')).filter((s) => s.space === this.space.name);
    body.replaceChildren(...(all.length ? all.map((share) => {
      const tr = document.createElement('tr');
      const name = this.store.shareName(share);
      tr.dataset.name = name;
      tr.dataset.id = share.id;
      tr.dataset.state = share.state;
      tr.append(cell(name + (share.folder ? '/' : '')), cell(t('shareState.' + share.state)),
        cell(t('downloads', share.downloads) + (share.downloadLimit ? ' / ' + share.downloadLimit : '')),
        cell(formatDate(new Date(share.created))));
      const actions = document.createElement('td');
      if (share.state === 'active') actions.append(button(t('revoke'), () => this.revoke(share), 'secondary', 'revoke'));
      actions.append(button(t('accessLog'), () => this.showLog(tr, share), 'secondary', 'log'));
      tr.append(actions);
      return tr;
    }) : [row([t('noShares')])]));
    await sharing.refreshOutgoing(this.space.name, this.store);
  },

  async revoke(share) {
    if (!confirm(t('confirmRevoke'))) return;
    try {
      await json('/panel/files/api/shares/' + share.id, { method: 'DELETE' });
      $('share-created').hidden = true;
      status(t('revoked'));
    } catch (e) { fail(e); }
    await this.refreshShares();
  },

  async showLog(tr, share) { await showLogAt(tr, '/panel/files/api/shares/' + share.id + '/log'); },

  /** Renames or moves: {@code target} is a path from the top ("/a/b/name") or a new name here. */
  async move(entry, target) {
    try {
      const names = target.startsWith('/') ? target.split('/').filter(Boolean) : [...this.folder.names, ...target.split('/').filter(Boolean)];
      if (!names.length) { status(t('nameMissing'), true); return; }
      const folder = await this.store.resolve(names.slice(0, -1));
      if (!folder) { status(t('error'), true); return; }
      await this.store.move(entry, folder, names[names.length - 1]);
      status(t('moved'));
    } catch (e) { if (e.message === 'exists') status(t('exists'), true); else fail(e); }
    await this.refresh();
  },

  async remove(entry) {
    if (!confirm(t('confirmDelete'))) return;
    try { await this.store.remove(entry); status(t('deleted')); } catch (e) { fail(e); }
    await this.refresh();
    await this.usage();
  },

  async download(entry) {
    const item = transfer(entry.name, t('decrypting'));
    try {
      const blob = await this.store.download(entry, (f) => item.progress(f), () => {
        item.element.dataset.via = 'stream';
        item.phase('saving', t('saving'));
      });
      item.done(t('downloaded'));
      return blob;
    } catch (e) { item.done(t('failed'), true); fail(e); return null; }
  },

  async mkdir(name) {
    if (!name) { status(t('nameMissing'), true); return; }
    try { await this.store.mkdir(this.folder, name); status(t('created')); } catch (e) { fail(e); }
    await this.refresh();
  },

  /**
   * Uploads files, each with its path relative to the current folder ("a/b/c.txt" from a dropped
   * or chosen folder), creating folders on the way; {@link UPLOADS_AT_ONCE} at a time, one progress
   * bar per file and one for all of them.
   */
  async upload(items) {
    const rows = items.map(({ path }) => transfer(path, t('waiting')));
    const total = overall.add(items);
    // One promise per folder path, so uploads running side by side create a new folder only once.
    const folders = new Map([['', Promise.resolve(this.folder)]]);
    const folderFor = (names) => {
      let key = '';
      let folder = folders.get('');
      for (const name of names) {
        const next = key ? key + '/' + name : name;
        if (!folders.has(next)) {
          folders.set(next, folder.then(async (parent) => {
            const existing = await this.store.child(parent, name);
            return existing ? this.store.enter(parent, existing) : this.store.mkdir(parent, name);
          }));
        }
        folder = folders.get(next);
        key = next;
      }
      return folder;
    };
    let failed = 0;
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        const names = items[i].path.split('/').filter(Boolean);
        rows[i].phase('uploading', t('uploading'));
        try {
          const folder = await folderFor(names.slice(0, -1));
          await this.store.upload(folder, names[names.length - 1], items[i].file,
            (f) => { rows[i].progress(f); total.progress(i, f); },
            () => rows[i].phase('resuming', t('resuming')));
          rows[i].done(t('uploaded'));
        } catch (e) {
          failed++;
          rows[i].done(t('failed'), true);
          console.warn('files: upload failed ' + (e && e.name) + ' ' + (e && e.status ? e.status : ''));
        }
        total.finished(i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(UPLOADS_AT_ONCE, items.length) }, worker));
    if (failed) status(t('error'), true);
    await this.refresh();
    await this.usage();
    return failed;
  },

  async refreshTrash() {
    const body = $('trash-listing').tBodies[0];
    const items = this.store.nameTrash(await json('/panel/files/api/spaces/' + encodeURIComponent(this.space.name) + '/trash'));
    if (this.store instanceof VaultStore) {
      // In a vault only what the page can name is the user's: a deleted file or folder link.
      // The housekeeping files a rename leaves (name.c9s) have no cleartext name; hide them.
      for (const item of items) if (!item.cleartext && !/\.c9[rs]$/.test(item.name)) item.hidden = true;
    }
    const visible = items.filter((i) => !i.hidden);
    body.replaceChildren(...(visible.length ? visible.map((item) => {
      const tr = document.createElement('tr');
      tr.dataset.name = item.cleartext ?? '';
      tr.append(cell(item.cleartext ?? t('unknownName')), cell(item.folder ? t('folder') : formatSize(item.size)),
        cell(formatDate(new Date(item.deletedAt))));
      const actions = document.createElement('td');
      actions.append(button(t('restore'), () => this.trashAction(item, 'restore'), 'secondary', 'restore'),
        button(t('purge'), () => this.trashAction(item, 'purge'), 'secondary', 'purge'));
      tr.append(actions);
      return tr;
    }) : [row([t('trashEmpty')])]));
  },

  async trashAction(item, action) {
    if (action === 'purge' && !confirm(t('confirmPurge'))) return;
    const base = '/panel/files/api/spaces/' + encodeURIComponent(this.space.name) + '/trash/' + item.id;
    try {
      await json(action === 'restore' ? base + '/restore' : base, { method: action === 'restore' ? 'POST' : 'DELETE' });
      status(action === 'restore' ? t('restored') : t('deleted'));
    } catch (e) { fail(e); }
    await this.refresh();
    await this.usage();
  },

  async createVault(passphrase, again) {
    if (passphrase.length < 12) { status(t('tooShort'), true); return null; }
    if (passphrase !== again) { status(t('mismatch'), true); return null; }
    $('create-progress').hidden = false;
    try {
      const { vault, recoveryKey } = await Vault.create(dav, this.space.name, passphrase);
      $('vault-create').hidden = true;
      $('recovery-key').textContent = recoveryKey;
      $('vault-recovery').hidden = false;
      $('recovery-done').focus();
      this.pending = vault;
      return recoveryKey;
    } catch (e) { fail(e); return null; } finally { $('create-progress').hidden = true; }
  },

  async recoveryStored() {
    $('recovery-key').textContent = '';
    $('vault-recovery').hidden = true;
    const vault = this.pending;
    this.pending = null;
    await this.open(new VaultStore(vault));
    await this.usage();
  },

  async unlock(passphrase) {
    status(t('loading'));
    try {
      const vault = await Vault.unlock(dav, this.space.name, passphrase);
      $('vault-unlock').hidden = true;
      await this.open(new VaultStore(vault));
      status(t('unlocked'));
      return true;
    } catch (e) {
      if (e instanceof VaultKeyError) status(t('wrongPassphrase'), true); else fail(e);
      return false;
    }
  },

  async recover(key, passphrase, again) {
    if (passphrase.length < 12) { status(t('tooShort'), true); return; }
    if (passphrase !== again) { status(t('mismatch'), true); return; }
    try {
      const vault = await Vault.unlockWithRecoveryKey(dav, this.space.name, key);
      await vault.changePassphrase(passphrase);
      $('vault-unlock').hidden = true;
      await this.open(new VaultStore(vault));
      status(t('passphraseChanged'));
    } catch (e) {
      if (e instanceof VaultKeyError) status(t('recoveryMismatch'), true); else fail(e);
    }
  },
};

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function row(texts) {
  const tr = document.createElement('tr');
  const td = cell(texts[0]);
  td.colSpan = 4;
  tr.append(td);
  return tr;
}

function button(label, onClick, className = '', action = '') {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (className) b.className = className;
  if (action) b.dataset.action = action;
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

/** How many uploads run side by side: enough to hide each one's round trips, few enough to share the line. */
export const UPLOADS_AT_ONCE = 3;

/**
 * The bar for all uploads in progress (every batch started while others run counts in): files
 * finished of all, bytes sent of all. Starts again from zero once everything has finished.
 */
const overall = {
  files: 0, finished: 0, bytes: 0, sent: new Map(), running: 0,
  add(items) {
    if (!this.running) { this.files = 0; this.finished = 0; this.bytes = 0; this.sent = new Map(); }
    const batch = {};
    this.running += items.length;
    this.files += items.length;
    this.bytes += items.reduce((sum, { file }) => sum + file.size, 0);
    items.forEach(({ file }, i) => { const key = {}; batch[i] = { key, size: file.size }; this.sent.set(key, 0); });
    $('transfers-total').hidden = false;
    this.render();
    return {
      progress: (i, f) => { this.sent.set(batch[i].key, Math.min(1, f) * batch[i].size); this.render(); },
      finished: (i) => { this.sent.set(batch[i].key, batch[i].size); this.finished++; this.running--; this.render(); },
    };
  },
  render() {
    let sent = 0;
    for (const n of this.sent.values()) sent += n;
    const bar = $('transfers-total-bar');
    bar.value = this.bytes ? sent / this.bytes : (this.files ? this.finished / this.files : 0);
    $('transfers-total-text').textContent = t('uploadTotal', this.finished, this.files, formatSize(sent), formatSize(this.bytes));
    $('transfers-total').dataset.state = this.running ? 'running' : 'done';
  },
};

/** A row in the transfers list with its own progress bar. */
function transfer(label, state) {
  const li = document.createElement('li');
  const name = document.createElement('span');
  name.textContent = label;
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute('aria-label', label);
  const info = document.createElement('span');
  info.textContent = state;
  li.append(name, bar, info);
  $('transfers').append(li);
  return {
    element: li,
    progress(f) {
      bar.value = Math.min(1, f);
      if (li.dataset.phase === 'resuming') { li.dataset.phase = 'uploading'; info.textContent = t('uploading'); }
    },
    phase(phase, text) { li.dataset.phase = phase; info.textContent = text; },
    done(text, bad = false) { bar.value = bad ? bar.value : 1; info.textContent = text; li.classList.toggle('bad', bad); li.dataset.state = bad ? 'failed' : 'done'; li.dataset.phase = li.dataset.state; },
  };
}

/** Shows a share's access log in a row below {@code tr}. */
async function showLogAt(tr, url) {
  const entries = await json(url);
  const list = document.createElement('ul');
  list.className = 'share-log';
  list.append(...entries.map((e) => {
    const li = document.createElement('li');
    li.textContent = formatDate(new Date(e.at)) + ' · ' + e.event + ' · ' + e.network;
    return li;
  }));
  tr.nextElementSibling?.classList.contains('share-log-row') && tr.nextElementSibling.remove();
  const logRow = row(['']);
  logRow.className = 'share-log-row';
  logRow.cells[0].replaceChildren(list);
  tr.after(logRow);
}

// ---- dropped folders -------------------------------------------------------------------------

/**
 * The files of a drop with their paths: folders (webkitGetAsEntry, Chromium, Firefox and Safari)
 * are walked, each file keeping its path below the dropped folder.
 */
export async function droppedItems(dataTransfer) {
  const entries = Array.from(dataTransfer.items || [], (i) => i.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length) return Array.from(dataTransfer.files, (file) => ({ path: file.name, file }));
  const out = [];
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      out.push({ path: prefix + entry.name, file: await new Promise((ok, ko) => entry.file(ok, ko)) });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, ko) => reader.readEntries(ok, ko));
        if (!batch.length) break;
        for (const child of batch) await walk(child, prefix + entry.name + '/');
      }
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}

const sharing = new Sharing({ json, t, status, fail, button, cell, row, formatDate, formatSize, showLog: showLogAt });

// ---- wiring ----------------------------------------------------------------------------------

$('space-select').addEventListener('change', (e) => app.selectSpace(e.target.value).catch(fail));
$('new-space').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target;
  try {
    const created = await json('/panel/files/api/spaces', { method: 'POST', body: JSON.stringify({ name: form.name.value, kind: form.kind.value }) });
    const url = new URL(location.href);
    url.searchParams.set('space', created.name);
    location.assign(url);
  } catch (err) { fail(err); }
});
$('vault-create-form').addEventListener('submit', (e) => {
  e.preventDefault();
  app.createVault($('create-passphrase').value, $('create-passphrase-again').value);
  $('create-passphrase').value = '';
  $('create-passphrase-again').value = '';
});
$('recovery-done').addEventListener('click', () => app.recoveryStored().catch(fail));
$('vault-unlock-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const field = $('unlock-passphrase');
  const passphrase = field.value;
  field.value = '';
  await app.unlock(passphrase);
});
$('vault-recover-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  await app.recover($('recover-key').value, $('recover-passphrase').value, $('recover-passphrase-again').value);
  for (const id of ['recover-key', 'recover-passphrase', 'recover-passphrase-again']) $(id).value = '';
});
$('lock-vault').addEventListener('click', () => app.lock());
$('new-folder').addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = $('new-folder-name').value.trim();
  $('new-folder-name').value = '';
  await app.mkdir(name);
});
for (const id of ['pick-files', 'pick-folder']) {
  $(id).addEventListener('change', async (e) => {
    const items = Array.from(e.target.files, (file) => ({ path: file.webkitRelativePath || file.name, file }));
    e.target.value = '';
    await app.upload(items);
  });
}
const zone = $('dropzone');
zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', async (e) => {
  e.preventDefault();
  zone.classList.remove('over');
  await app.upload(await droppedItems(e.dataTransfer));
});
zone.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('pick-files').click(); }
});
window.addEventListener('pagehide', () => app.lock(false));

app.ready = app.start().catch(fail);
