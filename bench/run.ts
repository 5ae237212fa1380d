// `npm run bench`: Fanout against a bare ssh2 loop, parallel-ssh and ansible on one
// machine, in one run. Writes bench/results.json and bench/RESULTS.md (BENCH_OUT to write
// elsewhere). bench/README.md explains the scenarios and the BENCH_* knobs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ensureTestUser, generateKeyPair } from '../tests/support/sshd'
import { loadBenchConfig } from './config'
import { createContext } from './context'
import { loadAverage, machineFacts } from './machine'
import { writeReport, type BenchResults } from './report'
import { bigScenario } from './scenario-big'
import { fanOutScenario } from './scenario-fanout'
import { outputScenario } from './scenario-output'

async function main() {
  const config = loadBenchConfig()
  const started = performance.now()
  const dir = mkdtempSync(path.join(tmpdir(), 'fanout-bench-'))
  const pair = generateKeyPair('ed25519')
  const keyFile = path.join(dir, 'id_ed25519')
  writeFileSync(keyFile, pair.privateKey, { mode: 0o600 })
  const user = await ensureTestUser()
  const ctx = createContext(config, dir, { ...pair, file: keyFile }, user.username)
  const results: BenchResults = { machine: machineFacts(), config, durationS: 0 }
  ctx.log(`${results.machine.cpus} CPUs, node ${results.machine.node}, ${results.machine.sshd}; scratch dir ${dir}`)
  try {
    if (config.scenarios.includes('fanout')) results.fanOut = await fanOutScenario(ctx)
    if (config.scenarios.includes('output')) results.output = await outputScenario(ctx)
    if (config.scenarios.includes('big')) results.big = await bigScenario(ctx)
  } finally {
    await ctx.cleanup()
    rmSync(dir, { recursive: true, force: true })
  }
  results.durationS = (performance.now() - started) / 1000
  results.loadAverageEnd = loadAverage()
  const files = writeReport(config.outDir, results)
  ctx.log(`done in ${results.durationS.toFixed(0)} s: ${files.join(', ')}`)
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('[bench] failed:', e instanceof Error ? (e.stack ?? e.message) : e)
    process.exit(1)
  },
)
