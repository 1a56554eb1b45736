// C2 and C3 of bench/crypto.sh, in headless Debian Chromium driven over CDP (puppeteer-core, no
// browser download: executablePath is the system Chromium).
//
// The browser logs in to the panel of the Kluis that crypto.sh started (the real login form), opens
// /panel/files and, in that page, imports the product's own modules (/js/storage/vault-fs.js,
// vault-crypto.js, dav.js, uploads.js): the buttons are skipped, the code path is the one the file
// manager calls (Vault.create, then Vault.upload = File.slice → encryptBlob (WebCrypto AES-GCM,
// 32 KiB chunks) → resumable upload to /panel/uploads with the session and CSRF token; Vault.download
// = fetch /panel/dav → decryptStream → Blob parts). The file is a real File from disk, given to an
// <input type=file> (as a person choosing it would).
//
// Per run, alternating: raw WebCrypto encrypt microbenchmark (the C3 peer), encryptBlob alone, product
// upload (C3), GET alone, product download+decrypt (C2), decryptStream alone from a local Blob, raw
// WebCrypto decrypt microbenchmark (context for C2). The "alone" figures only say where time goes. The first
// download is compared byte for byte with the original file before anything is timed.
//
// Environment: KLUIS (base URL), EMAIL, PASSWORD, API_USER, API_SECRET (app password for the trash
// purge), SPACE (a VAULT space), FILE, RUNS, CHROMIUM (default /usr/bin/chromium).
// Prints one JSON object per line: {"kind": ..., ...}.
import puppeteer from 'puppeteer-core';
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';

const env = process.env;
const base = env.KLUIS;
const runs = Number(env.RUNS || 5);
const file = env.FILE;
const size = statSync(file).size;
const basic = 'Basic ' + Buffer.from(env.API_USER + ':' + env.API_SECRET).toString('base64');
const out = (o) => console.log(JSON.stringify(o));

// ---- memory of the Chromium processes (from /proc: RSS of the renderer and of the whole tree) ----
function chromiumTree(rootPid) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  const all = [];
  const walk = (p) => { all.push(p); for (const c of children.get(p) || []) walk(c); };
  walk(rootPid);
  return all;
}
function rssKiB(pid) {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return 0; }
}
function isRenderer(pid) {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'); } catch { return false; }
}
/** The process tree is walked once per measurement; the samples only read those processes' status. */
function memoryProbe(rootPid) {
  const pids = chromiumTree(rootPid);
  const renderers = new Set(pids.filter(isRenderer));
  return () => {
    let total = 0, renderer = 0;
    for (const p of pids) {
      const r = rssKiB(p);
      total += r;
      if (renderers.has(p)) renderer = Math.max(renderer, r);
    }
    return { total, renderer };
  };
}

