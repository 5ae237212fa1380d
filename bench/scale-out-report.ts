// The scale-out benchmark's part of the results: the `scale_out` key of results.json and
// the "Scale-out" section of RESULTS.md, each replaced whole; the rest is left as it is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { perSecondTask, SpreadResult } from './scale-out-replicas'
import type { ViewersResult } from './scale-out-sse'

export type Spread = SpreadResult & { db_cpu_ms: number }
/** The median trial, and each trial's wall time. */
type Measured = Spread & { trials: number[] }

export interface ScaleOutResults {
  date: string
  load_average: number[]
  duration_s: number
  knobs: { replicas: number; cronSeconds: number; parallelism: number; sseSeconds: number; database: string }
  /** When each part was measured, on which database, and how loaded the machine was then. */
  measured: Record<string, { date: string; database: string; load_average: number[] }>
  cron?: Awaited<ReturnType<typeof perSecondTask>>
  workers?: { targets: number; parallelism: number; one: Measured; thirds: Measured; alone: Measured }
  sse?: (ViewersResult & { trials: number[] })[]
}

const heading = '## Scale-out'

/** Replaces the section from its heading up to the next "## ", or appends it. */
function writeSection(file: string, section: string) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Fanout benchmark results\n'
  const start = text.indexOf(`\n${heading}\n`)
  if (start < 0) return writeFileSync(file, `${text.trimEnd()}\n\n${section}`)
  const next = text.indexOf('\n## ', start + 1)
  writeFileSync(file, `${text.slice(0, start + 1)}${section}${next < 0 ? '' : text.slice(next)}`)
}

const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(1)}×` : 'n/a')

function cronLines(r: NonNullable<ScaleOutResults['cron']>) {
  const exact = r.fires_in_window === r.seconds && r.distinct_seconds === r.seconds && r.runs_in_window === r.seconds
  return [
    `### A per-second task on ${r.replicas} replicas`,
    '',
    `One cron task \`* * * * * *\` (overlap allowed) running \`echo hello\` on one target, while ${r.replicas}`,
    'replicas run the scheduler and the engine on one PostgreSQL. Counted: the fires of a window of',
    `${r.seconds} whole seconds that starts once every replica has read the task, and their runs.`,
    '',
    '| fires | distinct seconds | seconds missed | runs | runs succeeded | runs with no fire | fired by | executed by |',
    '|---|---|---|---|---|---|---|---|',
    `| ${r.fires_in_window} | ${r.distinct_seconds} | ${r.missing_seconds} | **${r.runs_in_window}** | ` +
      `${r.runs_succeeded} | ${r.runs_without_fire} | ${spreadText(r.fired_by)} | ${spreadText(r.executed_by)} |`,
    '',
    `${exact ? `Exactly ${r.seconds} runs: none twice, none lost.` : `**Not exactly ${r.seconds} runs.**`} Lag from the`,
    `scheduled second to the queued Run row: median ${r.queued_lag_ms.median} ms, p95 ${r.queued_lag_ms.p95} ms`,
    `(max ${r.queued_lag_ms.max}); to an engine starting it: median ${r.start_lag_ms.median} ms, p95`,
    `${r.start_lag_ms.p95} ms (max ${r.start_lag_ms.max}).` +
      (spreadText(r.fired_by) === spreadText(r.executed_by)
        ? ' Each run was executed by the replica that fired it: queueing wakes that process’s engine at once.'
        : ''),
    '',
  ]
}

const spreadText = (by: Record<string, number>) => Object.values(by).join(' / ')

function workerLines(w: NonNullable<ScaleOutResults['workers']>) {
  const row = (s: Measured) =>
    `| ${s.label} | ${s.runs.join(' + ')} | **${s.wall_s}** | ${s.trials.join(', ')} | ${s.run_wall_s.join(', ')} | ` +
    `${s.run_status.join(', ')} | ` +
    `${Object.values(s.per_replica)
      .map((p) => `${p.runs} run(s), ${(p.cpu_ms / 1000).toFixed(1)} s CPU, ${p.peak_rss_mib} MiB`)
      .join(' · ')} | ${(s.db_cpu_ms / 1000).toFixed(1)} |`
  // One line per kind of error: the bytes lost differ from run to run.
  const errors = new Map<string, number>()
  for (const e of [w.one, w.thirds, w.alone].flatMap((s) => s.run_errors)) {
    const kind = e.replace(/[\d,]+ bytes \([\d.]+ MiB\)/, 'N bytes')
    errors.set(kind, (errors.get(kind) ?? 0) + 1)
  }
  return [
    `### ${w.targets} targets on worker replicas`,
    '',
    `\`echo hello\` on ${w.targets} targets (aliases of 4 sshds on 127.0.0.1), parallelism ${w.parallelism} per`,
    'run, replicas running the scheduler and the engine (FANOUT_MAX_SSH 200, lease 30 s) on one PostgreSQL.',
    'Wall: from queueing to the last run finished. Per replica: runs its engine claimed, its CPU and its',
    'peak RSS (VmHWM, reset before) over that time. Database: CPU of the PostgreSQL backends. Each row is',
    `the trial of median wall time of ${w.one.trials.length} (interleaved); the others are listed by their wall.`,
    '',
    '| runs queued at once | targets | wall (s) | wall of each trial (s) | each run (s) | run status | per replica | database CPU (s) |',
    '|---|---|---|---|---|---|---|---|',
    row(w.one),
    row(w.thirds),
    row(w.alone),
    '',
    ...(errors.size
      ? [
          'Why runs ended failed (their error, as stored):',
          '',
          ...[...errors].map(([e, n]) => `- ${n} run(s): ${e}`),
          '',
        ]
      : []),
    `Speed-up of ${Object.keys(w.thirds.per_replica).length} replicas over one on the three runs (one replica's wall ÷ ` +
      `theirs, medians): ${ratio(w.alone.wall_s, w.thirds.wall_s)}. Peak RSS of a replica that ran a run ` +
      'before includes what it kept from that run.',
    '',
  ]
}

