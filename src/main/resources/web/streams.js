/* The /live page: every stream with its state, refreshed every 2 s; logged-in users can declare new ones. */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };

  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  function uptime(s) {
    if (!s) return '–';
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(sec).padStart(2, '0');
  }

  function codec(mimeType) {
    var m = /codecs="([^"]*)"/.exec(mimeType || '');
    return m ? m[1] : '–';
  }

  function render(list) {
    var rows = $('stream-rows');
    rows.textContent = '';
    list.forEach(function (s) {
      var tr = document.createElement('tr');
      tr.dataset.stream = s.name;
      tr.dataset.state = s.state;
      var name = document.createElement('td');
      var a = document.createElement('a');
      a.href = '/live/' + encodeURIComponent(s.name);
      a.textContent = s.name;
      name.appendChild(a);
      tr.appendChild(name);
      var state = cell(s.state);
      state.className = 'stream-state stream-state-' + s.state;
      tr.appendChild(state);
      tr.appendChild(cell(String(s.viewers || 0)));
      tr.appendChild(cell(s.bitsPerSecond ? (s.bitsPerSecond / 1e6).toFixed(2) + ' Mbit/s' : '–'));
      tr.appendChild(cell(codec(s.mimeType)));
      tr.appendChild(cell(s.state === 'live' ? uptime(s.uptimeSeconds) : '–'));
      tr.appendChild(cell(s['public'] ? 'public' : 'private'));
      rows.appendChild(tr);
    });
    var live = list.filter(function (s) { return s.state === 'live'; }).length;
    $('streams-summary').textContent = list.length === 0 ? 'No streams yet.'
        : live + ' live of ' + list.length + ' stream' + (list.length === 1 ? '' : 's');
  }

  function refresh() {
    fetch('/api/streams', { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(render)
      .catch(function () { $('streams-summary').textContent = 'cannot reach the server'; });
  }

  fetch('/api/me', { credentials: 'same-origin' }).then(function (r) {
    if (r.ok) $('new-stream').hidden = false;
  });

  $('new-stream-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var name = $('new-stream-name').value.trim();
    $('new-stream-error').textContent = '';
    fetch('/api/streams', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: name, 'public': $('new-stream-public').checked })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      if (!res.ok) {
        $('new-stream-error').textContent = res.body.error || 'could not create the stream';
        return;
      }
      $('new-stream-key-name').textContent = res.body.name;
      $('new-stream-key').textContent = res.body.streamKey;
      $('new-stream-command').textContent = 'ffmpeg -re -i INPUT -c:v libvpx -deadline realtime -g 30 -c:a libopus -f webm -method PUT '
          + location.origin + '/live/' + res.body.name + '?key=' + res.body.streamKey;
      $('new-stream-result').hidden = false;
      refresh();
    });
  });

  refresh();
  setInterval(refresh, 2000);
})();
