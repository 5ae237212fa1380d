// Child processes for tests that kill a server outright (kill -9) or run several: the
// engine alone (engine-child.ts) or the scheduler alone (scheduler-child.ts), on the
// test file's database.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')

/**
 * Runs one of tests/support's *-child.ts files in a Node process of its own, with tsx and a
 * tsconfig mapping '@/*' to the repository and 'server-only' to an empty module, as
 * vitest's aliases do. Its stdout and stderr are piped.
 */
export function spawnChild(file: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'fanout-child-'))
  const tsconfig = path.join(dir, 'tsconfig.json')
  const paths = { '@/*': ['./*'], 'server-only': ['./tests/support/empty.ts'] }
  writeFileSync(
    tsconfig,
    JSON.stringify({ extends: path.join(root, 'tsconfig.json'), compilerOptions: { baseUrl: root, paths } }),
  )
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/support', file)], {
    cwd: root,
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: tsconfig },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  proc.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return proc
}

/** Resolves once the engine runs (it printed "engine ready"). */
export async function startEngineProcess(leaseMs: number) {
  const proc = spawnChild('engine-child.ts', { FANOUT_TEST_LEASE_MS: String(leaseMs) })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`the engine process did not start:\n${output}`))
    }, 30_000)
    const read = (chunk: Buffer) => {
      output += chunk
      if (!output.includes('engine ready')) return
      clearTimeout(timer)
      resolve()
    }
    proc.stdout!.on('data', read)
    proc.stderr!.on('data', read)
    proc.once('exit', (code) => reject(new Error(`the engine process exited (${code}):\n${output}`)))
  })
  return proc
}
