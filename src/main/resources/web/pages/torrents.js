/* Kino – torrents page (torrents.html): add by magnet or .torrent file, watch progress live, play files as they arrive. */

import { api, errorText } from '/app/api.js';
import { $, el } from '/app/dom.js';
import { formatPercent as percent, formatSize, typeLabel } from '/app/format.js';
import { toLogin } from '/app/session.js';
import { mountShell } from '/app/shell.js';

const shell = mountShell({ section: 'torrents' });

var REFRESH_MS = 1000;
var HASH = /^[0-9a-f]{40}$/;

var els = {
  form: $('add-form'), magnet: $('magnet'), file: $('torrent-file'), fileLabel: $('torrent-file-label'),
  add: $('add-torrent'), addError: $('add-error'), summary: $('torrent-summary'),
  list: $('torrent-list'), empty: $('torrent-empty'),
  detail: $('torrent-detail'), name: $('detail-name'), state: $('detail-state'), detailError: $('detail-error'),
  pieceMap: $('piece-map'), files: document.querySelector('#torrent-files tbody'),
  pause: $('torrent-pause'), resume: $('torrent-resume'), del: $('torrent-delete'), deleteData: $('delete-data'),
  m3u: $('torrent-m3u'), m3uLink: $('torrent-m3u-link'), m3uOut: $('m3u-link-out')
};
var selected = HASH.test(location.hash.slice(1)) ? location.hash.slice(1) : null;
var busy = false;

function speed(bytesPerSecond) {
  return formatSize(bytesPerSecond || 0) + '/s';
}

function progressBar(value) {
  var bar = el('progress', 'bar');
  bar.max = 1;
  bar.value = value;
  return bar;
}

/* ------------------------------------------------------------------ list */

function renderList(torrents) {
  els.empty.hidden = torrents.length > 0;
  var down = 0;
  var seen = {};
  torrents.forEach(function (t, i) {
    down += t.stats ? t.stats.downloadSpeed : 0;
    seen[t.infoHash] = true;
    var li = els.list.querySelector('li[data-infohash="' + t.infoHash + '"]') || newListItem(t.infoHash);
    if (els.list.children[i] !== li) els.list.insertBefore(li, els.list.children[i] || null);
    li.classList.toggle('selected', t.infoHash === selected);
    li.querySelector('.t-name').textContent = t.name;
    li.querySelector('.t-state').textContent = t.state;
    li.querySelector('.t-state').className = 'chip t-state state-' + t.state;
    li.querySelector('.t-meta').textContent = [formatSize(t.size), percent(t.stats.progress),
      '↓ ' + speed(t.stats.downloadSpeed), t.stats.peers + ' peers'].join(' · ');
    li.querySelector('progress').value = t.stats.progress;
  });
  Array.prototype.slice.call(els.list.children).forEach(function (li) {
    if (!seen[li.dataset.infohash]) li.remove();
  });
  els.summary.textContent = torrents.length === 0 ? '' :
    torrents.length + (torrents.length === 1 ? ' torrent' : ' torrents') + ' · ↓ ' + speed(down);
  if (!selected && torrents.length > 0) select(torrents[0].infoHash);
}

function newListItem(hash) {
  var li = el('li', 'torrent-item');
  li.dataset.infohash = hash;
  var button = el('button', 't-select');
  button.type = 'button';
  var head = el('span', 't-head');
  head.appendChild(el('span', 't-name'));
  head.appendChild(el('span', 'chip t-state'));
  button.appendChild(head);
  button.appendChild(el('span', 't-meta'));
  button.appendChild(progressBar(0));
  button.addEventListener('click', function () { select(hash); });
  li.appendChild(button);
  return li;
}

function select(hash) {
  selected = hash;
  history.replaceState(null, '', '#' + hash);
  els.m3uOut.hidden = true;
  els.files.textContent = '';
  refresh();
}

/* ------------------------------------------------------------------ one torrent */

