/* Kino – library page (index.html): sign-in, then every file grouped by folder, filtered, sorted and refreshed. */

import { api, errorText, retryAfterSeconds } from '/app/api.js';
import { $, el, icon, isTyping } from '/app/dom.js';
import { formatBytes, formatDate, formatDuration, formatSize, hue, techLabel, typeLabel } from '/app/format.js';
import { load, store } from '/app/prefs.js';
import { signOut } from '/app/session.js';
import { mountShell } from '/app/shell.js';

const shell = mountShell({ section: 'library', parent: $('app-view') });

var REFRESH_MS = 10000;

var els = {
  boot: $('boot'),
  bootMessage: $('boot-message'),
  bootRetry: $('boot-retry'),
  loginView: $('login-view'),
  loginForm: $('login-form'),
  username: $('username'),
  password: $('password'),
  loginButton: $('login-button'),
  loginError: $('login-error'),
  loginInfo: $('login-info'),
  appView: $('app-view'),
  filter: $('filter'),
  sort: $('sort'),
  group: $('group'),
  summary: $('summary'),
  status: $('library-status'),
  library: $('library'),
  continueBox: $('continue'),
  continueList: $('continue-list'),
  empty: $('empty')
};

var state = {
  loggedIn: false,
  session: 0,          // incremented on every login/logout, to drop stale responses
  items: null,         // last library answer (array) or null when not loaded
  signature: '',
  loading: false,
  timer: null,
  loggingIn: false
};

/* ------------------------------------------------------------------ views */

function showBoot(message, canRetry) {
  els.boot.hidden = false;
  els.bootMessage.textContent = message;
  els.bootRetry.hidden = !canRetry;
  els.boot.classList.toggle('boot-error', !!canRetry);
  els.loginView.hidden = true;
  els.appView.hidden = true;
}

function showLogin(info) {
  state.loggedIn = false;
  state.session++;
  stopPolling();
  state.items = null;
  state.signature = '';
  els.library.replaceChildren();
  els.summary.textContent = '';
  els.status.textContent = '';
  els.boot.hidden = true;
  els.appView.hidden = true;
  els.loginView.hidden = false;
  els.loginInfo.textContent = info || '';
  els.loginError.textContent = '';
  els.password.value = '';
  els.loginButton.disabled = false;
  document.title = 'Sign in – Kino';
  (els.username.value ? els.password : els.username).focus();
}

function showApp(user) {
  state.loggedIn = true;
  state.session++;
  shell.showUser(user || {});
  els.boot.hidden = true;
  els.loginView.hidden = true;
  els.appView.hidden = false;
  els.loginInfo.textContent = '';
  els.loginError.textContent = '';
  els.password.value = '';
  document.title = 'Library – Kino';
  els.library.setAttribute('aria-busy', 'true');
  loadLibrary();
  startPolling();
}

/* ------------------------------------------------------------------ boot */

function boot() {
  showBoot('Loading…', false);
  api('/api/me').then(function (r) {
    if (r.status === 200 && r.data) {
      showApp(r.data);
    } else if (r.status === 401) {
      showLogin();
    } else {
      showBoot('The server answered with an error (' + errorText(r) + ').', true);
    }
  }, function () {
    showBoot('Cannot reach the Kino server.', true);
  });
}

/* ------------------------------------------------------------------ login */

function onLoginSubmit(ev) {
  ev.preventDefault();
  if (state.loggingIn) return;
  var username = els.username.value.trim();
  var password = els.password.value;
  els.loginError.textContent = '';
  els.loginInfo.textContent = '';
  if (!username || !password) {
    els.loginError.textContent = 'Please enter your username and password.';
    (username ? els.password : els.username).focus();
    return;
  }
  state.loggingIn = true;
  els.loginButton.disabled = true;
  els.loginButton.textContent = 'Signing in…';
  api('/api/login', { method: 'POST', body: { username: username, password: password } })
    .then(function (r) {
      if (r.ok) {
        var user = r.data && typeof r.data === 'object' ? r.data : {};
        if (!user.username) user.username = username;
        showApp(user);
        return;
      }
      if (r.status === 429) {
        var secs = retryAfterSeconds(r.headers.get('Retry-After'));
        els.loginError.textContent = secs !== null
          ? 'Too many attempts, try again in ' + secs + ' s'
          : 'Too many attempts, try again later';
      } else if (r.status === 401) {
        els.loginError.textContent = (r.data && r.data.error) || 'Wrong username or password.';
      } else {
        els.loginError.textContent = 'Sign-in failed (' + errorText(r) + ').';
      }
      els.password.focus();
      els.password.select();
    }, function () {
      els.loginError.textContent = 'Cannot reach the server. Check your connection and try again.';
    })
    .then(function () {
      state.loggingIn = false;
      els.loginButton.disabled = false;
      els.loginButton.textContent = 'Sign in';
    });
}