/** Samples memory (and the page's JS heap with its ArrayBuffer backing stores) every 100 ms while {@code work} runs. */
async function sampled(browserPid, cdp, work) {
  const memory = memoryProbe(browserPid);
  const before = memory();
  const heap = async () => { const h = await cdp.send('Runtime.getHeapUsage'); return h.usedSize + (h.backingStorageSize || 0); };
  const heapBefore = await heap();
  let peak = { ...before }, heapPeak = heapBefore, stop = false;
  const sampler = (async () => {
    while (!stop) {
      const m = memory();
      peak.total = Math.max(peak.total, m.total);
      peak.renderer = Math.max(peak.renderer, m.renderer);
      try { heapPeak = Math.max(heapPeak, await heap()); } catch { /* busy */ }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    return { result: await work(), before, peak, heapBefore, heapPeak };
  } finally {
    stop = true;
    await sampler;
  }
}

async function purgeTrash() {
  const r = await fetch(`${base}/api/v1/spaces/${env.SPACE}/trash`, { headers: { Authorization: basic } });
  for (const item of await r.json()) {
    await fetch(`${base}/api/v1/spaces/${env.SPACE}/trash/${item.id}`, { method: 'DELETE', headers: { Authorization: basic } });
  }
}

const browser = await puppeteer.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  protocolTimeout: 3_600_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check',
    '--renderer-process-limit=1'],
});
const browserPid = browser.process().pid;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(3_600_000);
  page.on('pageerror', (e) => out({ kind: 'pageerror', message: String(e) }));
  const cdp = await page.createCDPSession();

  // The real login form.
  await page.goto(base + '/login');
  await page.type('#email', env.EMAIL);
  await page.type('#password', env.PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/login"] button[type=submit], form[action$="/login"] [type=submit]')]);
  await page.goto(base + '/panel/files');
  if (!page.url().includes('/panel/files')) throw new Error('not logged in: ' + page.url());

  // A real File from disk, chosen through an <input type=file>.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file'; input.id = 'bench-file'; input.hidden = true;
    document.body.append(input);
  });
  await (await page.$('#bench-file')).uploadFile(file);

  // The product's modules, from Kluis itself; a new vault in the VAULT space.
  await page.evaluate(async (space) => {
    const [fs, vc, dav] = await Promise.all([import('/js/storage/vault-fs.js'), import('/js/storage/vault-crypto.js'),
      import('/js/storage/dav.js')]);
    window.bench = { fs, vc, dav, space, file: document.getElementById('bench-file').files[0] };
    const d = new dav.Dav('/panel/dav/', dav.pageCsrf(document));
    window.bench.davClient = d;
    const { vault } = await fs.Vault.create(d, space, 'bench passphrase violet harbour 42');
    window.bench.vault = vault;
  }, env.SPACE);
  const fileSize = await page.evaluate(() => window.bench.file.size);
  if (fileSize !== size) throw new Error(`the page sees ${fileSize} bytes, the file has ${size}`);
  out({ kind: 'setup', size, chromium: await browser.version() });

  // Raw WebCrypto: AES-256-GCM over `size` bytes in 32 KiB chunks, a random nonce and 20 bytes of
  // associated data per chunk (as the vault format has), one chunk at a time, no I/O.
  const raw = (mode) => page.evaluate(async (total, mode) => {
    const CHUNK = 32 * 1024;
    const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt', 'decrypt']);
    const buffer = new Uint8Array(4 * 1024 * 1024);
    for (let i = 0; i < buffer.length; i += 65536) crypto.getRandomValues(buffer.subarray(i, i + 65536));
    const aad = new Uint8Array(20);
    let input = buffer, iv = new Uint8Array(12);
    if (mode === 'decrypt') { // ciphertext chunks to decrypt, made up front
      const chunks = [];
      for (let at = 0; at < buffer.length; at += CHUNK) {
        chunks.push(new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, buffer.subarray(at, at + CHUNK))));
      }
      input = chunks;
    }
    const started = performance.now();
    let done = 0, n = 0;
    while (done < total) {
      if (mode === 'encrypt') {
        const nonce = crypto.getRandomValues(new Uint8Array(12));
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, key,
          input.subarray((n * CHUNK) % input.length, (n * CHUNK) % input.length + CHUNK));
      } else {
        await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, input[n % input.length]);
      }
      done += CHUNK; n++;
    }
    return { seconds: (performance.now() - started) / 1000 };
  }, size, mode);

  // The upload's pieces are timed on the way (the product's own XMLHttpRequest transport, wrapped):
  // how long the page waited for the server per piece, and how many pieces there were.
  const product_upload = (name) => page.evaluate(async (name) => {
    const { vault, file } = window.bench;
    const { xhrTransport } = await import('/js/storage/uploads.js');
    let pieces = 0, waited = 0;
    const transport = async (...a) => {
      const t = performance.now();
      try { return await xhrTransport(...a); } finally { waited += performance.now() - t; pieces++; }
    };
    const started = performance.now();
    await vault.upload('', name, file, { transport });
    return { seconds: (performance.now() - started) / 1000, pieces, piecesSeconds: waited / 1000 };
  }, name);

  const product_download = (name, compare) => page.evaluate(async (name, compare) => {
    const { vault, file } = window.bench;
    const entry = (await vault.list('')).find((e) => e.name === name);
    if (!entry) throw new Error('uploaded file not listed');
    const started = performance.now();
    const blob = await vault.download(entry);
    const seconds = (performance.now() - started) / 1000;
    let equal = blob.size === file.size && entry.size === file.size;
    if (compare && equal) {
      const PIECE = 8 * 1024 * 1024;
      for (let at = 0; equal && at < file.size; at += PIECE) {
        const a = new Uint32Array(await file.slice(at, at + PIECE).arrayBuffer());
        const b = new Uint32Array(await blob.slice(at, at + PIECE).arrayBuffer());
        if (a.length !== b.length) { equal = false; break; }
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { equal = false; break; }
      }
    }
    return { seconds, blobSize: blob.size, listedSize: entry.size, equal };
  }, name, compare);

  // Diagnosis (not targets): where the product's time goes. encryptBlob alone (no upload), a GET of
  // the ciphertext drained without decrypting, and decryptStream over the ciphertext from a local Blob.
  const encrypt_only = () => page.evaluate(async () => {
    const { vc, vault, file } = window.bench;
    const started = performance.now();
    let bytes = 0;
    for await (const piece of vc.encryptBlob(vault.masterkey, file)) bytes += piece.length;
    return { seconds: (performance.now() - started) / 1000, bytes };
  });
  const get_only = (name) => page.evaluate(async (name) => {
    const { vault, davClient } = window.bench;
    const entry = (await vault.list('')).find((e) => e.name === name);
    const started = performance.now();
    const reader = (await davClient.get(entry.contents)).body.getReader();
    let bytes = 0;
    for (;;) { const { done, value } = await reader.read(); if (done) break; bytes += value.length; }
    return { seconds: (performance.now() - started) / 1000, bytes };
  }, name);
  const decrypt_only = (name) => page.evaluate(async (name) => {
    const { vc, vault, davClient } = window.bench;
    const entry = (await vault.list('')).find((e) => e.name === name);
    const ciphertext = await (await davClient.get(entry.contents)).blob();
    const started = performance.now();
    let bytes = 0;
    for await (const piece of vc.decryptStream(vault.masterkey, ciphertext.stream())) bytes += piece.length;
    return { seconds: (performance.now() - started) / 1000, bytes };
  }, name);

  const remove = (name) => page.evaluate(async (name) => {
    const { vault } = window.bench;
    const entry = (await vault.list('')).find((e) => e.name === name);
    if (entry) await vault.remove(entry);
  }, name);

  // Correctness first (and the warm-up): one upload, a byte-for-byte comparison of what comes back,
  // a tampered-chunk check through the product's decrypt, and a short pass of both raw loops.
  await raw('encrypt'); await raw('decrypt');
  await product_upload('warm.bin');
  const check = await product_download('warm.bin', true);
  const tamper = await page.evaluate(async () => {
    const { vc, vault } = window.bench;
    const bytes = await vc.encryptBytes(vault.masterkey, vc.utf8('x'.repeat(100000)));
    bytes[vc.HEADER_SIZE + 40000] ^= 1;
    try { await vc.decryptBytes(vault.masterkey, bytes); return 'accepted'; } catch (e) { return e.name; }
  });
  out({ kind: 'check', equal: check.equal, blobSize: check.blobSize, listedSize: check.listedSize, tamper });
  if (!check.equal || tamper !== 'IntegrityError') throw new Error('correctness check failed');
  await remove('warm.bin'); await purgeTrash();

  for (let r = 1; r <= runs; r++) {
    const rawEnc = await raw('encrypt');
    out({ kind: 'raw_encrypt', run: r, mib_per_second: size / 1048576 / rawEnc.seconds });
    const enc = await encrypt_only();
    out({ kind: 'encrypt_only', run: r, mib_per_second: size / 1048576 / enc.seconds });
    execSync('sync');
    const up = await sampled(browserPid, cdp, () => product_upload(`c3-${r}.bin`));
    out({ kind: 'upload', run: r, mib_per_second: size / 1048576 / up.result.seconds,
      pieces: up.result.pieces, pieces_share: up.result.piecesSeconds / up.result.seconds,
      renderer_peak_mib: up.peak.renderer / 1024, renderer_before_mib: up.before.renderer / 1024 });
    const get = await get_only(`c3-${r}.bin`);
    out({ kind: 'get_only', run: r, mib_per_second: get.bytes / 1048576 / get.seconds });
    const down = await sampled(browserPid, cdp, () => product_download(`c3-${r}.bin`, false));
    if (down.result.blobSize !== size) throw new Error('download returned ' + down.result.blobSize + ' bytes');
    out({ kind: 'download', run: r, mib_per_second: size / 1048576 / down.result.seconds,
      renderer_before_mib: down.before.renderer / 1024, renderer_peak_mib: down.peak.renderer / 1024,
      tree_before_mib: down.before.total / 1024, tree_peak_mib: down.peak.total / 1024,
      heap_before_mib: down.heapBefore / 1048576, heap_peak_mib: down.heapPeak / 1048576 });
    const dec = await decrypt_only(`c3-${r}.bin`);
    if (dec.bytes !== size) throw new Error('decryptStream returned ' + dec.bytes + ' bytes');
    out({ kind: 'decrypt_only', run: r, mib_per_second: size / 1048576 / dec.seconds });
    const rawDec = await raw('decrypt');
    out({ kind: 'raw_decrypt', run: r, mib_per_second: size / 1048576 / rawDec.seconds });
    await remove(`c3-${r}.bin`); await purgeTrash();
    // drop the page's Blob references between runs
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  }
} finally {
  await browser.close();
}