function renderDetail(t) {
  els.detail.hidden = false;
  els.detail.dataset.infohash = t.infoHash;
  els.name.textContent = t.name;
  els.state.textContent = t.state;
  els.state.className = 'chip state-' + t.state;
  els.detailError.textContent = t.error || '';
  var s = t.stats;
  $('stat-down').textContent = speed(s.downloadSpeed);
  $('stat-up').textContent = speed(s.uploadSpeed);
  $('stat-peers').textContent = s.peers + ' connected · ' + s.knownPeers + ' known';
  $('stat-progress').textContent = percent(s.progress) + ' (' + formatSize(s.downloaded) + ')';
  $('stat-pieces').textContent = s.piecesVerified + ' / ' + s.piecesTotal;
  $('stat-size').textContent = t.state === 'metadata' ? 'waiting for metadata…' : formatSize(t.size);
  var stopped = t.state === 'paused' || t.state === 'error';
  els.pause.hidden = stopped;
  els.resume.hidden = !stopped;
  els.resume.textContent = t.state === 'error' ? 'Try again' : 'Resume';
  els.m3u.href = '/torrents/' + t.infoHash + '/playlist.m3u';
  drawPieces(t.pieceMap || []);
  renderFiles(t);
}

/** One bar per bucket of pieces: dark when none arrived, amber when all did. */
function drawPieces(map) {
  var c = els.pieceMap;
  var width = Math.max(1, Math.round(c.clientWidth * (window.devicePixelRatio || 1))) || 512;
  if (c.width !== width) c.width = width;
  var g = c.getContext('2d');
  g.fillStyle = '#272d3b';
  g.fillRect(0, 0, c.width, c.height);
  c.dataset.buckets = String(map.length);
  c.dataset.done = String(map.filter(function (v) { return v >= 1; }).length);
  for (var i = 0; i < map.length; i++) {
    var v = Math.max(0, Math.min(1, map[i]));
    if (v === 0) continue;
    g.fillStyle = v >= 1 ? '#f2b84b' : 'rgba(242, 184, 75, ' + (0.25 + 0.6 * v).toFixed(2) + ')';
    var x0 = Math.floor(i * c.width / map.length);
    var x1 = Math.floor((i + 1) * c.width / map.length);
    g.fillRect(x0, 0, Math.max(1, x1 - x0), c.height);
  }
}

function renderFiles(t) {
  t.files.forEach(function (f) {
    var row = els.files.querySelector('tr[data-index="' + f.index + '"]') || newFileRow(t.infoHash, f);
    row.querySelector('progress').value = f.progress;
    row.querySelector('.f-percent').textContent = percent(f.progress);
  });
}

function newFileRow(hash, f) {
  var row = el('tr');
  row.dataset.index = String(f.index);
  var name = f.path.slice(f.path.lastIndexOf('/') + 1);
  var path = el('td', 'f-path');
  path.appendChild(el('span', 'f-name', name));
  if (name !== f.path) path.appendChild(el('span', 'f-folder muted small', f.path.slice(0, f.path.length - name.length - 1)));
  row.appendChild(path);
  row.appendChild(el('td', 'f-size', formatSize(f.size)));
  row.appendChild(el('td', 'f-type', f.kind ? typeLabel({ name: name, kind: f.kind, mimeType: f.mimeType }) : 'other'));
  var progress = el('td', 'f-progress');
  progress.appendChild(progressBar(f.progress));
  progress.appendChild(el('span', 'f-percent small muted'));
  row.appendChild(progress);
  var action = el('td', 'f-action');
  var url = '/torrents/' + hash + '/files/' + f.index;
  if (f.kind === 'video' || f.kind === 'audio') {
    var play = el('a', 'btn btn-primary btn-small f-play', 'Play');
    play.href = '/player.html?torrent=' + hash + '&file=' + f.index;
    action.appendChild(play);
  } else {
    var get = el('a', 'btn btn-ghost btn-small f-download', 'Download');
    get.href = url;
    get.setAttribute('download', name);
    action.appendChild(get);
  }
  row.appendChild(action);
  els.files.appendChild(row);
  return row;
}

