// A service worker (scope /js/storage/stream/) that turns a stream of cleartext from the file manager
// into an ordinary browser download, so a large vault file goes to disk as it is decrypted instead of
// being collected in the page first. The page hands over a ReadableStream with a random id and the
// file's name; a navigation to /js/storage/stream/<id> is then answered with that stream as an
// attachment. Nothing leaves the browser: the name travels by postMessage, never in a URL or request.

const waiting = new Map();

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'download') return; // keep-alive pings while a download runs
  if (typeof data.id !== 'string' || !/^[0-9a-f]{32}$/.test(data.id) || !(data.stream instanceof ReadableStream)) return;
  waiting.set(data.id, { name: String(data.name || 'download'), size: data.size, stream: data.stream });
  // Unclaimed after a minute (the page went away before navigating): drop it.
  setTimeout(() => { const left = waiting.get(data.id); if (left) { waiting.delete(data.id); left.stream.cancel().catch(() => {}); } }, 60_000);
  event.ports[0]?.postMessage('ready');
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const id = url.pathname.substring(url.pathname.lastIndexOf('/') + 1);
  const download = url.origin === self.location.origin ? waiting.get(id) : undefined;
  if (!download) {
    event.respondWith(new Response('', { status: 404 }));
    return;
  }
  waiting.delete(id);
  const headers = {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': 'attachment; filename="' + download.name.replace(/[^\x20-\x7e]|["\\]/g, '_')
      + '"; filename*=UTF-8\'\'' + encodeURIComponent(download.name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'no-store',
  };
  if (Number.isSafeInteger(download.size) && download.size >= 0) headers['Content-Length'] = String(download.size);
  event.respondWith(new Response(download.stream, { headers }));
});
