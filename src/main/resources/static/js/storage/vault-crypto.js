// Cryptomator vault format 8 (cipher combo SIV_GCM), in the browser. See docs/vault-format.md.
//
// What runs where:
//  - scrypt (masterkey file's key-encryption key), AES key wrap (RFC 3394) and AES-SIV (RFC 5297:
//    names and directory ids) come from the vendored, audited @noble libraries, because WebCrypto has
//    neither scrypt nor AES-SIV;
//  - AES-GCM (file headers and 32 KiB content chunks), HMAC-SHA256 (vault.cryptomator signature) and
//    SHA-1 (directory paths, shortened names) run in WebCrypto.
// Keys live only in this page's memory: nothing here ever sends a key, a passphrase or a cleartext
// name anywhere; callers store only what a Cryptomator vault contains.
import { aessiv, aeskw } from '../../vendor/noble/ciphers/aes.js';
import { scryptAsync } from '../../vendor/noble/hashes/scrypt.js';

export const FORMAT = 8;
export const SHORTENING_THRESHOLD = 220;
export const CLEARTEXT_CHUNK = 32 * 1024;
export const CHUNK_OVERHEAD = 12 + 16; // GCM nonce + tag
export const CIPHERTEXT_CHUNK = CLEARTEXT_CHUNK + CHUNK_OVERHEAD;
export const HEADER_SIZE = 12 + 8 + 32 + 16; // nonce, reserved, content key, tag
export const SCRYPT_COST = 1 << 15;
export const SCRYPT_BLOCK_SIZE = 8;
const MAX_SCRYPT_COST = 1 << 20; // a foreign masterkey file may not make the page allocate gigabytes
const MASTERKEY_FILE_VERSION = 999; // the legacy field's fixed value since vault format 8
const KID = 'masterkeyfile:masterkey.cryptomator';

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Wrong passphrase or recovery key, or a file that is not what it claims (no detail on purpose). */
export class VaultKeyError extends Error {
  constructor(message = 'wrong passphrase or damaged masterkey file') { super(message); this.name = 'VaultKeyError'; }
}

/** Ciphertext that fails authentication: tampered, truncated or from another vault. */
export class IntegrityError extends Error {
  constructor(message = 'ciphertext failed authentication') { super(message); this.name = 'IntegrityError'; }
}

// ---- encodings -----------------------------------------------------------------------------

export const utf8 = (text) => encoder.encode(text);
export const fromUtf8 = (bytes) => decoder.decode(bytes);

