// A Cryptomator vault (format 8) in a Kluis space, reached over WebDAV: the tree of cleartext
// folders and files mapped onto d/XX/YYYY content directories with encrypted names, exactly as
// cryptofs lays it out, so the Cryptomator apps open what this writes and the other way round.
import * as vc from './vault-crypto.js';
import { blobsOf, resumableUpload } from './uploads.js';
import { DavError } from './dav.js';

const ROOT_DIR_ID = '';
const DIR_FILE = 'dir.c9r';
const CONTENTS_FILE = 'contents.c9r';
const NAME_FILE = 'name.c9s';
const SYMLINK_FILE = 'symlink.c9r';
const DIR_ID_BACKUP = 'dirid.c9r';

export class Vault {
  /** @param dav a Dav client; @param space the space's name (its root holds the vault) */
  constructor(dav, space, masterkey, config) {
    this.dav = dav;
    this.space = space;
    this.masterkey = masterkey;
    this.threshold = config.shorteningThreshold;
    this.contentDirs = new Map();
  }

  static async exists(dav, space) {
    return dav.exists(space + '/vault.cryptomator');
  }

  /**
   * Creates a vault in an empty space: masterkey.cryptomator (keys wrapped with the passphrase),
   * vault.cryptomator (signed config) and the root's content directory. Returns the unlocked vault
   * and its recovery key (shown once; never stored).
   */
  static async create(dav, space, passphrase, { scryptCost } = {}) {
    if (await Vault.exists(dav, space) || await dav.exists(space + '/masterkey.cryptomator')) {
      throw new Error('this space already holds a vault');
    }
    const masterkey = vc.Masterkey.generate();
    const config = await vc.createVaultConfig(masterkey);
    await dav.put(space + '/masterkey.cryptomator', await vc.lockMasterkey(masterkey, passphrase, scryptCost), { createOnly: true });
    await dav.put(space + '/vault.cryptomator', config, { createOnly: true });
    const vault = new Vault(dav, space, masterkey, await vc.verifyVaultConfig(config, masterkey));
    await vault.createContentDir(ROOT_DIR_ID);
    return { vault, recoveryKey: await vc.recoveryKey(masterkey) };
  }

  static async unlock(dav, space, passphrase) {
    const token = await dav.getText(space + '/vault.cryptomator');
    const header = vc.peekVaultConfig(token);
    if (header.kid && !String(header.kid).startsWith('masterkeyfile:')) throw new vc.VaultKeyError('unsupported key loader');
    const file = header.kid ? String(header.kid).substring('masterkeyfile:'.length) : 'masterkey.cryptomator';
    if (file.includes('/')) throw new vc.VaultKeyError('the masterkey file must be next to vault.cryptomator');
    const masterkey = await vc.unlockMasterkey(await dav.getText(space + '/' + file), passphrase);
    try {
      return new Vault(dav, space, masterkey, await vc.verifyVaultConfig(token, masterkey));
    } catch (e) {
      masterkey.destroy();
      throw e;
    }
  }

  /** Opens the vault with the recovery key instead of the passphrase, e.g. to set a new passphrase. */
  static async unlockWithRecoveryKey(dav, space, recoveryKey) {
    const masterkey = await vc.fromRecoveryKey(recoveryKey);
    const token = await dav.getText(space + '/vault.cryptomator');
    return new Vault(dav, space, masterkey, await vc.verifyVaultConfig(token, masterkey));
  }

  /** Replaces masterkey.cryptomator with the same keys under a new passphrase. */
  async changePassphrase(passphrase) {
    await this.dav.put(this.space + '/masterkey.cryptomator', await vc.lockMasterkey(this.masterkey, passphrase));
  }

  lock() {
    this.masterkey.destroy();
    this.contentDirs.clear();
  }

  async contentDir(dirId) {
    if (!this.contentDirs.has(dirId)) this.contentDirs.set(dirId, await vc.directoryPath(this.masterkey, dirId));
    return this.space + '/' + this.contentDirs.get(dirId);
  }

  async createContentDir(dirId) {
    const path = await this.contentDir(dirId);
    await this.dav.mkcol(this.space + '/d', true);
    await this.dav.mkcol(path.substring(0, path.lastIndexOf('/')), true);
    await this.dav.mkcol(path, true);
    if (dirId !== ROOT_DIR_ID) {
      // cryptofs keeps an encrypted copy of the id in the directory itself, for disaster recovery
      await this.dav.put(path + '/' + DIR_ID_BACKUP, await vc.encryptBytes(this.masterkey, vc.utf8(dirId)));
    }
  }

