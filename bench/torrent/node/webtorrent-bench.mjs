// The WebTorrent client as webtorrent-cli creates it, with the options the CLI cannot set forced the
// way the bench swarm needs them: no DHT, no local service discovery, no peer exchange, no UPnP or
// NAT-PMP (the swarm is one seeder on 127.0.0.1 found through the tracker and x.pe), and uTP only when
// KINO_BENCH_WEBTORRENT_UTP=1 (webtorrent tries uTP first, which costs tens of seconds against a
// TCP-only peer such as aria2c).
import WebTorrent from 'webtorrent'

const utp = process.env.KINO_BENCH_WEBTORRENT_UTP === '1'

export default class BenchWebTorrent extends WebTorrent {
  constructor (opts = {}) {
    super({ ...opts, dht: false, lsd: false, utPex: false, natUpnp: false, natPmp: false, utp })
  }
}
