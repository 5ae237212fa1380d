// The goals, checked against a run's own figures; a missed goal carries the
// figures that explain it (bench/analysis.md has the profile behind them).
import type { BenchResults } from './report'
import { round } from './sampling'

export interface Goal {
  name: string
  goal: string
  value: string
  met: boolean
  /** Why it was missed, from this run's figures; null when met. */
  why: string | null
}

const r2 = (n: number) => round(n, 2)
const r1 = (n: number) => round(n, 1)

export function goals(r: BenchResults): Goal[] {
  const out: Goal[] = []
  const t = r.fanOut?.tools
  const f = t?.fanout
  const s = t?.ssh2
  const w = t?.wrapper
  if (f && s) {
    const ratio = f.wallS / s.wallS
    let why = null
    if (ratio > 1.3) {
      why =
        `Fanout took ${r2(f.wallS)} s, the bare ssh2 loop ${r2(s.wallS)} s. Here ${r.machine.cpus} CPUs run both the ` +
        'client and every host (one sshd), so wall time follows the CPU a target costs on both sides.'
      if (f.sshdCpuMsPerTarget !== null && s.sshdCpuMsPerTarget !== null) {
        const fTotal = f.cpuMsPerTarget + f.sshdCpuMsPerTarget
        const sTotal = s.cpuMsPerTarget + s.sshdCpuMsPerTarget
        why +=
          ` Fanout: ${r1(f.cpuMsPerTarget)} ms client + ${r1(f.sshdCpuMsPerTarget)} ms sshd = ${r1(fTotal)} ms; ` +
          `bare ssh2: ${r1(s.cpuMsPerTarget)} + ${r1(s.sshdCpuMsPerTarget)} = ${r1(sTotal)} ms (${r2(fTotal / sTotal)}×).`
        if (w?.sshdCpuMsPerTarget != null)
          why +=
            ` The host side: the engine's script wrapper (the "wrapper" row, no database: its processes on the host) cost ` +
            `the sshd ${r1(w.sshdCpuMsPerTarget - s.sshdCpuMsPerTarget)} ms more per target than a bare \`echo\`.`
      }
      if (w)
        why +=
          ` The client side: ${r1(w.cpuMsPerTarget)} ms in SSH with the wrapper, ${r1(f.cpuMsPerTarget - w.cpuMsPerTarget)} ms ` +
          'in the database and the engine around it.'
    }
    out.push({ name: 'wall time vs bare ssh2', goal: '≤ 1.3×', value: `${r2(ratio)}×`, met: ratio <= 1.3, why })
  }
  if (f) {
    const cpu = f.cpuMsPerTarget
    let why = null
    if (cpu > 10) {
      why = `${r2(cpu)} ms per target in the Fanout process`
      why += w
        ? `: ${r2(w.cpuMsPerTarget)} ms is SSH with the engine's wrapper (the "wrapper" row, no database; the bare ssh2 ` +
          `loop needs ${r2(s?.cpuMsPerTarget ?? NaN)} ms), ${r2(cpu - w.cpuMsPerTarget)} ms the database reads and writes ` +
          'and the bookkeeping around them.'
        : '.'
    }
    out.push({ name: 'client CPU per target', goal: '≤ 10 ms', value: `${r2(cpu)} ms`, met: cpu <= 10, why })
  }
  if (r.output) {
    const o = r.output
    const mb = o.bytes / 1e6
    const why =
      o.mbPerS >= 100
        ? null
        : `A bare ssh2 read of the same output runs at ${Math.round(o.ssh2MbPerS)} MB/s. Fanout stored it in ` +
          `${o.chunkRows} OutputChunk rows, ${Math.round(o.bytes / o.chunkRows / 1024)} KiB per flush transaction on ` +
          `average, and its process spent ${r2(o.cpuS)} s of CPU on it (${r1((o.cpuS * 1000) / mb)} ms per MB).`
    out.push({
      name: 'output persisted',
      goal: '≥ 100 MB/s',
      value: `${Math.round(o.mbPerS)} MB/s`,
      met: o.mbPerS >= 100,
      why,
    })
  }
  return out
}
