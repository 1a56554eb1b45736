// Resumable uploads (POST {base}/uploads, PATCH pieces with Upload-Offset, HEAD to resume,
// POST …/complete). A piece stays in memory until the server confirmed it, so after a dropped
// connection the upload asks where it stands and sends the rest of that piece: no byte is encrypted
// twice, and a vault file's ciphertext stays consistent (its chunks carry random nonces).

export class UploadError extends Error {
  constructor(message, status) { super(message); this.name = 'UploadError'; this.status = status; }
}

// A dropped connection is retried for about a minute and a half (backoff 0.25 s doubling to 15 s),
// and while the browser reports itself offline the upload waits for it to come back first.
const RETRIES = 10;
const backoff = (attempt) => Math.min(15_000, 250 * 2 ** attempt) * (0.75 + Math.random() / 2);

/**
 * A piece as a Blob. Chromium sends a Blob body many times faster than the same bytes as an
 * ArrayBuffer (measured: 0.8 against 9 MiB/s for 8 MiB pieces on a loaded 2-core machine, see
 * docs/benchmarks.md): the bytes move to the browser's blob storage once, and the network stack reads
 * them from there.
 */
export const asBlob = (piece) => (piece instanceof Blob ? piece : new Blob([piece]));

/** Pieces made Blobs as they are produced (ahead of sending; see {@link asBlob}). */
export async function* blobsOf(pieces) {
  for await (const piece of pieces) yield asBlob(piece);
}

/** Sends one piece with XMLHttpRequest (upload progress); resolves to the server's new offset. */
export function xhrTransport(url, offset, body, headers, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PATCH', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Upload-Offset', String(offset));
    xhr.setRequestHeader('Content-Type', 'application/offset+octet-stream');
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded);
    xhr.onload = () => {
      if (xhr.status === 204) resolve(Number(xhr.getResponseHeader('Upload-Offset')));
      else if (xhr.status === 409) reject(new UploadError('offset mismatch', 409));
      else reject(new UploadError('piece refused', xhr.status));
    };
    xhr.onerror = () => reject(new UploadError('connection dropped', 0));
    xhr.onabort = () => reject(new UploadError('connection dropped', 0));
    xhr.send(asBlob(body));
  });
}

/** Pieces prepared while one is sent: its successor ready, the one after that being read. */
const AHEAD = 2;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits {@code ms}, and as long as the browser says it is offline (at most a minute more). */
async function pause(ms) {
  await sleep(ms);
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    await Promise.race([new Promise((r) => addEventListener('online', r, { once: true })), sleep(60_000)]);
  }
}

/**
 * Uploads {@code pieces} (an async iterable of Uint8Array or Blob, {@code length} bytes in all) to
 * {@code path} in {@code space}. {@code onProgress(sent)} reports bytes the server has (or is
 * receiving); {@code onRetry(attempt)} that the connection dropped and the upload resumes.
 * {@code transport} sends a piece; tests pass one that drops the connection.
 *
 * @returns the new file's ETag
 */
export async function resumableUpload({ base = '/panel', csrf, space, path, length, pieces, onProgress, onRetry,
  transport = xhrTransport }) {
  const headers = csrf ? { [csrf.header]: csrf.token } : {};
  const started = await fetch(base + '/uploads', {
    method: 'POST', credentials: 'same-origin',
    headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ space, path, length }),
  });
  if (started.status !== 201) throw new UploadError('upload refused', started.status);
  const { id } = await started.json();
  const url = base + '/uploads/' + id;
  let offset = 0;
  try {
    // The next pieces are read (and, in a vault, encrypted) while the current one is on the wire.
    const iterator = pieces[Symbol.asyncIterator]();
    const ahead = [];
    const more = () => {
      const next = iterator.next();
      next.catch(() => {}); // surfaces when awaited, in order; never unhandled
      ahead.push(next);
    };
    for (let i = 0; i < AHEAD; i++) more();
    for (;;) {
      const { value: piece, done } = await ahead.shift();
      if (done) break;
      more();
      const start = offset;
      const size = piece.size ?? piece.length;
      for (let attempt = 0; offset < start + size; attempt++) {
        try {
          const part = offset === start ? piece : piece.slice(offset - start);
          offset = await transport(url, offset, part, headers, (loaded) => onProgress?.(Math.min(offset + loaded, start + size)));
          onProgress?.(offset);
        } catch (e) {
          if (!(e instanceof UploadError) || (e.status !== 0 && e.status !== 409 && e.status < 500) || attempt >= RETRIES) throw e;
          onRetry?.(attempt + 1);
          await pause(backoff(attempt));
          offset = await where(url, headers);
          if (offset < start || offset > start + size) throw new UploadError('the upload moved on without us', 409);
        }
      }
    }
    const done = await fetch(url + '/complete', { method: 'POST', credentials: 'same-origin', headers });
    if (done.status !== 201 && done.status !== 204) throw new UploadError('completion refused', done.status);
    return done.headers.get('ETag');
  } catch (e) {
    fetch(url, { method: 'DELETE', credentials: 'same-origin', headers }).catch(() => {});
    throw e;
  }
}

async function where(url, headers) {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, { method: 'HEAD', credentials: 'same-origin', headers, cache: 'no-store' });
      if (!response.ok) throw new UploadError('upload gone', response.status);
      return Number(response.headers.get('Upload-Offset'));
    } catch (e) {
      if (e instanceof UploadError || attempt >= RETRIES) throw e;
      await pause(backoff(attempt));
    }
  }
}

/** A Blob in pieces of {@code size} bytes, for plain files: the browser reads each when it sends it. */
export async function* blobPieces(blob, size = 8 * 1024 * 1024) {
  for (let at = 0; at < blob.size; at += size) yield blob.slice(at, at + size);
}