/* ------------------------------------------------------------------ refresh */

function refresh() {
  if (busy) return;
  busy = true;
  var list = api('/api/torrents').then(function (r) {
    if (r.status === 401) return toLogin();
    if (r.ok && Array.isArray(r.data)) renderList(r.data);
  });
  var one = !selected ? null : api('/api/torrents/' + selected).then(function (r) {
    if (r.status === 404) {
      selected = null;
      els.detail.hidden = true;
      history.replaceState(null, '', location.pathname);
    } else if (r.ok && r.data) {
      renderDetail(r.data);
    }
  });
  Promise.all([list, one]).catch(function () {
    els.summary.textContent = 'Cannot reach the server; retrying…';
  }).then(function () { busy = false; });
}

/* ------------------------------------------------------------------ actions */

function add(e) {
  e.preventDefault();
  var file = els.file.files && els.file.files[0];
  var magnet = els.magnet.value.trim();
  if (!file && !magnet) {
    els.addError.textContent = 'Paste a magnet link or choose a .torrent file.';
    return;
  }
  els.add.disabled = true;
  els.addError.textContent = '';
  var sent;
  if (file) {
    var form = new FormData();
    form.append('torrent', file, file.name);
    sent = api('/api/torrents', { method: 'POST', body: form });
  } else {
    sent = api('/api/torrents', { method: 'POST', body: { magnet: magnet } });
  }
  sent.then(function (r) {
    if (r.status === 401) return toLogin();
    if (!r.ok || !r.data) {
      els.addError.textContent = 'Could not add it (' + errorText(r) + ').';
      return;
    }
    els.magnet.value = '';
    els.file.value = '';
    els.fileLabel.textContent = 'Choose .torrent file';
    select(r.data.infoHash);
  }, function () {
    els.addError.textContent = 'Could not reach the server.';
  }).then(function () { els.add.disabled = false; });
}

function act(path, method) {
  if (!selected) return;
  api('/api/torrents/' + selected + path, { method: method }).then(function (r) {
    if (r.status === 401) return toLogin();
    if (!r.ok) els.detailError.textContent = 'Failed: ' + errorText(r);
    refresh();
  });
}

function copyPlayerLink() {
  if (!selected) return;
  api('/api/sign', { method: 'POST', body: { path: '/torrents/' + selected + '/playlist.m3u', ttl: 86400 } }).then(function (r) {
    if (!r.ok || !r.data) {
      els.detailError.textContent = 'Could not create a link (' + errorText(r) + ').';
      return;
    }
    els.m3uOut.textContent = r.data.url + ' — open it in VLC or mpv (valid for a day).';
    els.m3uOut.hidden = false;
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(r.data.url).catch(function () {});
  });
}

els.form.addEventListener('submit', add);
els.file.addEventListener('change', function () {
  var f = els.file.files && els.file.files[0];
  els.fileLabel.textContent = f ? f.name : 'Choose .torrent file';
});
els.pause.addEventListener('click', function () { act('/pause', 'POST'); });
els.resume.addEventListener('click', function () { act('/resume', 'POST'); });
els.del.addEventListener('click', function () {
  var data = els.deleteData.checked;
  if (!window.confirm('Remove "' + els.name.textContent + '"' + (data ? ' and its downloaded files' : '') + '?')) return;
  act(data ? '?deleteData=true' : '', 'DELETE');
});
els.m3uLink.addEventListener('click', copyPlayerLink);

api('/api/me').then(function (r) {
  if (r.status === 401) return toLogin();
  if (r.ok && r.data) shell.showUser(r.data);
  refresh();
  window.setInterval(refresh, REFRESH_MS);
});