export function random(length) {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

export function base64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text) {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(normal + '='.repeat((4 - (normal.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Base64url with padding, as Cryptomator encodes encrypted names. */
export const base64url = (bytes) => base64(bytes).replace(/\+/g, '-').replace(/\//g, '_');
const base64urlNoPad = (bytes) => base64url(bytes).replace(/=+$/, '');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (upper case, padded), as Cryptomator encodes hashed directory ids. */
export function base32(bytes) {
  let bits = 0, value = 0, out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff; bits += 8;
    while (bits >= 5) { out += BASE32[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function int64(n) {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(n));
  return bytes;
}

function int32(n) {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n);
  return bytes;
}

const sha1 = async (bytes) => new Uint8Array(await subtle.digest('SHA-1', bytes));

async function hmacSha256(key, data) {
  const k = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, data));
}

// ---- the masterkey -------------------------------------------------------------------------

/**
 * The vault's two 256-bit keys: encKey (AES: file headers, and AES-SIV's CTR half) and macKey
 * (HMAC: vault.cryptomator's signature, and AES-SIV's S2V half).
 */
export class Masterkey {
  constructor(encKey, macKey) {
    if (encKey.length !== 32 || macKey.length !== 32) throw new VaultKeyError('a masterkey has two 32-byte keys');
    this.encKey = Uint8Array.from(encKey);
    this.macKey = Uint8Array.from(macKey);
    this.gcm = null;
  }

  static generate() { return new Masterkey(random(32), random(32)); }

  /** encKey ‖ macKey: the vault.cryptomator signing key. */
  raw() { return concat(this.encKey, this.macKey); }

  /** RFC 5297 splits its key into K1 (S2V) ‖ K2 (CTR); Cryptomator uses macKey for S2V, encKey for CTR. */
  siv(...associatedData) { return aessiv(concat(this.macKey, this.encKey), ...associatedData); }

  async gcmKey() {
    if (!this.gcm) this.gcm = await subtle.importKey('raw', this.encKey, 'AES-GCM', false, ['encrypt', 'decrypt']);
    return this.gcm;
  }

  /** Overwrites the raw key bytes (lock); the CryptoKey is dropped for the garbage collector. */
  destroy() { this.encKey.fill(0); this.macKey.fill(0); this.gcm = null; }
}

async function kek(passphrase, salt, cost, blockSize) {
  if (!Number.isInteger(cost) || cost < 2 || cost > MAX_SCRYPT_COST || (cost & (cost - 1)) !== 0
      || !Number.isInteger(blockSize) || blockSize < 1 || blockSize > 64) {
    throw new VaultKeyError('unsupported scrypt parameters');
  }
  return scryptAsync(utf8(passphrase.normalize('NFC')), salt, { N: cost, r: blockSize, p: 1, dkLen: 32 });
}

/** masterkey.cryptomator: the keys wrapped with a key derived from the passphrase by scrypt. */
export async function lockMasterkey(masterkey, passphrase, cost = SCRYPT_COST) {
  const salt = random(8);
  const wrapping = await kek(passphrase, salt, cost, SCRYPT_BLOCK_SIZE);
  try {
    const file = {
      version: MASTERKEY_FILE_VERSION,
      scryptSalt: base64(salt),
      scryptCostParam: cost,
      scryptBlockSize: SCRYPT_BLOCK_SIZE,
      primaryMasterKey: base64(aeskw(wrapping).encrypt(masterkey.encKey)),
      hmacMasterKey: base64(aeskw(wrapping).encrypt(masterkey.macKey)),
      versionMac: base64(await hmacSha256(masterkey.macKey, int32(MASTERKEY_FILE_VERSION))),
    };
    return JSON.stringify(file, null, 2);
  } finally {
    wrapping.fill(0);
  }
}

/** @throws VaultKeyError for a wrong passphrase or a damaged file */
export async function unlockMasterkey(fileText, passphrase) {
  let file;
  try { file = JSON.parse(fileText); } catch { throw new VaultKeyError('masterkey file is not JSON'); }
  if (!file || typeof file.scryptSalt !== 'string' || typeof file.primaryMasterKey !== 'string'
      || typeof file.hmacMasterKey !== 'string') {
    throw new VaultKeyError('masterkey file misses fields');
  }
  const wrapping = await kek(passphrase, fromBase64(file.scryptSalt), file.scryptCostParam, file.scryptBlockSize);
  try {
    return new Masterkey(aeskw(wrapping).decrypt(fromBase64(file.primaryMasterKey)),
      aeskw(wrapping).decrypt(fromBase64(file.hmacMasterKey)));
  } catch (e) {
    if (e instanceof VaultKeyError) throw e;
    throw new VaultKeyError();
  } finally {
    wrapping.fill(0);
  }
}

// ---- vault.cryptomator ---------------------------------------------------------------------

/** vault.cryptomator: a JWT (HS256 with encKey ‖ macKey) naming the format and the key loader. */
export async function createVaultConfig(masterkey) {
  const header = { kid: KID, typ: 'JWT', alg: 'HS256' };
  const claims = { format: FORMAT, shorteningThreshold: SHORTENING_THRESHOLD, jti: crypto.randomUUID(), cipherCombo: 'SIV_GCM' };
  const signingInput = base64urlNoPad(utf8(JSON.stringify(header))) + '.' + base64urlNoPad(utf8(JSON.stringify(claims)));
  return signingInput + '.' + base64urlNoPad(await hmacSha256(masterkey.raw(), utf8(signingInput)));
}

/** The config's header, unverified: which key loader it names (Kluis knows the masterkey file only). */
export function peekVaultConfig(token) {
  const parts = String(token).trim().split('.');
  if (parts.length !== 3) throw new VaultKeyError('vault.cryptomator is not a JWT');
  return JSON.parse(fromUtf8(fromBase64(parts[0])));
}

/**
 * Verifies vault.cryptomator with the unlocked key (a wrong key or a tampered config fails) and
 * returns its claims: format 8, SIV_GCM, the shortening threshold.
 */
export async function verifyVaultConfig(token, masterkey) {
  const [h, c, s] = String(token).trim().split('.');
  const header = JSON.parse(fromUtf8(fromBase64(h)));
  const hash = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' }[header.alg];
  if (!hash) throw new VaultKeyError('unsupported signature algorithm');
  const key = await subtle.importKey('raw', masterkey.raw(), { name: 'HMAC', hash }, false, ['verify']);
  if (!await subtle.verify('HMAC', key, fromBase64(s), utf8(h + '.' + c))) throw new VaultKeyError();
  const claims = JSON.parse(fromUtf8(fromBase64(c)));
  if (claims.format !== FORMAT) throw new VaultKeyError('vault format ' + claims.format + ' is not supported');
  if (claims.cipherCombo !== 'SIV_GCM') throw new VaultKeyError('cipher combo ' + claims.cipherCombo + ' is not supported');
  return { ...claims, shorteningThreshold: claims.shorteningThreshold ?? claims.maxFilenameLen ?? SHORTENING_THRESHOLD };
}

// ---- names and directories -----------------------------------------------------------------

/** Where a directory's members live: d/ + two + thirty characters of base32(SHA-1(AES-SIV(dirId))). */
export async function directoryPath(masterkey, dirId) {
  const hash = base32(await sha1(masterkey.siv().encrypt(utf8(dirId))));
  return 'd/' + hash.substring(0, 2) + '/' + hash.substring(2, 32);
}

/** The ciphertext name of {@code name} in the directory {@code parentDirId}, with .c9r. */
export function encryptName(masterkey, name, parentDirId) {
  return base64url(masterkey.siv(utf8(parentDirId)).encrypt(utf8(name.normalize('NFC')))) + '.c9r';
}

/** @throws IntegrityError when the name is not from this directory of this vault */
export function decryptName(masterkey, ciphertextName, parentDirId) {
  const stem = ciphertextName.endsWith('.c9r') ? ciphertextName.slice(0, -4) : ciphertextName;
  try {
    return fromUtf8(masterkey.siv(utf8(parentDirId)).decrypt(fromBase64(stem)));
  } catch {
    throw new IntegrityError('name failed authentication');
  }
}

/** A long ciphertext name's stand-in: base64url(SHA-1(name)) + .c9s (the full name goes to name.c9s). */
export async function shortenedName(ciphertextName) {
  return base64url(await sha1(utf8(ciphertextName))) + '.c9s';
}

/** The name a node has in its content directory: the .c9r name, or its .c9s stand-in when too long. */
export async function storedName(ciphertextName, threshold = SHORTENING_THRESHOLD) {
  return ciphertextName.length > threshold ? shortenedName(ciphertextName) : ciphertextName;
}

// ---- file contents -------------------------------------------------------------------------

/** A new file header: a random nonce and content key, encrypted under encKey (68 bytes). */
export async function createHeader(masterkey) {
  const nonce = random(12);
  const contentKey = random(32);
  const payload = concat(new Uint8Array(8).fill(0xff), contentKey);
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce }, await masterkey.gcmKey(), payload));
  payload.fill(0);
  const key = await subtle.importKey('raw', contentKey, 'AES-GCM', false, ['encrypt', 'decrypt']);
  contentKey.fill(0);
  return { nonce, key, bytes: concat(nonce, sealed) };
}

export async function readHeader(masterkey, bytes) {
  if (bytes.length < HEADER_SIZE) throw new IntegrityError('file shorter than its header');
  const nonce = bytes.slice(0, 12);
  let payload;
  try {
    payload = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: nonce }, await masterkey.gcmKey(),
      bytes.subarray(12, HEADER_SIZE)));
  } catch {
    throw new IntegrityError('file header failed authentication');
  }
  const key = await subtle.importKey('raw', payload.subarray(8, 40), 'AES-GCM', false, ['encrypt', 'decrypt']);
  payload.fill(0);
  return { nonce, key };
}

