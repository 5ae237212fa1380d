// What every scenario shares: the settings, one key pair for every tool, a scratch dir,
// an optional PostgreSQL cluster, and the Fanout processes and sshds to stop at the end.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { startPostgres, type PgCluster } from '../tests/support/postgres'
import { type SshHost, startSshd } from '../tests/support/sshd'
import type { BenchConfig } from './config'
import { createCpuGroup } from './cpu-group'
import { FanoutProcess } from './fanout-process'
import { sshdIdle, sshdPid } from './sampling'

export type BenchSshd = SshHost & { pid: number; cpuMs(): number | null }

export interface BenchContext {
  config: BenchConfig
  dir: string
  key: { privateKey: string; publicKey: string; file: string }
  username: string
  log(message: string): void
  /** The throwaway PostgreSQL cluster, started on first use. */
  postgres(): Promise<PgCluster>
  /** A Fanout process on its own fresh database (SQLite in a new data dir, or a new PostgreSQL database). */
  fanout(label: string, provider: 'sqlite' | 'postgresql', outputCap?: number): Promise<FanoutProcess>
  /** A fresh sshd accepting the key; cpuMs() is what it and all its sessions used so far (null: unmeasurable). */
  sshd(): Promise<BenchSshd>
  cleanup(): Promise<void>
}

export function createContext(
  config: BenchConfig,
  dir: string,
  key: BenchContext['key'],
  username: string,
): BenchContext {
  const started: { stop(): Promise<unknown> }[] = []
  let cluster: Promise<PgCluster> | null = null
  const context: BenchContext = {
    config,
    dir,
    key,
    username,
    log: (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`),
    postgres() {
      cluster ??= startPostgres().then((c) => (started.push({ stop: () => c.destroy() }), c))
      return cluster
    },
    async fanout(label, provider, outputCap) {
      const dataDir = path.join(dir, `data-${label}`)
      mkdirSync(dataDir, { recursive: true })
      const databaseUrl = provider === 'postgresql' ? await (await context.postgres()).createDatabase() : null
      const proc = await FanoutProcess.start({
        label,
        databaseUrl,
        dataDir,
        maxSsh: config.maxSsh,
        outputCap,
        cpuProfDir: config.cpuProfDir,
      })
      started.push(proc)
      return proc
    },
    async sshd() {
      const host = await startSshd({ authorizedKeys: [key.publicKey] })
      const pid = sshdPid(host.dir)
      await sshdIdle([pid])
      // Every connection's processes are forked from the listener, so they start in its group.
      const group = createCpuGroup(`sshd-${host.port}`)
      group?.add(pid)
      started.push({ stop: async () => (await host.stop(), group?.remove()) })
      return Object.assign(host, { pid, cpuMs: () => group?.usageMs() ?? null })
    },
    async cleanup() {
      // Fanout processes first (they hold connections to the sshds and the database).
      for (const s of started.reverse()) await s.stop().catch(() => {})
    },
  }
  return context
}
