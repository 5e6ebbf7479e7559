// Module resolve hook, registered by webtorrent-hooks.mjs (runs on Node's loader thread).
const wrapper = new URL('./webtorrent-bench.mjs', import.meta.url).href

export async function resolve (specifier, context, next) {
  if (specifier === 'webtorrent' && context.parentURL?.includes('/node_modules/webtorrent-cli/')) {
    return { url: wrapper, shortCircuit: true }
  }
  return next(specifier, context)
}