/** One chunk: nonce ‖ AES-GCM(contentKey, cleartext, AAD = chunk number (64-bit BE) ‖ header nonce) ‖ tag. */
export async function encryptChunk(header, index, cleartext) {
  const nonce = random(12);
  const sealed = await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: concat(int64(index), header.nonce) },
    header.key, cleartext);
  return concat(nonce, new Uint8Array(sealed));
}

export async function decryptChunk(header, index, ciphertext) {
  if (ciphertext.length <= CHUNK_OVERHEAD || ciphertext.length > CIPHERTEXT_CHUNK) throw new IntegrityError('bad chunk length');
  try {
    return new Uint8Array(await subtle.decrypt(
      { name: 'AES-GCM', iv: ciphertext.subarray(0, 12), additionalData: concat(int64(index), header.nonce) },
      header.key, ciphertext.subarray(12)));
  } catch {
    throw new IntegrityError('chunk ' + index + ' failed authentication');
  }
}

/** How long the ciphertext of {@code n} cleartext bytes is (no empty last chunk). */
export function ciphertextLength(n) {
  const full = Math.floor(n / CLEARTEXT_CHUNK);
  const rest = n % CLEARTEXT_CHUNK;
  return HEADER_SIZE + full * CIPHERTEXT_CHUNK + (rest > 0 ? rest + CHUNK_OVERHEAD : 0);
}