  /**
   * The members of the folder {@code dirId}: name, kind (file, folder, symlink), cleartext size,
   * and where each is stored. Nodes whose names do not decrypt (not from this vault) are left out.
   */
  async list(dirId) {
    const base = await this.contentDir(dirId);
    let all;
    try {
      all = await this.dav.propfind(base, 'infinity');
    } catch (e) {
      // a very large folder: the server refuses infinite depth (propfind-finite-depth); walk one level deeper by hand
      if (!(e instanceof DavError) || e.status !== 403) throw e;
      all = await this.dav.propfind(base, '1');
      for (const r of (all || []).slice(1)) {
        if (r.collection) all.push(...((await this.dav.propfind(r.path, '1')) || []).slice(1));
      }
    }
    if (!all) return [];
    const inside = new Map();
    for (const r of all) {
      const rest = r.path.substring(base.length + 1);
      if (!rest) continue;
      const [top, member] = rest.split('/');
      if (!inside.has(top)) inside.set(top, { self: null, members: new Map() });
      if (member === undefined) inside.get(top).self = r;
      else inside.get(top).members.set(member, r);
    }
    const entries = [];
    for (const [stored, { self, members }] of inside) {
      if (!self || stored === DIR_ID_BACKUP) continue;
      const shortened = stored.endsWith('.c9s');
      if (!shortened && !stored.endsWith('.c9r')) continue;
      let ciphertextName = stored;
      if (shortened) {
        if (!members.has(NAME_FILE)) continue;
        ciphertextName = (await this.dav.getText(base + '/' + stored + '/' + NAME_FILE)).trim();
      }
      let name;
      try { name = vc.decryptName(this.masterkey, ciphertextName, dirId); } catch { continue; }
      const path = base + '/' + stored;
      let kind = 'file', size = self.size, modified = self.modified, contents = path;
      if (self.collection) {
        if (members.has(DIR_FILE)) kind = 'folder';
        else if (members.has(SYMLINK_FILE)) kind = 'symlink';
        else if (shortened && members.has(CONTENTS_FILE)) {
          contents = path + '/' + CONTENTS_FILE;
          size = members.get(CONTENTS_FILE).size;
          modified = members.get(CONTENTS_FILE).modified;
        } else continue;
      }
      entries.push({
        name, kind, path, contents, shortened, parent: dirId, ciphertextName, modified,
        size: kind === 'file' ? vc.cleartextLength(size) : null,
      });
    }
    entries.sort((a, b) => (a.kind === 'folder') !== (b.kind === 'folder') ? (a.kind === 'folder' ? -1 : 1)
      : a.name.localeCompare(b.name));
    return entries;
  }

  /** The dir id a folder entry links to (its dir.c9r). */
  async dirIdOf(entry) {
    return (await this.dav.getText(entry.path + '/' + DIR_FILE)).trim();
  }

  /** The dir id of a cleartext path (names from the root), or null when a folder is missing. */
  async resolve(names) {
    let dirId = ROOT_DIR_ID;
    for (const name of names) {
      const entry = (await this.list(dirId)).find((e) => e.name === name && e.kind === 'folder');
      if (!entry) return null;
      dirId = await this.dirIdOf(entry);
    }
    return dirId;
  }

  /** Where a new member called {@code name} goes: its ciphertext name and stored path. */
  async place(parentDirId, name) {
    const ciphertextName = vc.encryptName(this.masterkey, name, parentDirId);
    const stored = await vc.storedName(ciphertextName, this.threshold);
    const path = (await this.contentDir(parentDirId)) + '/' + stored;
    return { ciphertextName, path, shortened: stored.endsWith('.c9s') };
  }

  async mkdir(parentDirId, name) {
    const dirId = crypto.randomUUID();
    const target = await this.place(parentDirId, name);
    await this.createContentDir(dirId);
    await this.dav.mkcol(target.path);
    if (target.shortened) await this.dav.put(target.path + '/' + NAME_FILE, target.ciphertextName);
    await this.dav.put(target.path + '/' + DIR_FILE, dirId, { createOnly: true });
    return dirId;
  }

  /**
   * Encrypts {@code file} chunk by chunk (file.slice(), never the whole file in memory) and uploads
   * it with the resumable protocol. {@code onProgress(fraction)}.
   */
  async upload(parentDirId, name, file, { onProgress, onRetry, transport, base } = {}) {
    const target = await this.place(parentDirId, name);
    let contents = target.path;
    if (target.shortened) {
      await this.dav.mkcol(target.path, true);
      await this.dav.put(target.path + '/' + NAME_FILE, target.ciphertextName);
      contents = target.path + '/' + CONTENTS_FILE;
    }
    const length = vc.ciphertextLength(file.size);
    await resumableUpload({
      base, csrf: this.dav.csrf, space: this.space, path: contents.substring(this.space.length + 1), length,
      pieces: blobsOf(vc.encryptBlob(this.masterkey, file)), transport, onRetry,
      onProgress: (sent) => onProgress?.(length ? sent / length : 1),
    });
  }

