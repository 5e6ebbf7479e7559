// Loaded with `node --import ./webtorrent-hooks.mjs` for webtorrent-cli only: when webtorrent-cli
// imports 'webtorrent', it gets ./webtorrent-bench.mjs, a subclass that only sets client options the
// CLI has no flags for (see there). Every other import resolves as usual.
import { register } from 'node:module'

register('./webtorrent-resolve.mjs', import.meta.url)