function onLogout() {
  return signOut().then(function () { showLogin('You have been signed out.'); });
}

/* ------------------------------------------------------------------ library */

function startPolling() {
  stopPolling();
  state.timer = window.setInterval(loadLibrary, REFRESH_MS);
}

function stopPolling() {
  if (state.timer !== null) window.clearInterval(state.timer);
  state.timer = null;
}

function signatureOf(list) {
  return list.map(function (i) {
    return [i.id, i.path, i.name, i.folder, i.size, i.modified, i.kind, i.mimeType, i.duration, Math.floor(i.position || 0),
      i.watched].join('\u0001');
  }).join('\u0002');
}

function loadLibrary() {
  if (!state.loggedIn || state.loading) return;
  state.loading = true;
  var session = state.session;
  api('/api/library').then(function (r) {
    if (session !== state.session) return;           // logged out meanwhile
    if (r.status === 401) {
      showLogin('Your session has ended. Please sign in again.');
      return;
    }
    if (!r.ok || !Array.isArray(r.data)) {
      throw new Error(r.ok ? 'unexpected answer' : errorText(r));
    }
    els.status.textContent = '';
    loadContinue(session);
    var sig = signatureOf(r.data);
    if (state.items === null || sig !== state.signature) {
      state.items = r.data;
      state.signature = sig;
      render();
    }
  }).catch(function (err) {
    if (session !== state.session) return;
    els.status.textContent = 'Could not ' + (state.items ? 'refresh' : 'load') +
      ' the library (' + ((err && err.message) || 'network error') + '). Retrying automatically…';
  }).then(function () {
    state.loading = false;
    els.library.setAttribute('aria-busy', 'false');
  });
}

/** The "Continue watching" row: files this user stopped in and has not finished, most recent first. */
function loadContinue(session) {
  api('/api/continue').then(function (r) {
    if (session !== state.session || !r.ok || !Array.isArray(r.data)) return;
    els.continueList.textContent = '';
    r.data.forEach(function (c) {
      if (!c || typeof c.id !== 'string' || typeof c.position !== 'number') return;
      var li = el('li', 'continue-item');
      var a = el('a', 'continue-link');
      a.href = '/player.html?id=' + encodeURIComponent(c.id);
      a.appendChild(el('span', 'continue-name', c.name || c.id));
      var left = c.duration ? ' of ' + formatDuration(c.duration) : '';
      a.appendChild(el('span', 'continue-at', 'Resume at ' + formatDuration(c.position) + left));
      if (c.duration) a.appendChild(progressBar(c.position, c.duration, 'progress'));
      li.appendChild(a);
      els.continueList.appendChild(li);
    });
    els.continueBox.hidden = els.continueList.children.length === 0;
  }, function () { /* the row stays as it was */ });
}

/** A thin bar showing how far into a file the user is. */
function progressBar(position, duration, className) {
  var bar = el('span', className);
  var fill = el('span', 'progress-fill');
  fill.style.width = Math.min(100, Math.round(100 * position / duration)) + '%';
  bar.appendChild(fill);
  return bar;
}

/** Marks a file watched or not, then shows the library again. */
function setWatched(item, watched) {
  api('/api/progress/' + encodeURIComponent(item.id), { method: 'POST', body: { watched: watched } }).then(function (r) {
    if (!r.ok) {
      els.status.textContent = 'Could not mark "' + (item.name || item.id) + '" (' + errorText(r) + ').';
      return;
    }
    loadLibrary();
  }, function () {
    els.status.textContent = 'Could not reach the server to mark "' + (item.name || item.id) + '".';
  });
}

function terms() {
  return els.filter.value.toLowerCase().split(/\s+/).filter(Boolean);
}

function matches(item, ts) {
  if (!ts.length) return true;
  var hay = ((item.name || '') + ' ' + (item.path || '') + ' ' + (item.folder || '') + ' ' + (item.mimeType || '')).toLowerCase();
  for (var i = 0; i < ts.length; i++) {
    if (hay.indexOf(ts[i]) === -1) return false;
  }
  return true;
}

var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function comparator(mode) {
  var byName = function (a, b) { return collator.compare(a.name || '', b.name || ''); };
  if (mode === 'newest') return function (a, b) { return (b.modified || 0) - (a.modified || 0) || byName(a, b); };
  if (mode === 'largest') return function (a, b) { return (b.size || 0) - (a.size || 0) || byName(a, b); };
  return byName;
}