/** The cleartext length of a ciphertext file, or -1 when no valid file has that length. */
export function cleartextLength(n) {
  if (n < HEADER_SIZE) return -1;
  const body = n - HEADER_SIZE;
  const full = Math.floor(body / CIPHERTEXT_CHUNK);
  const rest = body % CIPHERTEXT_CHUNK;
  if (rest > 0 && rest <= CHUNK_OVERHEAD) return -1;
  return full * CLEARTEXT_CHUNK + (rest > 0 ? rest - CHUNK_OVERHEAD : 0);
}

/** The additional data of chunk {@code index}: its number (64-bit big-endian) ‖ the header nonce. */
function chunkAad(index, headerNonce) {
  const aad = new Uint8Array(8 + headerNonce.length);
  new DataView(aad.buffer).setBigUint64(0, BigInt(index));
  aad.set(headerNonce, 8);
  return aad;
}

/** Random nonces for {@code n} chunks in one buffer (getRandomValues gives at most 64 KiB per call). */
function nonces(n) {
  const out = new Uint8Array(12 * n);
  for (let at = 0; at < out.length; at += 65536) globalThis.crypto.getRandomValues(out.subarray(at, at + 65536));
  return out;
}

/**
 * Encrypts the chunks of {@code cleartext} (chunk numbers from {@code firstIndex}) into {@code out}
 * from {@code outAt}: all of them handed to WebCrypto at once (it works through them off the main
 * thread; one await per chunk would leave it idle between chunks), each sealed chunk written
 * straight to its place. Chunk i of the run sits at outAt + i × CIPHERTEXT_CHUNK.
 */
export async function encryptChunksInto(header, firstIndex, cleartext, out, outAt) {
  const n = Math.ceil(cleartext.length / CLEARTEXT_CHUNK);
  const iv = nonces(n);
  const sealing = [];
  for (let i = 0; i < n; i++) {
    const nonce = iv.subarray(12 * i, 12 * i + 12);
    const at = outAt + i * CIPHERTEXT_CHUNK;
    sealing.push(subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: chunkAad(firstIndex + i, header.nonce) },
      header.key, cleartext.subarray(i * CLEARTEXT_CHUNK, (i + 1) * CLEARTEXT_CHUNK)).then((sealed) => {
      out.set(nonce, at);
      out.set(new Uint8Array(sealed), at + 12);
    }));
  }
  await Promise.all(sealing);
}

/** Cleartext chunks per upload piece: 8 MiB of cleartext, 8 MiB + 7 KiB of ciphertext. */
export const PIECE_CHUNKS = 256;

/**
 * Encrypts a Blob (a File) piece by piece: yields ciphertext pieces of whole chunks (the header
 * at the start of the first), reading only {@code chunksPerPiece} chunks of cleartext at a time with
 * blob.slice(), so a file of any size passes through a few pieces' worth of memory. Each piece is
 * one buffer, its chunks encrypted concurrently into their places (no per-chunk copies or concat).
 */
export async function* encryptBlob(masterkey, blob, chunksPerPiece = PIECE_CHUNKS) {
  const header = await createHeader(masterkey);
  const step = CLEARTEXT_CHUNK * chunksPerPiece;
  if (blob.size === 0) { yield header.bytes; return; }
  let index = 0;
  for (let at = 0; at < blob.size; at += step) {
    const cleartext = new Uint8Array(await blob.slice(at, at + step).arrayBuffer());
    const prefix = at === 0 ? HEADER_SIZE : 0;
    const piece = new Uint8Array(prefix + ciphertextLength(cleartext.length) - HEADER_SIZE);
    if (prefix) piece.set(header.bytes, 0);
    await encryptChunksInto(header, index, cleartext, piece, prefix);
    index += Math.ceil(cleartext.length / CLEARTEXT_CHUNK);
    yield piece;
  }
}

