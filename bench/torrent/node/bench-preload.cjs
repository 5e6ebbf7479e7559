// Preloaded into both anchors (node --require) by bench/torrent/run.sh. It changes no torrent logic:
// 1. Every server socket that is opened without a host listens on 127.0.0.1 instead of all interfaces
//    (webtorrent-cli has no flag for its HTTP and peer servers, peerflix none for its peer server).
// 2. The first listen() call is logged to $KINO_BENCH_T0_FILE as epoch seconds. Both clients open their
//    peer server in the same tick in which they are handed the magnet, so this is "magnet added", after
//    Node has started and loaded the client's modules.
'use strict'
const fs = require('fs')
const net = require('net')

const LOOPBACK = '127.0.0.1'
const listen = net.Server.prototype.listen
let logged = false

net.Server.prototype.listen = function (...args) {
  if (!logged && process.env.KINO_BENCH_T0_FILE) {
    logged = true
    fs.writeFileSync(process.env.KINO_BENCH_T0_FILE, (Date.now() / 1000).toFixed(3) + '\n')
  }
  const first = args[0]
  const portLike = first == null || typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))
  if (args.length === 0) {
    args = [0, LOOPBACK]
  } else if (portLike) {
    if (args.length === 1) args.push(LOOPBACK)
    else if (args[1] == null) args[1] = LOOPBACK
    else if (typeof args[1] === 'function') args.splice(1, 0, LOOPBACK)
  } else if (typeof first === 'object' && first.path === undefined && first.fd === undefined &&
             first.handle === undefined && first._handle === undefined && first.host == null) {
    args[0] = { ...first, host: LOOPBACK }
  }
  return listen.apply(this, args)
}