function render() {
  var all = state.items || [];
  var ts = terms();
  var grouped = els.group.checked;

  // Keep keyboard focus on the same item across re-renders.
  var active = document.activeElement;
  var activeItem = active && active.closest ? active.closest('.item') : null;
  var focusId = activeItem && els.library.contains(activeItem) ? activeItem.getAttribute('data-id') : null;

  var total = 0;
  all.forEach(function (i) { total += Number(i.size) || 0; });
  els.summary.textContent = all.length
    ? all.length + (all.length === 1 ? ' file' : ' files') + ' · ' + formatSize(total)
    : 'No files yet';

  els.empty.hidden = all.length !== 0;
  els.library.hidden = all.length === 0;
  if (!all.length) {
    els.library.replaceChildren();
    return;
  }

  var shown = all.filter(function (i) { return matches(i, ts); }).sort(comparator(els.sort.value));
  var frag = document.createDocumentFragment();

  if (!shown.length) {
    var none = el('div', 'no-match');
    none.appendChild(el('p', null, 'No files match “' + els.filter.value.trim() + '”.'));
    var clear = el('button', 'btn btn-ghost btn-small', 'Clear filter');
    clear.type = 'button';
    clear.id = 'clear-filter';
    clear.addEventListener('click', function () {
      els.filter.value = '';
      render();
      els.filter.focus();
    });
    none.appendChild(clear);
    frag.appendChild(none);
  } else if (grouped) {
    var groups = new Map();
    shown.forEach(function (i) {
      var f = i.folder || '';
      if (!groups.has(f)) groups.set(f, []);
      groups.get(f).push(i);
    });
    Array.from(groups.keys()).sort(function (a, b) {
      if (a === '') return -1;
      if (b === '') return 1;
      return collator.compare(a, b);
    }).forEach(function (folder) {
      frag.appendChild(renderGroup(folder, groups.get(folder), ts));
    });
  } else {
    var section = el('section', 'folder-group folder-flat');
    section.setAttribute('aria-label', 'All files');
    var ul = el('ul', 'items');
    shown.forEach(function (i) { ul.appendChild(renderItem(i, ts, true)); });
    section.appendChild(ul);
    frag.appendChild(section);
  }

  if (ts.length && shown.length) {
    els.summary.textContent = shown.length + ' of ' + all.length + ' files match';
  }

  els.library.replaceChildren(frag);

  if (focusId) {
    var again = els.library.querySelector('.item[data-id="' + cssEscape(focusId) + '"] .item-link');
    if (again) again.focus({ preventScroll: true });
  }
}

function cssEscape(s) {
  return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&');
}

var groupSeq = 0;

function renderGroup(folder, list, ts) {
  var section = el('section', 'folder-group');
  section.setAttribute('data-folder', folder);
  var headId = 'group-' + (++groupSeq);
  section.setAttribute('aria-labelledby', headId);

  var head = el('h2', 'folder-head');
  head.id = headId;
  head.appendChild(icon('folder', 'folder-icon'));
  var title = el('span', 'folder-name');
  if (folder) {
    folder.split('/').forEach(function (part, idx, arr) {
      title.appendChild(el('span', idx === arr.length - 1 ? 'crumb crumb-last' : 'crumb', part));
      if (idx < arr.length - 1) title.appendChild(el('span', 'crumb-sep', ' / '));
    });
  } else {
    title.appendChild(el('span', 'crumb crumb-last', 'Top level'));
  }
  head.appendChild(title);
  head.appendChild(el('span', 'folder-count', list.length + (list.length === 1 ? ' file' : ' files')));
  section.appendChild(head);

  var ul = el('ul', 'items');
  list.forEach(function (i) { ul.appendChild(renderItem(i, ts, false)); });
  section.appendChild(ul);
  return section;
}