/** Encrypts small contents whole (dir id backups, tests). */
export async function encryptBytes(masterkey, bytes) {
  const pieces = [];
  for await (const piece of encryptBlob(masterkey, new Blob([bytes]))) pieces.push(piece);
  return pieces.length === 1 ? pieces[0] : concat(...pieces);
}

/**
 * Decrypts a stream of ciphertext (a fetch body); yields cleartext pieces as they are
 * authenticated, in order. See {@link decryptContent} for the memory it holds.
 */
export function decryptStream(masterkey, stream) {
  return decryptContent(stream, (bytes) => readHeader(masterkey, bytes));
}

/** Ciphertext gathered before a batch of chunks is decrypted (whole chunks, about 2 MiB). */
const BATCH_CHUNKS = 64;
/** Batches being decrypted while the next is read from the network. */
const BATCHES_AHEAD = 3;

/**
 * {@link decryptStream} with the header opened by {@code openHeader(headerBytes) → { nonce, key }}:
 * with the vault's key, or (a share link's recipient) with one file's content key.
 *
 * The ciphertext is gathered into batches of whole chunks (what the network delivered, copied once
 * into the batch's buffer); each batch's chunks go to WebCrypto at once, and up to
 * {@link BATCHES_AHEAD} batches decrypt while the stream is read on, so network and decryption
 * overlap. Yields one cleartext piece per batch (each chunk decrypted into its place), in order.
 * Holds at most BATCHES_AHEAD + 1 batches, about 8 MiB, whatever the file's size.
 */
export async function* decryptContent(stream, openHeader) {
  const reader = stream.getReader();
  const batchBytes = CIPHERTEXT_CHUNK * BATCH_CHUNKS;
  let header = null, headerBytes = new Uint8Array(HEADER_SIZE), headerFill = 0;
  let batch = new Uint8Array(batchBytes), fill = 0;
  let index = 0;
  const pending = [];
  const launch = (bytes) => {
    const first = index;
    index += Math.ceil(bytes.length / CIPHERTEXT_CHUNK);
    const job = { promise: decryptChunks(header, first, bytes), settled: false };
    job.promise.then(() => { job.settled = true; }, () => { job.settled = true; }); // errors surface in order, below
    pending.push(job);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let at = 0;
      if (!header) {
        const take = Math.min(HEADER_SIZE - headerFill, value.length);
        headerBytes.set(value.subarray(0, take), headerFill);
        headerFill += take; at = take;
        if (headerFill < HEADER_SIZE) continue;
        header = await openHeader(headerBytes);
      }
      while (at < value.length) {
        const take = Math.min(batchBytes - fill, value.length - at);
        batch.set(value.subarray(at, at + take), fill);
        fill += take; at += take;
        if (fill === batchBytes) {
          launch(batch);
          batch = new Uint8Array(batchBytes); fill = 0;
        }
      }
      while (pending.length > BATCHES_AHEAD || (pending.length && pending[0].settled)) yield await pending.shift().promise;
    }
    if (!header) throw new IntegrityError('file shorter than its header');
    if (fill > 0) launch(batch.subarray(0, fill));
    while (pending.length) yield await pending.shift().promise;
  } finally {
    reader.cancel().catch(() => {}); // stops the download when the caller gave up early; a no-op at the end
  }
}

/** Decrypts the whole chunks of {@code ciphertext} (the last may be short), chunk numbers from {@code first}. */
async function decryptChunks(header, first, ciphertext) {
  const n = Math.ceil(ciphertext.length / CIPHERTEXT_CHUNK);
  const last = ciphertext.length - (n - 1) * CIPHERTEXT_CHUNK;
  if (last <= CHUNK_OVERHEAD) throw new IntegrityError('bad chunk length');
  const out = new Uint8Array(ciphertext.length - n * CHUNK_OVERHEAD);
  const opening = [];
  for (let i = 0; i < n; i++) {
    const chunk = ciphertext.subarray(i * CIPHERTEXT_CHUNK, Math.min((i + 1) * CIPHERTEXT_CHUNK, ciphertext.length));
    opening.push(subtle.decrypt({ name: 'AES-GCM', iv: chunk.subarray(0, 12), additionalData: chunkAad(first + i, header.nonce) },
      header.key, chunk.subarray(12)).then(
      (plain) => out.set(new Uint8Array(plain), i * CLEARTEXT_CHUNK),
      () => { throw new IntegrityError('chunk ' + (first + i) + ' failed authentication'); }));
  }
  await Promise.all(opening);
  return out;
}

