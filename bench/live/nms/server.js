// Node-Media-Server for Kino's live bench (bench/live/run.sh, PUBLISH=rtmp): RTMP in, WebSocket-FLV out.
//
// Started with its own defaults except what keeps it to this machine and this bench: every listener on 127.0.0.1,
// no HTTPS/RTMPS, no web admin and no REST API (no auth.jwt), no recording, no webhook, its small store under DATA.
// ffmpeg publishes to rtmp://HOST:RTMP_PORT/live/bench; viewers open ws://HOST:HTTP_PORT/live/bench.flv.
//
// Usage: node server.js  (env: HOST=127.0.0.1, RTMP_PORT=1935, HTTP_PORT=8000, DATA=./data)
'use strict';
const path = require('path');
const NodeMediaServer = require('node-media-server');
const version = require('node-media-server/package.json').version;

const HOST = process.env.HOST || '127.0.0.1';
const RTMP_PORT = Number(process.env.RTMP_PORT || 1935);
const HTTP_PORT = Number(process.env.HTTP_PORT || 8000);
const DATA = path.resolve(process.env.DATA || path.join(__dirname, 'data'));

const config = {
  bind: HOST,
  rtmp: { port: RTMP_PORT },
  http: { port: HTTP_PORT },
  auth: { play: false, publish: false, secret: '' },
  webadmin: { enable: false },
  record: { auto: false, path: path.join(DATA, 'record') },
  store: { path: path.join(DATA, 'store') },
  notify: { url: '' },
};

const nms = new NodeMediaServer(config, path.join(DATA, 'config.json'));
nms.run();
console.log(`node-media-server ${version}: rtmp://${HOST}:${RTMP_PORT}/live, ws://${HOST}:${HTTP_PORT}/live/NAME.flv`);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 3000).unref();
    nms.stop().finally(() => process.exit(0));
  });
}
