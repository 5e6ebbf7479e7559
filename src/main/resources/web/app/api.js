/* Kino – the JSON API: fetch with the session cookie, error text, Retry-After, WebSocket addresses. */

/**
 * fetch() wrapper for the JSON API. Resolves with {ok, status, data, headers}; rejects only on network failure.
 * A FormData body is sent as it is (multipart), any other body as JSON.
 */
export function api(path, opts) {
  opts = opts || {};
  const init = {
    method: opts.method || 'GET',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { 'Accept': 'application/json' }
  };
  if (opts.body instanceof FormData) {
    init.body = opts.body;
  } else if (opts.body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  return fetch(path, init).then((res) => res.text().then((text) => {
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch { data = null; }
    }
    return { ok: res.ok, status: res.status, data: data, headers: res.headers };
  }));
}

/** Human readable description of a failed api() result. */
export function errorText(r) {
  const msg = r.data && typeof r.data === 'object' && r.data.error ? String(r.data.error) : '';
  return 'HTTP ' + r.status + (msg ? ': ' + msg : '');
}

/** Parses a Retry-After header (delta seconds or HTTP date) into whole seconds, or null. */
export function retryAfterSeconds(value) {
  if (value === null || value === undefined) return null;
  const v = String(value).trim();
  if (/^\d+$/.test(v)) return parseInt(v, 10);
  const when = Date.parse(v);
  if (!isNaN(when)) return Math.max(0, Math.ceil((when - Date.now()) / 1000));
  return null;
}

/** ws:// or wss:// (as the page) for a path on this server. */
export function socketUrl(path) {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
}