function sseLines(rows: NonNullable<ScaleOutResults['sse']>, database: string) {
  const base = rows.find((r) => r.viewers === 1)
  const most = rows[rows.length - 1]
  return [
    `### Viewers of a live ${most.targets}-target run`,
    '',
    `A \`next start\` server (\`node scripts/start.mjs\`, FANOUT_ROLE all: it also executes the run) on ${database};`,
    `a run on ${most.targets} targets (parallelism ${most.targets}) whose script prints a timestamped`,
    'line every 100–200 ms (bash builtins) for ~20 s; each viewer reads',
    '`GET /api/v1/runs/<id>/events?targetRun=all` with its own API token to the end of the run. Latency: from',
    'the timestamp the host printed to the viewer parsing that line, for lines printed after it connected.',
    'Server CPU: its whole process tree (a cgroup), and as a share of one CPU, from queueing the run to the last',
    'stream closed. Viewers’ own CPU: the benchmark process that parses every stream, on the same 2 CPUs.',
    `Each row is the trial of median latency of ${most.trials.length} (viewer counts interleaved); the others are`,
    'listed by their median latency.',
    '',
    '| viewers | lines printed | fewest lines a viewer got | lines timed (all viewers) | latency median (ms) | each trial’s median (ms) | p95 (ms) | max (ms) | server CPU (s) | server CPU (% of one CPU) | viewers’ own CPU (s) | run (s) | run status |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.viewers} | ${r.lines_printed} | ${r.lines_per_viewer_min} | ${r.latency_ms.samples} | **${r.latency_ms.median}** | ` +
        `${r.trials.join(', ')} | ` +
        `${r.latency_ms.p95} | ${r.latency_ms.max} | ${(r.server_cpu_ms / 1000).toFixed(1)} | ` +
        `${r.server_cpu_pct_of_one_cpu} | ${(r.viewer_process_cpu_ms / 1000).toFixed(1)} | ${r.run_wall_s} | ${r.run_status}` +
        (r.target_runs_not_succeeded
          ? ` (${r.target_runs_not_succeeded} target-runs not succeeded: ${r.target_run_errors.join('; ')})`
          : '') +
        ' |',
    ),
    '',
    base && most !== base
      ? `${most.viewers} viewers vs 1: server CPU ${ratio(most.server_cpu_ms, base.server_cpu_ms)}, ` +
        `median latency ${ratio(most.latency_ms.median, base.latency_ms.median)}, p95 ` +
        `${ratio(most.latency_ms.p95, base.latency_ms.p95)}.`
      : '',
    '',
  ]
}

/** Writes the parts measured, keeping the others' figures from an earlier run (each part says when). */
export function writeScaleOut(outDir: string, measured: ScaleOutResults) {
  const jsonFile = path.join(outDir, 'results.json')
  const json = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>) : {}
  const earlier = json.scale_out as ScaleOutResults | undefined
  const results: ScaleOutResults = { ...earlier, ...measured, measured: { ...earlier?.measured, ...measured.measured } }
  json.scale_out = results
  writeFileSync(jsonFile, JSON.stringify(json, null, 2) + '\n')
  const notes = existsSync(path.join(outDir, 'scale-out-notes.md'))
    ? readFileSync(path.join(outDir, 'scale-out-notes.md'), 'utf8').trim().split('\n')
    : []
  writeSection(
    path.join(outDir, 'RESULTS.md'),
    [
      heading,
      '',
      'Written by `node --require ./bench/server-only-shim.cjs --import tsx bench/scale-out.ts` (bench/README.md).',
      'Everything on this 2-CPU machine: replicas, database, sshds, clients. Parts measured: ' +
        Object.entries(results.measured)
          .map(
            ([part, m]) =>
              `\`${part}\` ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.database} (load ${m.load_average.join(', ')})`,
          )
          .join('; ') +
        '.',
      '',
      ...(results.cron ? cronLines(results.cron) : []),
      ...(results.workers ? workerLines(results.workers) : []),
      ...(results.sse ? sseLines(results.sse, results.measured.sse?.database ?? 'PostgreSQL') : []),
      ...notes,
      '',
    ].join('\n'),
  )
}
