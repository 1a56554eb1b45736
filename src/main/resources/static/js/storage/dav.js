// A small WebDAV client for the panel: the same protocol the Cryptomator apps and rclone speak, at
// /panel/dav/ with the browser session and the CSRF token (Spring Security checks it on every
// method but GET, HEAD and OPTIONS). Paths are "space/name/name" with cleartext or ciphertext
// names; segments are percent-encoded here and nowhere else.

/**
 * The CSRF header and token of the page: the file manager renders them as data attributes; any
 * other panel page has the token in its forms (the logout button), with Spring's default header.
 */
export function pageCsrf(doc = document) {
  const holder = doc.querySelector('[data-csrf-token]');
  const token = holder?.dataset.csrfToken ?? doc.querySelector('input[name="_csrf"]')?.value;
  const header = holder?.dataset.csrfHeader || 'X-CSRF-TOKEN';
  return token ? { header, token } : null;
}

export class DavError extends Error {
  constructor(method, status) {
    super(method + ' failed with status ' + status);
    this.name = 'DavError';
    this.status = status;
  }
}

export function encodePath(path) {
  return path.split('/').filter((s) => s !== '').map(encodeURIComponent).join('/');
}

export class Dav {
  constructor(root = '/panel/dav/', csrf = pageCsrf()) {
    this.root = root.endsWith('/') ? root : root + '/';
    this.csrf = csrf;
  }

  url(path, collection = false) {
    const encoded = encodePath(path);
    return this.root + encoded + (collection && encoded ? '/' : '');
  }

  headers(extra = {}) {
    const headers = { ...extra };
    if (this.csrf) headers[this.csrf.header] = this.csrf.token;
    return headers;
  }

  async request(method, path, { headers = {}, body, collection = false, accept = [] } = {}) {
    const response = await fetch(this.url(path, collection), {
      method, body, headers: this.headers(headers), credentials: 'same-origin', cache: 'no-store',
    });
    if (!response.ok && !accept.includes(response.status)) throw new DavError(method, response.status);
    return response;
  }

  /**
   * The resource and (depth 1 or infinity) its members, with the space-relative path of each.
   * Returns null when the resource does not exist.
   */
  async propfind(path, depth = '1') {
    const body = '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/>'
      + '<D:getcontentlength/><D:getlastmodified/><D:getetag/><D:quota-used-bytes/><D:quota-available-bytes/>'
      + '</D:prop></D:propfind>';
    const response = await this.request('PROPFIND', path, {
      collection: true, body, accept: [404], headers: { Depth: depth, 'Content-Type': 'application/xml; charset=utf-8' },
    });
    if (response.status === 404) return null;
    const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
    const DAV = 'DAV:';
    const text = (el, name) => el.getElementsByTagNameNS(DAV, name)[0]?.textContent ?? null;
    return Array.from(xml.getElementsByTagNameNS(DAV, 'response')).map((r) => {
      const href = decodeURIComponent(new URL(text(r, 'href'), location.href).pathname);
      const relative = href.startsWith(decodeURIComponent(this.root)) ? href.substring(this.root.length) : href;
      const used = text(r, 'quota-used-bytes');
      const available = text(r, 'quota-available-bytes');
      return {
        path: relative.replace(/\/$/, ''),
        name: relative.replace(/\/$/, '').split('/').pop(),
        collection: r.getElementsByTagNameNS(DAV, 'collection').length > 0,
        size: Number(text(r, 'getcontentlength') ?? 0),
        modified: text(r, 'getlastmodified') ? new Date(text(r, 'getlastmodified')) : null,
        etag: text(r, 'getetag'),
        quota: used === null ? null : { used: Number(used), available: Number(available) },
      };
    });
  }

  async exists(path) {
    const response = await this.request('HEAD', path, { accept: [404] });
    return response.status !== 404;
  }

  /** Creates a folder; an existing one is fine when {@code mayExist}. */
  async mkcol(path, mayExist = false) {
    await this.request('MKCOL', path, { collection: true, accept: mayExist ? [405] : [] });
  }

  async put(path, body, { createOnly = false } = {}) {
    return this.request('PUT', path, {
      body, headers: { 'Content-Type': 'application/octet-stream', ...(createOnly ? { 'If-None-Match': '*' } : {}) },
    });
  }

  async get(path) {
    return this.request('GET', path);
  }

  async getText(path) {
    return (await this.get(path)).text();
  }

  async move(from, to, overwrite = false) {
    return this.request('MOVE', from, {
      headers: { Destination: new URL(this.url(to), location.href).href, Overwrite: overwrite ? 'T' : 'F' },
    });
  }

  async delete(path) {
    return this.request('DELETE', path);
  }
}
