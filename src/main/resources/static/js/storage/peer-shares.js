// Shares to another customer in the file manager (STO-2; docs/vault-format.md, "Shares to another
// customer"): the sharing key pair (made here the first time a vault is unlocked, its private key
// wrapped under that vault's keys), sharing a file or folder with a customer by email address, the
// owner's list of who has access, and "Shared with me". A vault share is the same encrypted
// manifest as a link's; only its key is wrapped for the recipient's public key instead of going
// into a fragment, and the recipient's page shows it with share.js's own list and download.
import {
  base64, fromBase64, generateSharingKeyPair, wrapPrivateKey, unwrapPrivateKey, sharingFingerprint,
  wrapForRecipient, unwrapFromSender, openManifest,
} from './vault-crypto.js';
import { renderFiles } from './share.js';

const API = '/panel/files/api/shares';

export class Sharing {
  /** @param ui the file manager's helpers: json, t, status, fail, button, cell, row, formatDate, formatSize */
  constructor(ui) {
    this.ui = ui;
    this.privateKey = null;
    this.publicKey = null;
  }

  /**
   * After a vault is unlocked: publish a key pair if the account has none (wrapped under this
   * vault's keys), or open the one this vault protects. The private key stays in this page.
   */
  async unlock(vault) {
    const $ = (id) => document.getElementById(id);
    let key = await this.ui.json(API + '/key').catch((e) => { if (e.status === 404) return null; throw e; });
    if (!key) {
      const pair = await generateSharingKeyPair();
      const wrapped = await wrapPrivateKey(vault.masterkey, pair.pkcs8, pair.publicKey);
      pair.pkcs8.fill(0);
      key = await this.ui.json(API + '/key', {
        method: 'PUT', body: JSON.stringify({ space: vault.space, publicKey: base64(pair.publicKey), wrappedPrivateKey: base64(wrapped) }),
      }).catch((e) => { if (e.status === 409) return this.ui.json(API + '/key'); throw e; });
    }
    const publicKey = fromBase64(key.publicKey);
    const fingerprint = await sharingFingerprint(publicKey);
    $('sharing-fingerprint').textContent = fingerprint;
    $('sharing-key').hidden = false;
    if (key.space !== vault.space) { $('sharing-key-elsewhere').hidden = false; return; }
    $('sharing-key-elsewhere').hidden = true;
    this.privateKey = await unwrapPrivateKey(vault.masterkey, fromBase64(key.wrappedPrivateKey), publicKey);
    this.publicKey = publicKey;
  }

  lock() {
    this.privateKey = null;
    this.publicKey = null;
    document.getElementById('incoming-open').hidden = true;
    document.getElementById('incoming-files').tBodies[0].replaceChildren();
  }

  /**
   * Shares {@code entry} with the customer behind {@code email}: looks up their public key, and for a
   * vault wraps the manifest key for it (ECDH-ES) and names the key by its fingerprint, which the
   * server checks is still theirs. Returns the fingerprint, for the owner to compare out of band.
   */
  async share(store, folder, entry, email) {
    const { json, t, status } = this.ui;
    let recipient;
    try {
      recipient = await json(API + '/recipients', { method: 'POST', body: JSON.stringify({ email }) });
    } catch (e) {
      if (e.status === 404 || e.status === 400) { status(t('noRecipient'), true); return null; }
      if (e.status === 429) { status(t('tooManyLookups'), true); return null; }
      throw e;
    }
    const publicKey = fromBase64(recipient.publicKey);
    const fingerprint = await sharingFingerprint(publicKey);
    const { request, fragment } = await store.shareRequest(folder, entry);
    const body = { space: request.space, path: request.path, recipient: email };
    if (fragment) {
      const manifestKey = fromBase64(fragment);
      body.manifest = request.manifest;
      body.files = request.files;
      body.wrappedKey = base64(await wrapForRecipient(publicKey, manifestKey));
      body.recipientKey = fingerprint;
      manifestKey.fill(0);
    }
    await json(API + '/customers', { method: 'POST', body: JSON.stringify(body) });
    status(t('sharedWithCustomer', email, fingerprint));
    return fingerprint;
  }

