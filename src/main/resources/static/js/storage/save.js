// Saving a stream of cleartext as a download without holding the file in the page: through a
// service worker (download-worker.js) that answers a navigation with the stream, where the browser
// has service workers and can hand a ReadableStream to one (Chromium, Firefox, recent Safari).
// Elsewhere, and if anything here fails before the download started, the caller falls back to Blob
// parts.

const WORKER = '/js/storage/download-worker.js';
const SCOPE = '/js/storage/stream/';

/** Switched off by tests (and by anyone who needs the Blob fallback). */
export const streaming = { enabled: true };

let registering = null;

function transferableStreams() {
  try {
    const { port1, port2 } = new MessageChannel();
    const stream = new ReadableStream();
    port1.postMessage(stream, [stream]);
    port1.close();
    port2.close();
    return true;
  } catch {
    return false;
  }
}

async function activeWorker() {
  if (!streaming.enabled || !('serviceWorker' in navigator) || !window.isSecureContext || !transferableStreams()) return null;
  registering ??= navigator.serviceWorker.register(WORKER, { scope: SCOPE });
  const registration = await registering;
  if (registration.active) return registration.active;
  const worker = registration.installing || registration.waiting;
  if (!worker) return null;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('service worker not activated')), 10_000);
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') { clearTimeout(timer); resolve(); }
      if (worker.state === 'redundant') { clearTimeout(timer); reject(new Error('service worker redundant')); }
    });
  });
  return registration.active;
}

/**
 * Starts a download of {@code stream} named {@code name} ({@code size} bytes, or null) through the
 * service worker and resolves when the whole stream has been handed to the browser's download;
 * {@code onStreaming()} once the download has been started.
 *
 * @returns false when streaming is not available (nothing was read from the stream): use a Blob
 */
export async function saveStream(name, size, stream, onStreaming) {
  let worker;
  try {
    worker = await activeWorker();
  } catch (e) {
    console.warn('files: streaming download unavailable ' + (e && e.name));
    worker = null;
  }
  if (!worker) return false;
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const { readable, writable } = new TransformStream();
  const channel = new MessageChannel();
  const ready = new Promise((resolve) => { channel.port1.onmessage = resolve; });
  worker.postMessage({ type: 'download', id, name, size, stream: readable }, [readable, channel.port2]);
  await ready;
  channel.port1.close();
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.src = SCOPE + id;
  document.body.append(frame);
  onStreaming?.();
  // A service worker idle for a while may be stopped, which would break the stream: keep it busy.
  const keepAlive = setInterval(() => worker.postMessage({ type: 'ping' }), 10_000);
  try {
    await stream.pipeTo(writable);
  } finally {
    clearInterval(keepAlive);
    setTimeout(() => frame.remove(), 60_000);
  }
  return true;
}
