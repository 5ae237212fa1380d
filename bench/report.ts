// bench/results.json (figures to compare across commits, keys as in the issue) and
// bench/RESULTS.md (the same figures for people, report-markdown.ts).
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { BenchConfig } from './config'
import { goals } from './goals'
import type { MachineFacts } from './machine'
import { markdown } from './report-markdown'
import { round } from './sampling'
import type { BigResult } from './scenario-big'
import type { FanOutResult } from './scenario-fanout'
import type { OutputResult } from './scenario-output'

export interface BenchResults {
  machine: MachineFacts
  config: BenchConfig
  durationS: number
  loadAverageEnd?: number[]
  fanOut?: FanOutResult
  output?: OutputResult
  big?: BigResult
}

const maybe = (n: number | null, digits = 2) => (n === null ? null : round(n, digits))

function json(r: BenchResults) {
  const data: Record<string, unknown> = {
    commit: r.machine.commit,
    date: r.machine.date,
    machine: r.machine,
    config: r.config,
    duration_s: round(r.durationS, 0),
    load_average_end: r.loadAverageEnd,
  }
  if (r.fanOut) {
    const t = r.fanOut.tools
    const f: Record<string, unknown> = { targets: r.fanOut.targets, concurrency: r.fanOut.concurrency }
    for (const [tool, v] of Object.entries(t)) {
      f[`${tool}_s`] = round(v.wallS)
      f[`${tool}_cpu_ms_per_target`] = round(v.cpuMsPerTarget)
      f[`${tool}_sshd_cpu_ms_per_target`] = maybe(v.sshdCpuMsPerTarget)
      f[`${tool}_samples_s`] = v.samples.map((x) => round(x.wallMs / 1000))
    }
    for (const other of ['ssh2', 'pssh', 'ansible'] as const)
      for (const own of ['fanout', 'fanout_pg'] as const)
        if (t[own] && t[other]) f[`${own}_vs_${other}`] = round(t[own].wallS / t[other].wallS)
    data[`fanout_${r.fanOut.targets}`] = f
  }
  if (r.output) {
    const o = r.output
    data[`output_${r.config.outputMiB}mb`] = {
      bytes: o.bytes,
      mb_per_s: round(o.mbPerS, 1),
      samples_s: o.samplesS.map((x) => round(x)),
      chunk_rows: o.chunkRows,
      cpu_s: round(o.cpuS),
      pg_mb_per_s: o.pg ? round(o.pg.mbPerS, 1) : null,
      ssh2_mb_per_s: round(o.ssh2MbPerS, 1),
      output_cap: o.outputCap,
    }
  }
  if (r.big) {
    const b = r.big
    data[`targets_${b.targets}`] = {
      wall_s: round(b.wallS),
      rss_mib: round(b.hwmMiB ?? b.rssPeakMiB, 0),
      rss_sampled_peak_mib: round(b.rssPeakMiB, 0),
      rss_base_mib: round(b.rssBaseMiB, 0),
      cpu_ms_per_target: round(b.cpuMsPerTarget),
      sshd: b.sshds,
      sshd_cpu_ms_per_target: maybe(b.sshdCpuMsPerTarget),
      ssh2_s: maybe(b.ssh2WallS),
      ssh2_sshd_cpu_ms_per_target: maybe(b.ssh2SshdCpuMsPerTarget),
    }
  }
  data.goals = goals(r)
  return data
}

export function writeReport(outDir: string, r: BenchResults): string[] {
  mkdirSync(outDir, { recursive: true })
  const files = [path.join(outDir, 'results.json'), path.join(outDir, 'RESULTS.md')]
  writeFileSync(files[0], JSON.stringify(json(r), null, 2) + '\n')
  writeFileSync(files[1], markdown(r))
  return files
}