// ---- sharing (see docs/vault-format.md, "How sharing adds to it") ------------------------------
// A share hands out one file's content key, never the vault's keys: the key is in the header, which
// only the vault's encKey opens. The recipient needs nothing else: the header nonce is in the clear.

/** The raw 256-bit content key of a file, from its header (68 bytes) and the vault's keys. */
export async function readContentKey(masterkey, headerBytes) {
  if (headerBytes.length < HEADER_SIZE) throw new IntegrityError('file shorter than its header');
  let payload;
  try {
    payload = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: headerBytes.slice(0, 12) }, await masterkey.gcmKey(),
      headerBytes.subarray(12, HEADER_SIZE)));
  } catch {
    throw new IntegrityError('file header failed authentication');
  }
  const key = payload.slice(8, 40);
  payload.fill(0);
  return key;
}

/** Opens a header with a file's content key instead of the vault's keys (for {@link decryptContent}). */
export function contentKeyOpener(rawContentKey) {
  let key = null;
  return async (headerBytes) => {
    if (headerBytes.length < HEADER_SIZE) throw new IntegrityError('file shorter than its header');
    key ??= await subtle.importKey('raw', rawContentKey, 'AES-GCM', false, ['decrypt']);
    return { nonce: headerBytes.slice(0, 12), key };
  };
}

/** A share's manifest: nonce ‖ AES-GCM(key, UTF-8 JSON); the 256-bit key goes into the link's fragment. */
export async function sealManifest(rawKey, object) {
  const nonce = random(12);
  const key = await subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt']);
  return concat(nonce, new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, utf8(JSON.stringify(object)))));
}

/** @throws IntegrityError when the key is not the manifest's (a mistyped link) or the manifest was changed */
export async function openManifest(rawKey, bytes) {
  if (rawKey.length !== 32 || bytes.length < 12 + 16) throw new IntegrityError('not a share manifest');
  try {
    const key = await subtle.importKey('raw', rawKey, 'AES-GCM', false, ['decrypt']);
    const plain = await subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, key, bytes.subarray(12));
    return JSON.parse(fromUtf8(new Uint8Array(plain)));
  } catch {
    throw new IntegrityError('share manifest failed authentication');
  }
}

export const base64urlNoPadding = base64urlNoPad;

// ---- shares to another customer --------------------------------------------------------------
// See docs/vault-format.md, "Shares to another customer". ECDH on P-256 (WebCrypto everywhere,
// Debian Chromium included), HKDF-SHA256, AES-256-GCM. The private key never leaves this page
// unwrapped, and the key that wraps it is derived from the unlocked vault's keys.

const P256 = { name: 'ECDH', namedCurve: 'P-256' };
const SHARING_SALT = utf8('kluis sharing key pair');
const SHARING_INFO = utf8('v1 private key wrapping');
const PEER_INFO = utf8('kluis peer share v1');

async function hkdfGcmKey(ikm, salt, info, usages) {
  const base = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info }, base, { name: 'AES-GCM', length: 256 }, false, usages);
}

/** A fresh sharing key pair: the raw public key (65 bytes) and the PKCS#8 private key (overwrite it after wrapping). */
export async function generateSharingKeyPair() {
  const pair = await subtle.generateKey(P256, true, ['deriveBits']);
  return {
    publicKey: new Uint8Array(await subtle.exportKey('raw', pair.publicKey)),
    pkcs8: new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)),
  };
}

/** The vault's key for its sharing key pair: HKDF-SHA256(encKey ‖ macKey, salt, info) → AES-256-GCM. */
function sharingWrapKey(masterkey, usages) {
  const raw = masterkey.raw();
  return hkdfGcmKey(raw, SHARING_SALT, SHARING_INFO, usages).finally(() => raw.fill(0));
}

/** nonce (12) ‖ AES-GCM(PKCS#8, associated data: the public key) ‖ tag (16). */
export async function wrapPrivateKey(masterkey, pkcs8, publicKey) {
  const nonce = random(12);
  const key = await sharingWrapKey(masterkey, ['encrypt']);
  return concat(nonce, new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: publicKey }, key, pkcs8)));
}

