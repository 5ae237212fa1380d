// bench/RESULTS.md: machine, goals (with why, when missed), a table per scenario, and the
// hand-written profile analysis of bench/analysis.md, included as it is (it names the
// commit it was made at).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { FanOutTool } from './config'
import { goals } from './goals'
import type { BenchResults } from './report'
import { round } from './sampling'
import type { BigResult } from './scenario-big'
import type { FanOutResult } from './scenario-fanout'
import type { OutputResult } from './scenario-output'

const s = (ms: number) => round(ms / 1000)
const text = (n: number | null, digits = 2, unit = '') => (n === null ? 'n/a' : `${round(n, digits)}${unit}`)
const labels: Record<FanOutTool, string> = {
  fanout: 'Fanout (SQLite)',
  fanout_pg: 'Fanout (PostgreSQL)',
  ssh2: 'bare ssh2 loop',
  lib_ssh: 'breakdown: lib/ssh connect + exec, no DB',
  wrapper: "breakdown: lib/ssh + the engine's script wrapper, no DB",
  pssh: 'parallel-ssh',
  ansible: 'ansible -m raw',
}

function fanOutSection(f: FanOutResult): string[] {
  const t = f.tools
  const lines = [
    `## \`echo hello\` on ${f.targets} targets, concurrency ${f.concurrency}`,
    '',
    'All targets are aliases of one sshd on 127.0.0.1, logging in with one ed25519 key. Fanout: from "run now"',
    '(script version and targets read, snapshot built, Run inserted, the engine woken) to the Run finished with',
    'every target-run and its output row persisted; checked after each run: every target-run succeeded and its',
    'stored stdout is `hello\\n`. The others: from start to exit, their output checked the same way. Client CPU:',
    'the Fanout process, the runner process (ssh2 and the breakdown rows) or the tool and every process it',
    'started. sshd CPU: the sshd and every process of every session (handshakes, shells and what they ran),',
    'counted through a cgroup of its own.',
    '',
    '| tool | median wall (s) | samples (s) | Fanout (SQLite) ÷ tool | client CPU / target (ms) | sshd CPU / target (ms) |',
    '|---|---|---|---|---|---|',
  ]
  for (const [tool, v] of Object.entries(t) as [FanOutTool, NonNullable<(typeof t)[FanOutTool]>][]) {
    const ratio = t.fanout ? `${round(t.fanout.wallS / v.wallS)}×` : '–'
    lines.push(
      `| ${labels[tool]} | **${round(v.wallS)}** | ${v.samples.map((x) => s(x.wallMs)).join(', ')} | ${ratio} | ` +
        `${round(v.cpuMsPerTarget)} | ${text(v.sshdCpuMsPerTarget, 1)} |`,
    )
  }
  if (t.fanout_pg && t.ssh2)
    lines.push('', `Fanout (PostgreSQL) ÷ bare ssh2: ${round(t.fanout_pg.wallS / t.ssh2.wallS)}×.`)
  for (const tool of ['pssh', 'ansible'] as const) {
    const v = t[tool]
    if (!v) continue
    lines.push('', `${labels[tool]}, as run:`, '', '```', v.commandLine ?? '', '', v.settings?.trim() ?? '', '```')
  }
  return lines
}

function outputSection(o: OutputResult, miB: number): string[] {
  const pg = o.pg
  return [
    `## ${miB} MiB of output from one target`,
    '',
    `The script is \`${o.command}\` (${o.bytes} bytes of text lines). FANOUT_OUTPUT_CAP is raised to`,
    `${o.outputCap} bytes for this Fanout process (the default 10 MiB would keep only the first 10 MiB); every`,
    'byte is read back from OutputChunk and compared. MB = 10^6 bytes; time from "run now" to the run finished.',
    '',
    '| path | median MB/s | samples (s) | OutputChunk rows | Fanout CPU (s) |',
    '|---|---|---|---|---|',
    `| Fanout (SQLite) | **${Math.round(o.mbPerS)}** | ${o.samplesS.map((x) => round(x)).join(', ')} | ${o.chunkRows} | ${round(o.cpuS)} |`,
    ...(pg
      ? [
          `| Fanout (PostgreSQL) | ${Math.round(pg.mbPerS)} | ${pg.samplesS.map((x) => round(x)).join(', ')} | ${pg.chunkRows} | ${round(pg.cpuS)} |`,
        ]
      : []),
    `| bare ssh2 read, nothing stored | ${Math.round(o.ssh2MbPerS)} | ${o.ssh2SamplesS.map((x) => round(x)).join(', ')} | – | – |`,
  ]
}

