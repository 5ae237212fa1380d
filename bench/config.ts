// The benchmark's knobs, all from the environment (bench/README.md lists them).

function int(name: string, fallback: number, min = 0): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${raw}`)
  return value
}

function list<T extends string>(name: string, all: readonly T[], defaults: readonly T[] = all): T[] {
  const raw = process.env[name]
  if (!raw) return [...defaults]
  const chosen = raw.split(',').map((s) => s.trim()) as T[]
  const unknown = chosen.filter((c) => !all.includes(c))
  if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')} (choose from ${all.join(', ')})`)
  return chosen
}

export const fanOutTools = ['fanout', 'fanout_pg', 'ssh2', 'lib_ssh', 'wrapper', 'pssh', 'ansible'] as const
export type FanOutTool = (typeof fanOutTools)[number]
// lib_ssh (Fanout's SSH layer alone) is close to bare ssh2; on request only, to keep the run short.
const defaultTools = fanOutTools.filter((t) => t !== 'lib_ssh')
export const scenarios = ['fanout', 'output', 'big'] as const
export type Scenario = (typeof scenarios)[number]

export interface BenchConfig {
  targets: number
  runs: number
  warmup: number
  concurrency: number
  maxSsh: number
  tools: FanOutTool[]
  scenarios: Scenario[]
  outputMiB: number
  bigTargets: number
  bigSshd: number
  /** Also time a bare ssh2 loop over the many targets (as long again as the Fanout run). */
  bigSsh2: boolean
  outDir: string
  cpuProfDir: string | null
}

export function loadBenchConfig(): BenchConfig {
  return {
    targets: int('BENCH_TARGETS', 400, 1),
    runs: int('BENCH_RUNS', 3, 1),
    warmup: int('BENCH_WARMUP', 1),
    concurrency: int('BENCH_CONCURRENCY', 100, 1),
    maxSsh: int('BENCH_MAX_SSH', 200, 1),
    tools: list('BENCH_TOOLS', fanOutTools, defaultTools),
    scenarios: list('BENCH_SCENARIOS', scenarios),
    outputMiB: int('BENCH_OUTPUT_MB', 50, 1),
    bigTargets: int('BENCH_BIG_TARGETS', 5000, 1),
    bigSshd: int('BENCH_BIG_SSHD', 4, 1),
    bigSsh2: int('BENCH_BIG_SSH2', 0) > 0,
    outDir: process.env.BENCH_OUT || 'bench',
    cpuProfDir: process.env.BENCH_CPU_PROF || null,
  }
}
