// The live relay as the usual tutorial writes it, for Kino's live bench (bench/live/run.sh).
//
// ffmpeg connects to a raw TCP port and writes WebM (`ffmpeg -re ... -f webm tcp://127.0.0.1:PORT`). Every chunk that
// arrives is sent as one binary WebSocket message to every connected viewer, as it is. The first few chunks (the
// WebM header, and with it the start of the first Cluster) are kept and sent first to anyone who joins later, so the
// browser gets an init segment. There is no keyframe cache, no back-pressure and no per-viewer queue limit: this is
// the baseline that Kino is measured against, not a recommended design. Nothing in it is WebM-specific: with
// PUBLISH=rtmp the bench feeds it FLV (`-f flv tcp://...`) and its viewers get the FLV bytes.
//
// Usage: node relay.js  (env: HOST=127.0.0.1, HTTP_PORT=8090, INGEST_PORT=9090, FIRST_PACKETS=3)
'use strict';
const http = require('http');
const net = require('net');
const { WebSocketServer, WebSocket } = require('ws');

const HOST = process.env.HOST || '127.0.0.1';
const HTTP_PORT = Number(process.env.HTTP_PORT || 8090);
const INGEST_PORT = Number(process.env.INGEST_PORT || 9090);
const FIRST_PACKETS = Number(process.env.FIRST_PACKETS || 3);

const firstPackets = []; // what a late joiner gets before the live chunks
let chunks = 0;

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(`viewers ${wss.clients.size}, chunks ${chunks}\n`);
});
const wss = new WebSocketServer({ server, path: '/live/stream/ws' });

wss.on('connection', (ws) => {
  for (const packet of firstPackets) ws.send(packet);
  ws.on('error', () => {});
});

const ingest = net.createServer((socket) => {
  console.log(`publisher connected from ${socket.remoteAddress}:${socket.remotePort}`);
  firstPackets.length = 0;
  socket.on('data', (chunk) => {
    chunks++;
    if (firstPackets.length < FIRST_PACKETS) firstPackets.push(chunk);
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(chunk);
    }
  });
  socket.on('close', () => console.log('publisher disconnected'));
  socket.on('error', (e) => console.log(`publisher error: ${e.message}`));
});

ingest.listen(INGEST_PORT, HOST, () => console.log(`ingest on tcp://${HOST}:${INGEST_PORT}`));
server.listen(HTTP_PORT, HOST, () => console.log(`listening on http://${HOST}:${HTTP_PORT}/live/stream/ws`));

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const client of wss.clients) client.terminate();
    ingest.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
