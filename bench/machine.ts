// Facts about the machine and the software measured, recorded beside the figures.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import os from 'node:os'
import Database from 'better-sqlite3'

/** What a command prints (stdout, or stderr for the tools that print their version there). */
function output(file: string, args: string[]): string {
  const r = spawnSync(file, args, { encoding: 'utf8' })
  if (r.error) return 'unknown'
  return (r.stdout.trim() || r.stderr.trim()).split('\n')[0]
}

export interface MachineFacts {
  date: string
  commit: string
  dirty: boolean
  cpus: number
  cpuModel: string
  memGiB: number
  kernel: string
  node: string
  sshd: string
  sqlite: string
  postgres: string
  pssh: string
  ansible: string
  loadAverage: number[]
}

export function loadAverage() {
  return os.loadavg().map((l) => Math.round(l * 100) / 100)
}

export function machineFacts(): MachineFacts {
  const sqlite = new Database(':memory:')
  const version = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v
  sqlite.close()
  const pgBin = readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))[0]
  return {
    date: new Date().toISOString(),
    commit: output('git', ['rev-parse', '--short', 'HEAD']),
    dirty: spawnSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).stdout.trim().length > 0,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    sshd: `${output('/usr/sbin/sshd', ['-V'])} (Debian ${output('dpkg-query', ['-W', '-f', '${Package} ${Version}', 'openssh-server'])})`,
    sqlite: version,
    postgres: pgBin ? output(`/usr/lib/postgresql/${pgBin}/bin/postgres`, ['--version']) : 'not installed',
    pssh: `parallel-ssh ${output('parallel-ssh', ['--version'])}`,
    ansible: output('ansible', ['--version']),
    loadAverage: loadAverage(),
  }
}
