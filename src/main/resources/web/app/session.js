/* Kino – the session seen from a page: go to the sign-in page, sign out. */

import { api } from '/app/api.js';

let redirecting = false;

/** The library page signs in; every other page sends the user there once. */
export function toLogin() {
  if (redirecting) return;
  redirecting = true;
  window.location.replace('/');
}

/** Ends the session on the server (signed out locally anyway when it cannot be reached). */
export function signOut() {
  return api('/api/logout', { method: 'POST' }).then(() => {}, () => {});
}
