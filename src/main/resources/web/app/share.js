/* Kino – the player's Share panel: a signed link for the file (1 h, 1 day or 7 days) and a Copy button. */

import { api, errorText } from '/app/api.js';
import { $ } from '/app/dom.js';
import { toLogin } from '/app/session.js';

const els = {
  ttl: $('share-ttl'),
  share: $('share'),
  shareResult: $('share-result'),
  shareUrl: $('share-url'),
  shareExpires: $('share-expires'),
  shareError: $('share-error'),
  copy: $('copy'),
  copyStatus: $('copy-status')
};
let mediaPath = '';

var sharing = false;

function createShareLink() {
  if (sharing || !mediaPath) return;
  sharing = true;
  els.share.disabled = true;
  els.share.textContent = 'Creating…';
  els.shareError.textContent = '';
  var ttl = parseInt(els.ttl.value, 10) || 3600;
  api('/api/sign', { method: 'POST', body: { path: mediaPath, ttl: ttl } }).then(function (r) {
    if (r.status === 401) return toLogin();
    if (!r.ok || !r.data || !r.data.url) {
      els.shareError.textContent = 'Could not create a link (' + errorText(r) + ').';
      return;
    }
    els.shareUrl.value = r.data.url;
    els.shareResult.hidden = false;
    els.copy.textContent = 'Copy';
    var exp = Number(r.data.expires);
    if (isFinite(exp) && exp > 0) {
      var when = new Date(exp < 1e12 ? exp * 1000 : exp);
      els.shareExpires.textContent = 'Expires ' + when.toLocaleString(undefined, {
        weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'
      });
    } else {
      els.shareExpires.textContent = '';
    }
    els.shareUrl.focus();
    els.shareUrl.select();
  }, function () {
    els.shareError.textContent = 'Could not reach the server.';
  }).then(function () {
    sharing = false;
    els.share.disabled = false;
    els.share.textContent = 'Share link';
  });
}

function copyShareLink() {
  var text = els.shareUrl.value;
  if (!text) return;
  var done = function () {
    els.copy.textContent = 'Copied!';
    els.copyStatus.textContent = 'Link copied to clipboard';
    window.setTimeout(function () {
      els.copy.textContent = 'Copy';
      els.copyStatus.textContent = '';
    }, 2000);
  };
  var fallback = function () {
    els.shareUrl.focus();
    els.shareUrl.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    if (ok) {
      done();
    } else {
      els.copy.textContent = 'Press Ctrl+C';
      els.copyStatus.textContent = 'Copy failed — the link is selected, press Ctrl+C to copy it';
    }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else {
    fallback();
  }
}

/** Wires the panel for the file at `path` (a /media/… or /torrents/… address; '' when there is none). */
export function wireShare(path) {
  mediaPath = path;
  els.share.addEventListener('click', createShareLink);
  els.ttl.addEventListener('change', function () {
    if (!els.shareResult.hidden) createShareLink();
  });
  els.copy.addEventListener('click', copyShareLink);
  els.shareUrl.addEventListener('focus', function () { els.shareUrl.select(); });
}
