// The main comparison: `echo hello` on N targets (one sshd), concurrency C, by Fanout
// end to end (SQLite and PostgreSQL), a bare ssh2 loop, parallel-ssh and ansible -m raw.
// Rounds interleave the tools, each round starting with the next tool, so a noisy minute
// of the machine hits all of them alike. Host keys are trusted before (world.ts), and
// warm-up rounds on up to 100 targets (JIT, query plans) run the Node tools first, not
// counted; parallel-ssh and ansible start a fresh process every time, nothing to warm.
import type { FanOutTool } from './config'
import type { BenchContext } from './context'
import type { FanoutProcess } from './fanout-process'
import { runLayer } from './layers'
import { ansibleRaw, type ExternalTool, parallelSsh } from './openssh-tools'
import { median, sshdIdle } from './sampling'
import { ssh2Loop } from './ssh2-loop'

export interface ToolSample {
  wallMs: number
  /** Client CPU: the Fanout process, the runner (ssh2), or the tool and its children. */
  cpuMs: number
  /** What the sshd spent serving the sample (handshakes, sessions, the shells they ran); null: not measurable here. */
  sshdCpuMs: number | null
  rssPeakMiB?: number
}

export interface ToolResult {
  samples: ToolSample[]
  wallS: number
  cpuMsPerTarget: number
  sshdCpuMsPerTarget: number | null
  commandLine?: string
  settings?: string
}

export interface FanOutResult {
  targets: number
  warmupTargets: number
  concurrency: number
  sshdPort: number
  tools: Partial<Record<FanOutTool, ToolResult>>
}

export async function fanOutScenario(ctx: BenchContext): Promise<FanOutResult> {
  const { targets, concurrency, tools, runs, warmup } = ctx.config
  const sshd = await ctx.sshd()
  const address = { host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }
  const processes: Partial<Record<FanOutTool, FanoutProcess>> = {}
  for (const [tool, provider] of [
    ['fanout', 'sqlite'],
    ['fanout_pg', 'postgresql'],
  ] as const) {
    if (!tools.includes(tool)) continue
    const proc = await ctx.fanout(tool === 'fanout' ? 'sqlite' : 'pg', provider)
    const setup = await proc.setup({
      sshds: [address],
      username: ctx.username,
      privateKey: ctx.key.privateKey,
      targets,
    })
    ctx.log(`${tool}: ${setup.targets} targets created in ${(setup.setupMs / 1000).toFixed(1)} s`)
    processes[tool] = proc
  }
  const toolSetup = { dir: ctx.dir, sshd: address, targets, concurrency, username: ctx.username, keyFile: ctx.key.file }
  const external: Partial<Record<FanOutTool, ExternalTool>> = {}
  if (tools.includes('pssh')) external.pssh = parallelSsh(toolSetup)
  if (tools.includes('ansible')) external.ansible = ansibleRaw(toolSetup)

  async function sample(tool: FanOutTool, targets: number): Promise<ToolSample> {
    const sshd0 = sshd.cpuMs()
    let s: Omit<ToolSample, 'sshdCpuMs'>
    const proc = processes[tool]
    if (proc) {
      const m = await proc.run({
        content: 'echo hello\n',
        targets,
        concurrency,
        expect: { kind: 'text', text: 'hello\n' },
      })
      s = { wallMs: m.wallMs, cpuMs: m.cpuMs, rssPeakMiB: m.rssPeakMiB }
    } else if (tool === 'ssh2' || tool === 'lib_ssh' || tool === 'wrapper') {
      const cpu0 = process.cpuUsage()
      const t0 = performance.now()
      const job = { sshds: [address], targets, concurrency, username: ctx.username, privateKey: ctx.key.privateKey }
      const outputs = await (tool === 'ssh2' ? ssh2Loop({ ...job, command: 'echo hello' }) : runLayer(tool, job))
      const wallMs = performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      const ok = outputs.filter((o) => o.toString() === 'hello\n').length
      if (ok !== targets) throw new Error(`${tool}: ${ok} "hello" outputs for ${targets} targets`)
      s = { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }
    } else {
      s = await external[tool]!.run()
    }
    await sshdIdle([sshd.pid])
    const sshd1 = sshd.cpuMs()
    return { ...s, sshdCpuMs: sshd0 === null || sshd1 === null ? null : sshd1 - sshd0 }
  }

  const warmupTargets = Math.min(targets, 100)
  const samples = Object.fromEntries(tools.map((t) => [t, [] as ToolSample[]])) as Record<FanOutTool, ToolSample[]>
  for (let round = 0; round < warmup + runs; round++) {
    const counted = round >= warmup
    const label = counted ? `round ${round - warmup + 1}/${runs}` : `warm-up ${round + 1}/${warmup}`
    for (let i = 0; i < tools.length; i++) {
      const tool = tools[(i + round) % tools.length]
      if (!counted && (tool === 'pssh' || tool === 'ansible')) continue
      const n = counted ? targets : warmupTargets
      const s = await sample(tool, n)
      if (counted) samples[tool].push(s)
      ctx.log(
        `${label} ${tool}: ${(s.wallMs / 1000).toFixed(2)} s, client CPU ${(s.cpuMs / n).toFixed(2)} ms/target, ` +
          `sshd CPU ${s.sshdCpuMs === null ? 'n/a' : (s.sshdCpuMs / n).toFixed(1)} ms/target`,
      )
    }
  }
  for (const proc of Object.values(processes)) await proc!.stop()

  const result: FanOutResult = { targets, warmupTargets, concurrency, sshdPort: sshd.port, tools: {} }
  for (const tool of tools) {
    const list = samples[tool]
    result.tools[tool] = {
      samples: list,
      wallS: median(list.map((s) => s.wallMs)) / 1000,
      cpuMsPerTarget: median(list.map((s) => s.cpuMs)) / targets,
      sshdCpuMsPerTarget: list.some((s) => s.sshdCpuMs === null)
        ? null
        : median(list.map((s) => s.sshdCpuMs!)) / targets,
      commandLine: external[tool]?.commandLine,
      settings: external[tool]?.settings,
    }
  }
  return result
}
