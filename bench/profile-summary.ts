// Where a Fanout process spent its CPU during the runs profiled with BENCH_CPU_PROF:
// self time per package or lib/ folder and the top functions, from .cpuprofile files.
//   node --import tsx bench/profile-summary.ts /tmp/prof/sqlite-run*.cpuprofile
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** node_modules/<package>, lib/<folder>, node:<internal>, or the V8 pseudo-frames. */
function area(url: string, fn: string): string {
  if (!url) return `(${fn || 'native'})`
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  const own = /\/(lib\/[^/]+|bench)\//.exec(url)
  if (own) return own[1]
  if (url.startsWith('node:')) return url
  return url.replace(/^.*\//, '')
}

const selfMs = new Map<number, number>()
const nodes = new Map<number, ProfileNode>()
let totalMs = 0
for (const file of process.argv.slice(2)) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const offset = nodes.size ? Math.max(...nodes.keys()) + 1 : 0
  for (const n of profile.nodes) nodes.set(n.id + offset, n)
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    selfMs.set(id + offset, (selfMs.get(id + offset) ?? 0) + ms)
    totalMs += ms
  })
}

const byArea = new Map<string, number>()
const byFunction = new Map<string, number>()
for (const [id, ms] of selfMs) {
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame
  const a = area(url, functionName)
  byArea.set(a, (byArea.get(a) ?? 0) + ms)
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|lib|bench)\//, '$1/')}:${lineNumber + 1}`
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms)
}
const busyMs = totalMs - (byArea.get('(idle)') ?? 0)
const table = (m: Map<string, number>, n: number) =>
  [...m]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((ms / busyMs) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n')
console.log(`profiled ${totalMs.toFixed(0)} ms, busy ${busyMs.toFixed(0)} ms\n\nby area:\n${table(byArea, 25)}`)
console.log(`\nby function:\n${table(byFunction, 40)}`)
