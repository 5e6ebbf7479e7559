/* Kino – small preferences kept in localStorage (silently absent in private mode). */

export function store(key, value) {
  try { window.localStorage.setItem(key, value); } catch { /* private mode */ }
}

export function load(key) {
  try { return window.localStorage.getItem(key); } catch { return null; }
}
