/* Kino – player page (player.html). Plain browser JavaScript; hls.js (global Hls, /vendor/hls.min.js) plays HLS streams. */
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
    back: $('back'),
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
    playBadge: $('play-badge'),
    playMethod: $('play-method'),
    playReason: $('play-reason'),
    ttl: $('share-ttl'),
    share: $('share'),
    shareResult: $('share-result'),
    shareUrl: $('share-url'),
    shareExpires: $('share-expires'),
    shareError: $('share-error'),
    copy: $('copy'),
    copyStatus: $('copy-status')
  };

  var params = new URLSearchParams(window.location.search);
  // ?torrent=INFOHASH&file=N plays one file of a torrent as its pieces arrive: directly, or remuxed/transcoded by the server
  var torrent = /^[0-9a-fA-F]{40}$/.test(params.get('torrent') || '') && /^\d{1,9}$/.test(params.get('file') || '')
    ? { hash: params.get('torrent').toLowerCase(), file: Number(params.get('file')) } : null;
  var id = torrent ? torrent.hash + '/' + torrent.file : (params.get('id') || '');
  var mediaPath = torrent ? '/torrents/' + torrent.hash + '/files/' + torrent.file : '/media/' + encodeURIComponent(id);
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

  /** A torrent's file: its name, the torrent's name as the folder, its size and type. */
  function loadTorrentFile() {
    els.back.href = '/torrents.html#' + torrent.hash;
    els.back.querySelector('span').textContent = 'Back to torrents';
    K.api('/api/torrents/' + torrent.hash).then(function (r) {
      if (r.status === 401) return toLogin();
      var files = r.ok && r.data && Array.isArray(r.data.files) ? r.data.files : [];
      var f = files.filter(function (x) { return x.index === torrent.file; })[0];
      if (!f) {
        setTitle('File not found', '');
        els.meta.textContent = 'This torrent or file is not there any more (' + K.errorText(r) + ').';
        return;
      }
      var name = f.path.slice(f.path.lastIndexOf('/') + 1);
      setTitle(name, r.data.name);
      currentItem = { name: name, size: f.size, kind: f.kind, mimeType: f.mimeType };
      renderMeta();
      els.stage.classList.toggle('stage-audio', f.kind === 'audio');
    }, function () {
      els.meta.textContent = 'Could not reach the server for file details.';
    });
  }

  function loadItem() {
    if (torrent) return loadTorrentFile();
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
      currentItem = item;
      renderMeta();
      els.stage.classList.toggle('stage-audio', item.kind === 'audio');
    }, function () {
      setTitle('Untitled', '');
      els.meta.textContent = 'Could not reach the server for file details.';
    });
  }

  var currentItem = null;

  /** File details; the duration comes from the library, else from /api/play (display only). */
  function renderMeta() {
    var item = currentItem;
    if (!item) return;
    var duration = item.duration || play.serverDuration;
    var parts = [K.typeLabel(item), K.formatDuration(duration), K.techLabel(item), K.formatSize(item.size)];
    if (item.modified) parts.push(K.formatDate(new Date(item.modified)));
    els.meta.textContent = parts.filter(Boolean).join(' · ');
  }

  function setTitle(name, folder) {
    els.title.textContent = name;
    document.title = name + ' – Kino';
    els.folder.textContent = folder;
    els.folder.hidden = !folder;
  }

  /* ------------------------------------------------------------------ playback */

  // hls.js settings for VOD playlists whose segments the server makes on demand: a transcoded
  // segment may take seconds before its first byte, so wait long and retry, and keep the buffer small
  // so that a seek does not leave the server converting parts nobody watches.
  var HLS_CONFIG = {
    enableWorker: false,         // the CSP has no worker-src, and hls.js would start its worker from a blob: URL
    autoStartLoad: true,
    startPosition: -1,
    maxBufferLength: 30,
    maxMaxBufferLength: 60,
    backBufferLength: 30,
    maxBufferHole: 0.5,
    lowLatencyMode: false,
    // (the same as the older manifestLoadingTimeOut: 20000 and fragLoadingTimeOut: 60000, which hls.js 1.4 warns about)
    manifestLoadPolicy: loadPolicy(20000, 20000, 2, 5),
    playlistLoadPolicy: loadPolicy(20000, 20000, 2, 5),
    fragLoadPolicy: loadPolicy(60000, 120000, 3, 6)
  };

  /**
   * Time limits and retries for one kind of hls.js request. Error retries (HTTP 5xx such as a 503 while the server
   * is busy or still analysing the file) back off 1, 2, 4, 8, 8… s; 4xx answers are never retried by hls.js.
   */
  function loadPolicy(firstByteMs, loadMs, timeoutRetries, errorRetries) {
    return {
      default: {
        maxTimeToFirstByteMs: firstByteMs,
        maxLoadTimeMs: loadMs,
        timeoutRetry: { maxNumRetry: timeoutRetries, retryDelayMs: 0, maxRetryDelayMs: 0 },
        errorRetry: { maxNumRetry: errorRetries, retryDelayMs: 1000, maxRetryDelayMs: 8000 }
      }
    };
  }

  var MAX_BUSY_RETRIES = 6;
  var METHODS = { direct: true, remux: true, transcode: true };

  var play = {
    method: '',          // what the server chose: direct, remux or transcode
    url: '',             // what the <video> (or hls.js) is loading
    engine: '',          // 'file', 'native' (the browser's own HLS) or 'hlsjs'
    hls: null,           // the hls.js instance while it plays
    recovered: false,    // recoverMediaError() is tried once
    played: false,       // a frame has played since the source was set
    busyRetries: 0,
    retryTimer: null,
    noDirect: false,     // direct play failed once: ask the server for a stream instead
    serverDuration: null
  };

  // ?hls=native or ?hls=hlsjs picks the HLS player (for testing); normally hls.js when usable, else the browser's own.
  var hlsChoice = new URLSearchParams(window.location.search).get('hls');

  function startPlayback() {
    var v = els.video;
    v.addEventListener('error', onMediaError);
    v.addEventListener('playing', function () {
      play.played = true;
      showError('');
      if (!v.muted) showNotice('');
    });
    v.addEventListener('volumechange', function () {
      if (!v.muted && !els.unmute.hidden) showNotice('');
    });
    if (!torrent) v.setAttribute('poster', mediaPath + '/poster.jpg');
    requestPlay();
  }

  /** Tells the server what this browser plays and lets it choose direct play, remux or transcode. */
  function requestPlay() {
    play.retryTimer = null;
    var probe = K.playbackCapabilities(hlsChoice);
    var caps = probe.caps;
    if (play.noDirect) caps.direct = { containers: [], video: [], audio: [] };
    var endpoint = torrent ? '/api/torrents/' + torrent.hash + '/files/' + torrent.file + '/play' : '/api/play/' + encodeURIComponent(id);
    K.api(endpoint, { method: 'POST', body: caps }).then(function (r) {
      if (r.status === 401) return toLogin();
      if (r.status === 503 && play.busyRetries < MAX_BUSY_RETRIES) {
        play.busyRetries++;
        var secs = K.retryAfterSeconds(r.headers.get('Retry-After'));
        secs = Math.min(Math.max(secs === null ? 5 : secs, 1), 60);
        showNotice((torrent ? 'Waiting for the torrent (' : 'The server is busy (') + K.errorText(r) + '). Trying again in ' +
          secs + ' s…', false);
        play.retryTimer = window.setTimeout(requestPlay, secs * 1000);
        return;
      }
      if (!r.ok || !r.data || typeof r.data !== 'object') {
        showNotice('');
        showError('Cannot play this file: ' + K.errorText(r) + (r.status === 404
          ? (torrent ? ' — the torrent or the file is not there any more.' : ' — it is not in the library any more.')
          : r.status === 503 ? ' — the server is still busy, try again later.' : '.'));
        return;
      }
      startSource(r.data, probe.hlsPlayer);
    }, function () {
      showNotice('');
      showError('Could not reach the server to start playback.');
    });
  }

  function startSource(answer, hlsPlayer) {
    var v = els.video;
    var method = String(answer.method || '');
    var url = typeof answer.url === 'string' ? answer.url : '';
    if (!METHODS[method] || url.charAt(0) !== '/' || url.charAt(1) === '/') {
      showError('The server sent an answer the player does not understand (method "' + method + '").');
      return;
    }
    var duration = Number(answer.duration);
    play.serverDuration = answer.duration !== null && isFinite(duration) && duration > 0 ? duration : null;
    renderMeta();
    setMethod(method, answer.reason ? String(answer.reason) : '');
    play.url = url;
    play.played = false;
    play.recovered = false;

    if (method === 'direct') {
      play.engine = 'file';
      showNotice('');
    } else if (hlsPlayer === 'hlsjs' || hlsPlayer === 'native') {
      play.engine = hlsPlayer;
      showNotice(method === 'transcode' ? 'Converting for this browser — starting the stream…' : 'Starting the stream…', false);
    } else {
      showNotice('');
      showError('The server offers this file as an HLS stream (' + method + '), but this browser can play neither ' +
        'HLS nor Media Source Extensions.');
      return;
    }
    v.dataset.engine = play.engine;

    if (play.engine === 'hlsjs') {
      startHlsJs(url);
    } else {
      v.setAttribute('src', url);
      tryPlay(true);
    }
  }

  function setMethod(method, reason) {
    play.method = method;
    els.playMethod.textContent = method;
    els.playReason.textContent = reason ? ' — ' + reason : '';
    els.playBadge.title = reason;
    els.playBadge.className = 'chip play-badge play-badge-' + method;
    els.playBadge.hidden = false;
    els.video.dataset.method = method;
  }

  function startHlsJs(url) {
    var Hls = window.Hls;
    var hls = new Hls(HLS_CONFIG);
    play.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, function () {
      if (play.hls === hls) tryPlay(true);
    });
    hls.on(Hls.Events.ERROR, function (event, data) {
      if (play.hls === hls) onHlsError(data);
    });
    hls.loadSource(url);
    hls.attachMedia(els.video);
  }

  function stopHlsJs() {
    if (!play.hls) return;
    var hls = play.hls;
    play.hls = null;
    try { hls.destroy(); } catch (e) { /* already gone */ }
  }

  var HLS_PROBLEMS = {
    manifestLoadError: 'the stream’s playlist could not be loaded',
    manifestLoadTimeOut: 'the stream’s playlist took too long to load',
    manifestParsingError: 'the stream’s playlist is not valid',
    levelLoadError: 'the stream’s playlist could not be loaded',
    levelLoadTimeOut: 'the stream’s playlist took too long to load',
    levelParsingError: 'the stream’s playlist is not valid',
    fragLoadError: 'a part of the stream could not be loaded',
    fragLoadTimeOut: 'a part of the stream took too long to arrive',
    fragParsingError: 'a part of the stream could not be read',
    bufferAppendError: 'the browser could not decode the stream',
    bufferAddCodecError: 'the browser cannot play the stream’s codecs',
    bufferIncompatibleCodecsError: 'the browser cannot play the stream’s codecs',
    manifestIncompatibleCodecsError: 'the browser cannot play the stream’s codecs'
  };

  /** Fatal hls.js errors: one attempt to recover from a media error, otherwise tell the user. */
  function onHlsError(data) {
    if (!data || !data.fatal) return;
    var Hls = window.Hls;
    var status = data.response && data.response.code ? data.response.code : 0;
    if (status === 401) {
      stopHlsJs();
      return toLogin();
    }
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !play.recovered) {
      play.recovered = true;
      play.hls.recoverMediaError();
      return;
    }
    stopHlsJs();
    showNotice('');
    var what = HLS_PROBLEMS[data.details] || (data.type === Hls.ErrorTypes.NETWORK_ERROR
      ? 'the stream could not be loaded'
      : data.type === Hls.ErrorTypes.MEDIA_ERROR ? 'the stream could not be decoded' : 'the stream stopped');
    showError('Streaming error (' + data.type + ': ' + data.details + '): ' + what +
      (status ? ' — the server answered HTTP ' + status + (status === 404 ? ' (not found).' : '.') : '.'));
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
    if (!e || !play.url) return;
    var code = e.code;
    if (play.hls) {
      // hls.js feeds the element through Media Source Extensions: give it its one recovery first.
      if (!play.recovered) {
        play.recovered = true;
        play.hls.recoverMediaError();
        return;
      }
      stopHlsJs();
    }
    var text = 'Playback error ' + code + ' (' + (ERROR_NAMES[code] || 'UNKNOWN') + '): ' +
      (e.message ? e.message : (ERROR_HINTS[code] || 'Unknown error.'));
    var direct = play.engine === 'file';
    // A file the browser claimed it could play but cannot: ask for a stream instead (once), like a fallback to transcoding.
    var fallback = direct && !play.noDirect && (code === 4 || (code === 3 && !play.played));
    if (torrent && !fallback && (code === 3 || code === 4)) {
      text += ' This browser cannot play this file itself; open the torrent’s M3U playlist in VLC or mpv instead.';
    }
    if (!fallback) {
      showError(text);
      showNotice('');
    }
    // Ask the server what went wrong: an expired session, a missing file, …
    var url = play.url;
    var ctrl = window.AbortController ? new AbortController() : null;
    fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: direct ? { Range: 'bytes=0-0' } : {},
      signal: ctrl ? ctrl.signal : undefined
    }).then(function (res) {
      if (ctrl) ctrl.abort();
      if (url !== play.url) return;
      if (res.status === 401) return toLogin();
      if (!res.ok) {
        showNotice('');
        showError(text + ' — the server answered HTTP ' + res.status +
          (res.status === 404 ? ' (file not found).' : '.'));
      } else if (fallback) {
        retryAsStream(text);
      } else if (code === 4 && direct) {
        var type = res.headers.get('Content-Type');
        showError(text + (type ? ' — the server sent it as ' + type + '; the file may be damaged or use a codec this browser cannot play.' : ''));
      }
    }).catch(function () {
      if (fallback && url === play.url) retryAsStream(text);
    });
  }

  function retryAsStream(text) {
    var probe = K.playbackCapabilities(hlsChoice);
    if (!probe.hlsPlayer) {
      showError(text);
      return;
    }
    play.noDirect = true;
    play.url = '';
    els.video.removeAttribute('src');
    showNotice('This browser could not play the file directly — asking the server for a converted stream…', false);
    requestPlay();
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
