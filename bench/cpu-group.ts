// CPU of a process and everything it starts, through a control group of its own: the only
// way to count sshd's sessions, whose shells are not all reaped by a process that is in
// turn reaped by the listener (the listener's cutime misses them). cgroup v1's cpuacct
// where mounted, else cgroup v2; null where neither is writable (figures become n/a).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface CpuGroup {
  /** The cgroup.procs file: a process that writes its pid there joins the group. */
  procsFile: string
  add(pid: number): void
  /** CPU of every process that has been in the group, in ms. */
  usageMs(): number
  remove(): void
}

const hierarchies = [
  { base: '/sys/fs/cgroup/cpuacct', usage: (dir: string) => Number(read(dir, 'cpuacct.usage')) / 1e6 },
  { base: '/sys/fs/cgroup/unified', usage: v2Usage },
  { base: '/sys/fs/cgroup', usage: v2Usage },
]

function read(dir: string, file: string) {
  return readFileSync(path.join(dir, file), 'utf8').trim()
}

function v2Usage(dir: string) {
  return Number(/usage_usec (\d+)/.exec(read(dir, 'cpu.stat'))?.[1] ?? NaN) / 1000
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Groups left by a benchmark that was killed outright (empty once its processes are gone). */
function sweep(base: string) {
  for (const name of readdirSync(base)) {
    const owner = /^fanout-bench-(\d+)-/.exec(name)?.[1]
    if (owner && !isAlive(Number(owner))) {
      try {
        rmdirSync(path.join(base, name))
      } catch {
        // still has processes: left alone
      }
    }
  }
}

export function createCpuGroup(name: string): CpuGroup | null {
  for (const h of hierarchies) {
    const probe = h.base === '/sys/fs/cgroup/cpuacct' ? 'cpuacct.usage' : 'cpu.stat'
    if (!existsSync(path.join(h.base, probe))) continue
    const dir = path.join(h.base, `fanout-bench-${process.pid}-${name}`)
    try {
      sweep(h.base)
      mkdirSync(dir)
    } catch {
      continue
    }
    const procsFile = path.join(dir, 'cgroup.procs')
    return {
      procsFile,
      add: (pid) => writeFileSync(procsFile, String(pid)),
      usageMs: () => h.usage(dir),
      remove() {
        try {
          for (const pid of read(dir, 'cgroup.procs').split('\n').filter(Boolean))
            writeFileSync(path.join(h.base, 'cgroup.procs'), pid)
          rmdirSync(dir)
        } catch {
          // a process still exiting; sweep() removes the group next time
        }
      },
    }
  }
  return null
}