/** @throws IntegrityError when this vault's keys do not open it, or it does not belong to {@code publicKey} */
export async function unwrapPrivateKey(masterkey, wrapped, publicKey) {
  let pkcs8;
  try {
    const key = await sharingWrapKey(masterkey, ['decrypt']);
    pkcs8 = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: wrapped.subarray(0, 12), additionalData: publicKey }, key,
      wrapped.subarray(12)));
  } catch {
    throw new IntegrityError('this vault does not open the sharing key');
  }
  try {
    return await subtle.importKey('pkcs8', pkcs8, P256, false, ['deriveBits']);
  } finally {
    pkcs8.fill(0);
  }
}

/** The first 128 bits of SHA-256 of the raw public key, hex in groups of four: what customers compare. */
export async function sharingFingerprint(publicKey) {
  const digest = new Uint8Array(await subtle.digest('SHA-256', publicKey)).subarray(0, 16);
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('').match(/.{4}/g).join(' ');
}

async function peerKey(shared, ephemeral, recipient, usages) {
  return hkdfGcmKey(new Uint8Array(shared), concat(ephemeral, recipient), PEER_INFO, usages);
}

/**
 * ECDH-ES: wraps a 32-byte manifest key for a recipient's raw public key.
 * Returns ephemeral public key (65) ‖ nonce (12) ‖ AES-GCM(key) ‖ tag (16) = 125 bytes.
 */
export async function wrapForRecipient(recipientPublicKey, rawKey) {
  const recipient = await subtle.importKey('raw', recipientPublicKey, P256, false, []);
  const ephemeral = await subtle.generateKey(P256, false, ['deriveBits']);
  const ephemeralPublic = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
  const shared = await subtle.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);
  const key = await peerKey(shared, ephemeralPublic, recipientPublicKey, ['encrypt']);
  const nonce = random(12);
  return concat(ephemeralPublic, nonce, new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, rawKey)));
}

/** @throws IntegrityError when the wrapped key is not for this key pair or was changed */
export async function unwrapFromSender(privateKey, publicKey, wrapped) {
  try {
    const ephemeralPublic = wrapped.subarray(0, 65);
    const ephemeral = await subtle.importKey('raw', ephemeralPublic, P256, false, []);
    const shared = await subtle.deriveBits({ name: 'ECDH', public: ephemeral }, privateKey, 256);
    const key = await peerKey(shared, ephemeralPublic, publicKey, ['decrypt']);
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: wrapped.subarray(65, 77) }, key, wrapped.subarray(77)));
  } catch {
    throw new IntegrityError('the shared key does not open with this sharing key');
  }
}



export async function decryptBytes(masterkey, bytes) {
  const parts = [];
  for await (const part of decryptStream(masterkey, new Blob([bytes]).stream())) parts.push(part);
  return concat(...parts);
}

// ---- recovery key --------------------------------------------------------------------------
// Kluis' own encoding, NOT Cryptomator's word-list recovery key (see docs/vault-format.md):
// Crockford base32 of encKey ‖ macKey ‖ the first two bytes of SHA-256(encKey ‖ macKey), in groups of four.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export async function recoveryKey(masterkey) {
  const raw = masterkey.raw();
  const check = new Uint8Array(await subtle.digest('SHA-256', raw)).subarray(0, 2);
  const bytes = concat(raw, check);
  let bits = 0, value = 0, out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff; bits += 8;
    while (bits >= 5) { out += CROCKFORD[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  raw.fill(0);
  return out.match(/.{1,4}/g).join('-');
}

/** @throws VaultKeyError when the key is mistyped (checksum) */
export async function fromRecoveryKey(text) {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bytes = [];
  let bits = 0, value = 0;
  for (const ch of clean) {
    const v = CROCKFORD.indexOf(ch);
    if (v < 0) throw new VaultKeyError('the recovery key has a character it cannot have');
    value = ((value << 5) | v) & 0xffff; bits += 5;
    if (bits >= 8) { bytes.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  if (bytes.length !== 66) throw new VaultKeyError('the recovery key has the wrong length');
  const raw = Uint8Array.from(bytes.slice(0, 64));
  const check = new Uint8Array(await subtle.digest('SHA-256', raw)).subarray(0, 2);
  if (check[0] !== bytes[64] || check[1] !== bytes[65]) throw new VaultKeyError('the recovery key is mistyped');
  return new Masterkey(raw.subarray(0, 32), raw.subarray(32));
}
