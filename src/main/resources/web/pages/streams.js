/*
 * The /live page: every stream with its state, refreshed every 2 s; logged-in users can declare new ones and turn
 * recording into the library on or off.
 */

import { api, errorText } from '/app/api.js';
import { $, el } from '/app/dom.js';
import { formatBitrate, formatDuration } from '/app/format.js';
import { mountShell } from '/app/shell.js';

mountShell({ section: 'live' });

function codec(mimeType) {
  const m = /codecs="([^"]*)"/.exec(mimeType || '');
  return m ? m[1] : '–';
}

/** "1280×720 · 30 fps" from what the publisher's container says; parts it does not say are left out. */
function video(s) {
  const parts = [];
  if (s.width && s.height) parts.push(s.width + '×' + s.height);
  if (s.framesPerSecond) parts.push((Math.round(s.framesPerSecond * 100) / 100) + ' fps');
  return parts.length ? parts.join(' · ') : '–';
}

let loggedIn = false;

/** The Record cell: a switch for logged-in users (the server says who may flip it), and whether it records now. */
function recordCell(s) {
  const td = el('td', 'stream-record');
  if (loggedIn) {
    const box = el('input');
    box.type = 'checkbox';
    box.checked = !!s.record;
    box.setAttribute('aria-label', 'record ' + s.name);
    box.addEventListener('change', () => setRecord(s.name, box.checked));
    td.appendChild(box);
  }
  const note = s.recording ? 'recording' : s.recordError ? 'stopped: ' + s.recordError : s.record ? 'on' : loggedIn ? '' : '–';
  if (note) td.appendChild(el('span', s.recording ? 'stream-recording' : null, ' ' + note));
  return td;
}

function setRecord(name, on) {
  $('record-error').textContent = '';
  api('/api/streams/' + encodeURIComponent(name) + '/record', { method: 'POST', body: { on: on } }).then((r) => {
    if (!r.ok) $('record-error').textContent = errorText(r);
    refresh();
  });
}

function copyOf(id) {
  const text = $(id).textContent;
  if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {});
}

function render(list) {
  const rows = $('stream-rows');
  rows.textContent = '';
  list.forEach((s) => {
    const tr = el('tr');
    tr.dataset.stream = s.name;
    tr.dataset.state = s.state;
    const name = el('td');
    const a = el('a', null, s.name);
    a.href = '/live/' + encodeURIComponent(s.name);
    name.appendChild(a);
    tr.appendChild(name);
    tr.appendChild(el('td', 'stream-state stream-state-' + s.state, s.state));
    tr.appendChild(el('td', null, String(s.viewers || 0)));
    tr.appendChild(el('td', null, s.bitsPerSecond ? formatBitrate(s.bitsPerSecond) : '–'));
    tr.appendChild(el('td', null, codec(s.mimeType)));
    tr.appendChild(el('td', 'stream-video', video(s)));
    tr.appendChild(el('td', 'stream-source', s.protocol || '–'));
    tr.appendChild(el('td', null, s.state === 'live' && s.uptimeSeconds ? formatDuration(s.uptimeSeconds) : '–'));
    tr.appendChild(el('td', null, s['public'] ? 'public' : 'private'));
    tr.appendChild(recordCell(s));
    rows.appendChild(tr);
  });
  const live = list.filter((s) => s.state === 'live').length;
  $('streams-summary').textContent = list.length === 0 ? 'No streams yet.'
    : live + ' live of ' + list.length + ' stream' + (list.length === 1 ? '' : 's');
}

function refresh() {
  api('/api/streams')
    .then((r) => render(r.ok && Array.isArray(r.data) ? r.data : []))
    .catch(() => { $('streams-summary').textContent = 'cannot reach the server'; });
}

function create(ev) {
  ev.preventDefault();
  const name = $('new-stream-name').value.trim();
  $('new-stream-error').textContent = '';
  const request = { name: name, 'public': $('new-stream-public').checked, record: $('new-stream-record').checked };
  api('/api/streams', { method: 'POST', body: request }).then((r) => {
    const body = r.data || {};
    if (!r.ok) {
      $('new-stream-error').textContent = body.error || 'could not create the stream';
      return;
    }
    $('new-stream-key-name').textContent = body.name;
    $('new-stream-key').textContent = body.streamKey;
    $('new-stream-command').textContent = 'ffmpeg -re -i INPUT -c:v libvpx -deadline realtime -g 30 -c:a libopus -f webm -method PUT '
      + location.origin + '/live/' + body.name + '?key=' + body.streamKey;
    $('new-stream-obs').hidden = !body.obs;
    if (body.obs) {
      $('new-stream-obs-server').textContent = body.obs.server;
      $('new-stream-obs-key').textContent = body.obs.streamKey;
    }
    $('new-stream-result').hidden = false;
    refresh();
  });
}

api('/api/me').then((r) => {
  if (r.ok) {
    $('new-stream').hidden = false;
    loggedIn = true;
    refresh();
  }
});
$('new-stream-form').addEventListener('submit', create);
$('copy-obs-server').addEventListener('click', () => copyOf('new-stream-obs-server'));
$('copy-obs-key').addEventListener('click', () => copyOf('new-stream-obs-key'));

refresh();
setInterval(refresh, 2000);
