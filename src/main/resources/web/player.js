/* Kino – player page (player.html). Plain browser JavaScript, no dependencies. */
(function () {
  'use strict';

  var K = window.KinoCommon;
  var $ = K.$;

  var SEEK_STEP = 10;

  var els = {
    userBox: $('user-box'),
    userName: $('user-name'),
    userAvatar: $('user-avatar'),
    logout: $('logout'),
    title: $('title'),
    folder: $('folder'),
    meta: $('meta'),
    stage: $('stage'),
    video: $('player'),
    osd: $('osd'),
    error: $('player-error'),
    errorBox: $('player-error-box'),
    notice: $('player-notice'),
    noticeText: $('player-notice-text'),
    unmute: $('unmute'),
    ttl: $('share-ttl'),
    share: $('share'),
    shareResult: $('share-result'),
    shareUrl: $('share-url'),
    shareExpires: $('share-expires'),
    shareError: $('share-error'),
    copy: $('copy'),
    copyStatus: $('copy-status')
  };

  var id = new URLSearchParams(window.location.search).get('id') || '';
  var mediaPath = '/media/' + encodeURIComponent(id);
  var redirecting = false;

  function toLogin() {
    if (redirecting) return;
    redirecting = true;
    window.location.replace('/');
  }

  /* ------------------------------------------------------------------ messages */

  var ERROR_NAMES = {
    1: 'MEDIA_ERR_ABORTED',
    2: 'MEDIA_ERR_NETWORK',
    3: 'MEDIA_ERR_DECODE',
    4: 'MEDIA_ERR_SRC_NOT_SUPPORTED'
  };
  var ERROR_HINTS = {
    1: 'Playback was aborted.',
    2: 'A network error interrupted the download.',
    3: 'The file could not be decoded — it may be damaged or use an unsupported codec.',
    4: 'The file could not be loaded, or this browser cannot play its format.'
  };

  function showError(text) {
    els.error.textContent = text;
    els.error.hidden = !text;
    els.errorBox.hidden = !text;
    els.stage.classList.toggle('stage-failed', !!text);
  }

  function showNotice(text, withUnmute) {
    els.noticeText.textContent = text || '';
    els.unmute.hidden = !withUnmute;
    els.notice.hidden = !text;
  }

  /* ------------------------------------------------------------------ metadata */

  function loadUser() {
    K.api('/api/me').then(function (r) {
      if (r.status === 401) return toLogin();
      if (r.ok && r.data && r.data.username) {
        els.userName.textContent = r.data.username;
        els.userAvatar.textContent = r.data.username.charAt(0).toUpperCase();
        els.userBox.hidden = false;
      }
    }).catch(function () { /* header stays minimal */ });
  }

  function loadItem() {
    K.api('/api/library').then(function (r) {
      if (r.status === 401) return toLogin();
      if (!r.ok || !Array.isArray(r.data)) {
        setTitle('Untitled', '');
        els.meta.textContent = 'Could not load file details (' + K.errorText(r) + ').';
        return;
      }
      var item = null;
      for (var i = 0; i < r.data.length; i++) {
        if (r.data[i] && r.data[i].id === id) { item = r.data[i]; break; }
      }
      if (!item) {
        setTitle('File not found', '');
        els.meta.textContent = 'This file is not in the library any more. It may have been moved or deleted.';
        return;
      }
      setTitle(item.name || item.path || id, item.folder || '');
      var parts = [K.typeLabel(item), K.formatDuration(item.duration), K.techLabel(item), K.formatSize(item.size)];
      if (item.modified) parts.push(K.formatDate(new Date(item.modified)));
      els.meta.textContent = parts.filter(Boolean).join(' · ');
      els.stage.classList.toggle('stage-audio', item.kind === 'audio');
    }, function () {
      setTitle('Untitled', '');
      els.meta.textContent = 'Could not reach the server for file details.';
    });
  }

  function setTitle(name, folder) {
    els.title.textContent = name;
    document.title = name + ' – Kino';
    els.folder.textContent = folder;
    els.folder.hidden = !folder;
  }

  /* ------------------------------------------------------------------ playback */

  function startPlayback() {
    var v = els.video;
    v.addEventListener('error', onMediaError);
    v.addEventListener('playing', function () {
      showError('');
      if (!v.muted) showNotice('');
    });
    v.addEventListener('volumechange', function () {
      if (!v.muted && !els.unmute.hidden) showNotice('');
    });
    v.setAttribute('poster', mediaPath + '/poster.jpg');
    v.setAttribute('src', mediaPath);
    tryPlay(true);
  }

  /** Autoplay may be refused by the browser; fall back to muted playback with an unmute button. */
  function tryPlay(allowMutedFallback) {
    var v = els.video;
    var p;
    try { p = v.play(); } catch (e) { return; }
    if (!p || !p.catch) return;
    p.catch(function (err) {
      // Anything but a refused autoplay surfaces through the media "error" event.
      if (!err || err.name !== 'NotAllowedError' || v.error) return;
      if (allowMutedFallback && !v.muted) {
        v.muted = true;
        v.play().then(function () {
          showNotice('Autoplay with sound was blocked by the browser, so playback started muted.', true);
        }, function (err2) {
          v.muted = false;
          if (err2 && err2.name === 'NotAllowedError' && !v.error) showNotice('Press play to start.', false);
        });
      } else {
        showNotice('Press play to start.', false);
      }
    });
  }

  function onMediaError() {
    var e = els.video.error;
    if (!e) return;
    var code = e.code;
    var text = 'Playback error ' + code + ' (' + (ERROR_NAMES[code] || 'UNKNOWN') + '): ' +
      (e.message ? e.message : (ERROR_HINTS[code] || 'Unknown error.'));
    showError(text);
    showNotice('');
    // Ask the server what went wrong: an expired session, a missing file, …
    var ctrl = window.AbortController ? new AbortController() : null;
    fetch(mediaPath, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Range: 'bytes=0-0' },
      signal: ctrl ? ctrl.signal : undefined
    }).then(function (res) {
      if (ctrl) ctrl.abort();
      if (res.status === 401) return toLogin();
      if (!res.ok) {
        showError(text + ' — the server answered HTTP ' + res.status +
          (res.status === 404 ? ' (file not found).' : '.'));
      } else if (code === 4) {
        var type = res.headers.get('Content-Type');
        showError(text + (type ? ' — the server sent it as ' + type + '; the file may be damaged or use a codec this browser cannot play.' : ''));
      }
    }).catch(function () { /* keep the original message */ });
  }

  var osdTimer = null;

  function flash(text) {
    els.osd.textContent = text;
    els.osd.classList.add('osd-visible');
    if (osdTimer) window.clearTimeout(osdTimer);
    osdTimer = window.setTimeout(function () { els.osd.classList.remove('osd-visible'); }, 700);
  }

  function togglePlay() {
    var v = els.video;
    if (v.paused || v.ended) {
      tryPlay(false);
      flash('▶');
    } else {
      v.pause();
      flash('❚❚');
    }
  }

  function seekBy(delta) {
    var v = els.video;
    var t = (v.currentTime || 0) + delta;
    if (isFinite(v.duration)) t = Math.min(t, v.duration);
    v.currentTime = Math.max(0, t);
    flash((delta > 0 ? '+' : '−') + Math.abs(delta) + ' s');
  }

  function isSpaceKey(e) {
    return e.key === ' ' || e.key === 'Spacebar' || e.code === 'Space';
  }

  function consume(e) {
    e.preventDefault();
    if (e.target === els.video) e.stopPropagation();
  }

  function onKeyDown(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || !id) return;
    var t = e.target;
    if (K.isTyping(t)) return;
    if (isSpaceKey(e)) {
      // Let Space activate a focused button or link as usual; the video itself is handled here.
      if (t !== els.video && t && t.closest && t.closest('button, a, summary, [role="button"]')) return;
      consume(e);
      if (!e.repeat) togglePlay();
    } else if (e.key === 'ArrowLeft' || e.key === 'Left') {
      consume(e);
      seekBy(-SEEK_STEP);
    } else if (e.key === 'ArrowRight' || e.key === 'Right') {
      consume(e);
      seekBy(SEEK_STEP);
    }
  }

  /* ------------------------------------------------------------------ sharing */

  var sharing = false;

  function createShareLink() {
    if (sharing || !id) return;
    sharing = true;
    els.share.disabled = true;
    els.share.textContent = 'Creating…';
    els.shareError.textContent = '';
    var ttl = parseInt(els.ttl.value, 10) || 3600;
    K.api('/api/sign', { method: 'POST', body: { path: mediaPath, ttl: ttl } }).then(function (r) {
      if (r.status === 401) return toLogin();
      if (!r.ok || !r.data || !r.data.url) {
        els.shareError.textContent = 'Could not create a link (' + K.errorText(r) + ').';
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
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
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

  /* ------------------------------------------------------------------ wiring */

  els.logout.addEventListener('click', function () {
    els.logout.disabled = true;
    K.api('/api/logout', { method: 'POST' }).catch(function () {}).then(function () {
      window.location.replace('/');
    });
  });
  els.unmute.addEventListener('click', function () {
    els.video.muted = false;
    showNotice('');
    els.video.focus();
  });
  els.share.addEventListener('click', createShareLink);
  els.ttl.addEventListener('change', function () {
    if (!els.shareResult.hidden) createShareLink();
  });
  els.copy.addEventListener('click', copyShareLink);
  els.shareUrl.addEventListener('focus', function () { els.shareUrl.select(); });
  // Capture phase, so a focused <video> does not also run its built-in key handling.
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keyup', function (e) {
    if (e.target === els.video && (isSpaceKey(e) || /^(Arrow)?(Left|Right)$/.test(e.key))) {
      e.preventDefault();
      e.stopPropagation();
    }
  }, true);

  if (!id) {
    setTitle('No file selected', '');
    els.meta.textContent = 'Pick something from the library.';
    els.share.disabled = true;
    showError('No file id in the address — open a file from the library.');
    loadUser();
    return;
  }

  startPlayback();
  loadUser();
  loadItem();
})();