function renderItem(item, ts, showFolder) {
  var kind = item.kind === 'audio' ? 'audio' : 'video';
  var li = el('li', 'item kind-' + kind);
  li.setAttribute('data-id', item.id);

  var thumb = el('span', 'thumb hue-' + hue(item.name || item.id || ''));
  thumb.setAttribute('aria-hidden', 'true');
  thumb.appendChild(icon(kind, 'thumb-icon'));
  if (kind === 'video' && !item.probeError && (item.videoCodec || item.duration === undefined)) {
    // a frame of the film over the colour tile; if the server has none, the tile stays
    var img = el('img', 'thumb-img');
    img.alt = '';
    img.loading = 'lazy';
    img.decoding = 'async';
    img.addEventListener('error', function () { img.remove(); });
    img.src = '/media/' + encodeURIComponent(item.id) + '/poster.jpg';
    thumb.appendChild(img);
  }
  if (item.watched) {
    var seen = el('span', 'watched-mark', '✓');
    seen.title = 'Watched';
    thumb.appendChild(seen);
  } else if (item.position && item.duration) {
    thumb.appendChild(progressBar(item.position, item.duration, 'progress thumb-progress'));
  }
  li.appendChild(thumb);

  var main = el('div', 'item-main');
  var a = el('a', 'item-link');
  a.href = '/player.html?id=' + encodeURIComponent(item.id);
  var name = item.name || item.path || item.id;
  var dot = name.lastIndexOf('.');
  if (dot > 0 && name.length - dot <= 6) {
    highlight(a, name.slice(0, dot), ts);
    var ext = el('span', 'ext');
    highlight(ext, name.slice(dot), ts);
    a.appendChild(ext);
  } else {
    highlight(a, name, ts);
  }
  main.appendChild(a);
  if (showFolder) {
    var f = el('div', 'item-folder');
    highlight(f, item.folder || 'Top level', ts);
    main.appendChild(f);
  }
  var techText = item.probeError ? 'Cannot be read: ' + item.probeError : techLabel(item);
  if (techText) main.appendChild(el('div', 'item-tech', techText));
  li.appendChild(main);

  var meta = el('div', 'item-meta');
  var type = el('span', 'item-type', typeLabel(item));
  meta.appendChild(type);
  var duration = el('span', 'item-duration', formatDuration(item.duration));
  meta.appendChild(duration);
  var size = el('span', 'item-size', formatSize(item.size));
  size.title = formatBytes(item.size);
  meta.appendChild(size);
  if (item.modified) {
    var d = new Date(item.modified);
    var time = el('time', 'item-date', formatDate(d));
    time.dateTime = d.toISOString();
    time.title = d.toLocaleString();
    meta.appendChild(time);
  }
  var mark = el('button', 'btn btn-ghost btn-small item-watched', item.watched ? 'Mark unwatched' : 'Mark watched');
  mark.type = 'button';
  mark.setAttribute('aria-label', (item.watched ? 'Mark unwatched: ' : 'Mark watched: ') + name);
  mark.addEventListener('click', function () { setWatched(item, !item.watched); });
  meta.appendChild(mark);
  li.appendChild(meta);
  return li;
}

/** Appends text to parent, wrapping occurrences of the filter terms in <mark>. */
function highlight(parent, text, ts) {
  if (!ts.length || !text) {
    parent.appendChild(document.createTextNode(text));
    return;
  }
  var lower = text.toLowerCase();
  var marks = new Array(text.length).fill(false);
  ts.forEach(function (t) {
    var from = 0, at;
    while ((at = lower.indexOf(t, from)) !== -1) {
      for (var k = at; k < at + t.length; k++) marks[k] = true;
      from = at + t.length;
    }
  });
  var i = 0;
  while (i < text.length) {
    var j = i;
    while (j < text.length && marks[j] === marks[i]) j++;
    var chunk = text.slice(i, j);
    parent.appendChild(marks[i] ? el('mark', null, chunk) : document.createTextNode(chunk));
    i = j;
  }
}

/* ------------------------------------------------------------------ wiring */

els.loginForm.addEventListener('submit', onLoginSubmit);
shell.onLogout(onLogout);
els.bootRetry.addEventListener('click', boot);
els.filter.addEventListener('input', function () { if (state.items) render(); });
els.filter.addEventListener('keydown', function (e) {
  if (e.key === 'Escape' && els.filter.value) {
    els.filter.value = '';
    render();
  }
});
els.sort.addEventListener('change', function () {
  store('kino.sort', els.sort.value);
  if (state.items) render();
});
els.group.addEventListener('change', function () {
  store('kino.group', els.group.checked ? '1' : '0');
  if (state.items) render();
});

var savedSort = load('kino.sort');
if (savedSort && els.sort.querySelector('option[value="' + savedSort + '"]')) els.sort.value = savedSort;
if (load('kino.group') === '0') els.group.checked = false;

// "/" focuses the filter box.
document.addEventListener('keydown', function (e) {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || !state.loggedIn) return;
  if (isTyping(e.target)) return;
  e.preventDefault();
  els.filter.focus();
  els.filter.select();
});

window.addEventListener('focus', loadLibrary);
document.addEventListener('visibilitychange', function () {
  if (document.visibilityState === 'visible') loadLibrary();
});

boot();