  /** The owner's shares to customers in this space: who has access, revoke, log. */
  async refreshOutgoing(space, store) {
    const { json, t, cell, row, button, formatDate } = this.ui;
    const body = document.getElementById('customer-shares-listing').tBodies[0];
    const all = (await json(API + '/customers')).filter((s) => s.space === space);
    body.replaceChildren(...(all.length ? all.map((share) => {
      const tr = document.createElement('tr');
      const name = store.shareName(share);
      tr.dataset.name = name;
      tr.dataset.id = share.id;
      tr.dataset.state = share.state;
      tr.append(cell(name + (share.folder ? '/' : '')),
        cell(share.recipient + (share.recipientKey ? ' · ' + share.recipientKey : '')),
        cell(t('shareState.' + share.state)), cell(formatDate(new Date(share.created))));
      const actions = document.createElement('td');
      if (share.state === 'active') actions.append(button(t('revoke'), () => this.revoke(share, space, store), 'secondary', 'revoke-customer'));
      actions.append(button(t('accessLog'), () => this.ui.showLog(tr, API + '/customers/' + share.id + '/log'), 'secondary', 'log'));
      tr.append(actions);
      return tr;
    }) : [row([t('noCustomerShares')])]));
  }

  async revoke(share, space, store) {
    const { json, t, status, fail } = this.ui;
    if (!confirm(t('confirmRevokeCustomer'))) return;
    try {
      await json(API + '/customers/' + share.id, { method: 'DELETE' });
      status(t('revokedCustomer'));
    } catch (e) { fail(e); }
    await this.refreshOutgoing(space, store);
  }

  /** "Shared with me": every share that works now, with who shared it. */
  async refreshIncoming() {
    const { json, t, cell, row, button, formatDate } = this.ui;
    const body = document.getElementById('incoming-listing').tBodies[0];
    const all = await json(API + '/received');
    body.replaceChildren(...(all.length ? all.map((share) => {
      const tr = document.createElement('tr');
      tr.dataset.id = share.id;
      tr.dataset.owner = share.owner;
      tr.dataset.name = share.name ?? '';
      tr.append(cell(share.name ? share.name + (share.folder ? '/' : '') : t('encryptedItem')), cell(share.owner),
        cell(formatDate(new Date(share.created))));
      const actions = document.createElement('td');
      actions.append(button(t('open'), () => this.open(share, tr).catch(this.ui.fail), 'secondary', 'open'));
      tr.append(actions);
      return tr;
    }) : [row([t('nothingShared')])]));
  }

  async open(share, tr, folder = null) {
    const { json, t, status } = this.ui;
    const files = document.getElementById('incoming-files').tBodies[0];
    const base = API + '/received/' + share.id;
    if (share.encrypted) {
      if (!this.privateKey) { status(t('unlockToOpen'), true); return; }
      const sealed = await json(base + '/manifest');
      let manifest;
      const key = await unwrapFromSender(this.privateKey, this.publicKey, fromBase64(sealed.wrappedKey));
      try {
        manifest = await openManifest(key, fromBase64(sealed.manifest));
      } finally {
        key.fill(0);
      }
      tr.dataset.name = manifest.name;
      tr.cells[0].textContent = manifest.name + (manifest.folder ? '/' : '');
      document.getElementById('incoming-name').textContent = manifest.name + (manifest.folder ? '/' : '');
      renderFiles(files, manifest.files || [], (file) => base + '/blobs/' + file.index, t);
    } else if (share.folder) {
      const members = await json(base + '/members' + (folder ? '?folder=' + folder : ''));
      document.getElementById('incoming-name').textContent = share.name + '/';
      files.replaceChildren(...members.map((m) => this.plainRow(share, tr, base, m)));
    } else {
      document.getElementById('incoming-name').textContent = share.name;
      files.replaceChildren(this.plainRow(share, tr, base, { id: share.node, name: share.name, folder: false, size: share.size }));
    }
    document.getElementById('incoming-open').hidden = false;
    status('');
  }

  plainRow(share, tr, base, member) {
    const { t, cell, button, formatSize } = this.ui;
    const row = document.createElement('tr');
    row.dataset.name = member.name;
    const actions = document.createElement('td');
    if (member.folder) {
      actions.append(button(t('open'), () => this.open(share, tr, member.id).catch(this.ui.fail), 'secondary', 'open'));
    } else {
      const a = document.createElement('a');
      a.className = 'button secondary';
      a.href = base + '/files/' + member.id;
      a.download = member.name;
      a.dataset.action = 'download';
      a.textContent = t('download');
      actions.append(a);
    }
    row.append(cell(member.name + (member.folder ? '/' : '')), cell(member.folder ? t('folder') : formatSize(member.size)), actions);
    return row;
  }
}
