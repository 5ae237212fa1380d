// Preloaded (node --require) into the benchmark's processes. Outside Next's bundler nothing
// is a client component, so the 'server-only' guard has nothing to guard: it is replaced by
// an empty module, as vitest.config.ts does for the tests. (--conditions=react-server would
// do it too, but also swaps React for its server build, which next/navigation cannot load.)
const Module = require('node:module')

const file = require.resolve('server-only')
const empty = new Module(file)
empty.filename = file
empty.loaded = true
require.cache[file] = empty
