// The benchmark's handle on one replica (scale-out-replica.ts): forked on the shared
// database, read from /proc for its CPU and peak RSS, stopped on request.
import { type ChildProcess, execFileSync, fork } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ReplicaMessage } from './scale-out-replica'

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

export interface Replica {
  name: string
  ownerId: string
  pid: number
  fires: { taskId: string; scheduledFor: string; outcome: string }[]
  /** user + system CPU so far, in ms. */
  cpuMs(): number
  /** Resets the kernel's peak-RSS mark (VmHWM), so peakRssMiB() covers what follows. */
  resetPeak(): void
  peakRssMiB(): number
  rssMiB(): number
  stop(): Promise<void>
}

function status(pid: number, field: string) {
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb ?? NaN) / 1024
}

export async function startReplica(name: string, env: NodeJS.ProcessEnv): Promise<Replica> {
  const child: ChildProcess = fork(path.join(__dirname, 'scale-out-replica.ts'), [], {
    env,
    execArgv: ['--require', path.join(__dirname, 'server-only-shim.cjs'), '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const fires: Replica['fires'] = []
  const ownerId = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: ReplicaMessage) => {
      if (m.type === 'ready') resolve(m.ownerId)
      else fires.push(m)
    })
    child.once('exit', (code) => reject(new Error(`replica ${name} exited (${code}) before it was ready`)))
  })
  const pid = child.pid!
  return {
    name,
    ownerId,
    pid,
    fires,
    cpuMs() {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
    },
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    peakRssMiB: () => status(pid, 'VmHWM'),
    rssMiB: () => status(pid, 'VmRSS'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.send('stop')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await gone
      clearTimeout(timer)
    },
  }
}
