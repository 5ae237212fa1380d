// Process facts from /proc and small statistics.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/**
 * CPU of this process's children that have ended and been waited for (and of theirs), in
 * ms: cutime + cstime. Exact for a tool that waits for every process it starts.
 */
export function childrenCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  // Fields after "(comm)": state is field 3; cutime and cstime are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond
}

/** The sshd listener's pid, from the PidFile tests/support/sshd.ts configures in its dir. */
export function sshdPid(dir: string) {
  return Number(readFileSync(path.join(dir, 'sshd.pid'), 'utf8').trim())
}

function hasChildren(pid: number) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const t = (() => {
      try {
        return readFileSync(`/proc/${entry}/stat`, 'utf8')
      } catch {
        return ''
      }
    })()
    if (t && Number(t.slice(t.lastIndexOf(')') + 2).split(' ')[1]) === pid) return true
  }
  return false
}

/** Waits until the sshd has no connection left, so its CPU is all counted and the next sample starts clean. */
export async function sshdIdle(pids: number[], timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs
  while (pids.some(hasChildren)) {
    if (Date.now() > end) throw new Error(`sshd still serving connections after ${timeoutMs} ms`)
    await sleep(25)
  }
}

export function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

/**
 * The trial whose `key` is the median of all (the lower middle one of an even count), with
 * every trial's key: one real trial to report whole, its details consistent with each other.
 */
export function medianTrial<T>(trials: T[], key: (trial: T) => number): T & { trials: number[] } {
  const sorted = [...trials].sort((a, b) => key(a) - key(b))
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], trials: trials.map(key) }
}