  /**
   * The file's cleartext as a ReadableStream: fetched (on the first read) and authenticated and
   * decrypted chunk by chunk as it streams in, with backpressure, so nothing is held whole. A file
   * that ends short of its listed size (a chunk boundary hides truncation from the chunks' tags)
   * errors the stream. {@code onProgress(fraction)}.
   */
  stream(entry, { onProgress } = {}) {
    let pieces = null;
    let done = 0;
    return new ReadableStream({
      pull: async (controller) => {
        pieces ??= vc.decryptStream(this.masterkey, (await this.dav.get(entry.contents)).body);
        const { value, done: end } = await pieces.next();
        if (end) {
          if (entry.size !== null && entry.size !== undefined && done !== entry.size) {
            controller.error(new vc.IntegrityError('the file is shorter than listed'));
          } else {
            controller.close();
          }
          return;
        }
        done += value.length;
        onProgress?.(entry.size ? done / entry.size : 1);
        controller.enqueue(value);
      },
      cancel: async () => { await pieces?.return?.(); },
    }, { highWaterMark: 0 });
  }

  /**
   * Downloads and decrypts a file into a Blob, for browsers that cannot stream a download to disk
   * (see save.js): Blob parts of a few MiB, which the browser keeps on disk when large, not in the
   * page's memory.
   */
  async download(entry, { onProgress } = {}) {
    const reader = this.stream(entry, { onProgress }).getReader();
    const parts = [];
    let pending = [], pendingSize = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending.push(value); pendingSize += value.length;
      if (pendingSize >= 4 * 1024 * 1024) { parts.push(new Blob(pending)); pending = []; pendingSize = 0; }
    }
    if (pending.length) parts.push(new Blob(pending));
    return new Blob(parts, { type: 'application/octet-stream' });
  }

  /**
   * Renames and/or moves a file or folder: the node moves to its new encrypted name; a folder keeps
   * its dir id, so its contents stay where they are. Long names switch between .c9r and .c9s forms.
   */
  async move(entry, targetDirId, newName) {
    const target = await this.place(targetDirId, newName);
    const folderLike = entry.kind !== 'file';
    if (target.path === entry.path) return;
    if (await this.dav.exists(target.path)) throw new Error('exists');
    if (!entry.shortened && !target.shortened) {
      await this.dav.move(entry.path, target.path);
    } else if (folderLike || (entry.shortened && target.shortened)) {
      await this.dav.move(entry.path, target.path);
      if (target.shortened) await this.dav.put(target.path + '/' + NAME_FILE, target.ciphertextName);
      else await this.dav.delete(target.path + '/' + NAME_FILE);
    } else if (entry.shortened) {
      await this.dav.move(entry.contents, target.path);
      await this.dav.delete(entry.path);
    } else {
      await this.dav.mkcol(target.path);
      await this.dav.put(target.path + '/' + NAME_FILE, target.ciphertextName);
      await this.dav.move(entry.path, target.path + '/' + CONTENTS_FILE);
    }
  }

  /**
   * Moves a file or folder to the space's trash as one item. A folder's link (…/name.c9r with
   * dir.c9r) goes together with the content directories (d/XX/YYYY…) of the folder and of every
   * folder below it: in this format they live apart from the link, and only this page, holding the
   * keys, can tell which they are. The server keeps them with the trashed link, so restoring gives
   * back the whole tree and purging (or expiry) leaves nothing behind.
   */
  async remove(entry, { api = '/panel/files/api' } = {}) {
    const companions = entry.kind === 'folder' ? await this.contentDirsBelow(entry) : [];
    const relative = (path) => path.substring(this.space.length + 1);
    const response = await fetch(api + '/spaces/' + encodeURIComponent(this.space) + '/trash', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(this.dav.csrf ? { [this.dav.csrf.header]: this.dav.csrf.token } : {}) },
      body: JSON.stringify({ path: relative(entry.path), with: companions.map(relative) }),
    });
    if (!response.ok) throw new DavError('DELETE', response.status);
  }

  /**
   * The stored paths of the content directories of a folder and all folders below it that exist.
   * A folder linking to a directory already seen (a damaged or hostile vault) is not followed again.
   */
  async contentDirsBelow(entry) {
    const out = [];
    const seen = new Set([ROOT_DIR_ID, entry.parent]);
    const walk = async (folder) => {
      const dirId = await this.dirIdOf(folder);
      if (seen.has(dirId)) return;
      seen.add(dirId);
      const path = await this.contentDir(dirId);
      if (!await this.dav.exists(path)) return;
      out.push(path);
      for (const member of await this.list(dirId)) if (member.kind === 'folder') await walk(member);
    };
    await walk(entry);
    return out;
  }

  /**
   * Cleartext names for trash items deleted from the folders whose ids are given (a ciphertext name
   * only decrypts with the id of the folder it was in); the rest stay unnamed.
   */
  nameTrashItems(items, dirIds) {
    return items.map((item) => {
      for (const dirId of dirIds) {
        try {
          return { ...item, cleartext: vc.decryptName(this.masterkey, item.name, dirId) };
        } catch { /* not from this folder */ }
      }
      return { ...item, cleartext: null };
    });
  }
}