function bigSection(b: BigResult): string[] {
  return [
    `## ${b.targets} targets over ${b.sshds} sshds, concurrency ${b.concurrency}`,
    '',
    'A fresh Fanout process on SQLite (host keys trusted beforehand), one run after a warm-up run on 100 of the targets.',
    '',
    '| figure | value |',
    '|---|---|',
    `| Fanout wall | **${round(b.wallS, 1)} s** |`,
    `| bare ssh2 loop wall (reference; BENCH_BIG_SSH2=1) | ${text(b.ssh2WallS, 1, ' s')} |`,
    `| Fanout peak RSS (kernel VmHWM over the run) | **${text(b.hwmMiB, 0, ' MiB')}** |`,
    `| Fanout peak RSS (sampled every 50 ms) | ${round(b.rssPeakMiB, 0)} MiB |`,
    `| Fanout RSS before the run | ${round(b.rssBaseMiB, 0)} MiB |`,
    `| Fanout client CPU / target | ${round(b.cpuMsPerTarget)} ms |`,
    `| sshd CPU / target: Fanout, bare ssh2 | ${text(b.sshdCpuMsPerTarget, 1, ' ms')}, ${text(b.ssh2SshdCpuMsPerTarget, 1, ' ms')} |`,
  ]
}

export function markdown(r: BenchResults): string {
  const m = r.machine
  const g = goals(r)
  const analysis = path.join(__dirname, 'analysis.md')
  const missed = g.filter((x) => x.why)
  return [
    '# Fanout benchmark results',
    '',
    `Written by \`npm run bench\` (bench/README.md) on ${m.date.slice(0, 16).replace('T', ' ')} UTC at commit ${m.commit}` +
      `${m.dirty ? ' (with uncommitted changes in the tree)' : ''}; the whole run took ${round(r.durationS / 60, 1)} min.`,
    `Medians of ${r.config.runs} interleaved rounds, after ${r.config.warmup} warm-up round(s) on up to 100 targets that are not counted.`,
    'The same figures are in results.json.',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPUs | ${m.cpus} × ${m.cpuModel} |`,
    `| memory | ${m.memGiB} GiB |`,
    `| kernel | ${m.kernel} |`,
    `| Node.js | ${m.node} |`,
    `| sshd | ${m.sshd} |`,
    `| SQLite | ${m.sqlite} (WAL, on local disk) |`,
    `| PostgreSQL | ${m.postgres} (throwaway cluster from tests/support/postgres.ts: fsync off) |`,
    `| pssh | ${m.pssh} |`,
    `| ansible | ${m.ansible} |`,
    `| load average (1, 5, 15 min) at start; at end | ${m.loadAverage.join(', ')}; ${r.loadAverageEnd?.join(', ') ?? '?'} |`,
    '',
    '## Goals',
    '',
    '| goal | target | measured | met |',
    '|---|---|---|---|',
    ...g.map((x) => `| ${x.name} | ${x.goal} | ${x.value} | ${x.met ? 'yes' : '**no**'} |`),
    ...(missed.length ? ['', ...missed.flatMap((x) => [`**${x.name}: missed.** ${x.why}`, ''])] : ['']),
    ...(r.fanOut ? [...fanOutSection(r.fanOut), ''] : []),
    ...(r.output ? [...outputSection(r.output, r.config.outputMiB), ''] : []),
    ...(r.big ? [...bigSection(r.big), ''] : []),
    ...(existsSync(analysis) ? [readFileSync(analysis, 'utf8').trim(), ''] : []),
  ].join('\n')
}
