// Many targets: BENCH_BIG_TARGETS (5,000) spread over BENCH_BIG_SSHD (4) sshds, `echo
// hello`, concurrency as configured, in a fresh Fanout process on SQLite: one run, after
// a warm-up run on a few of them. Records wall time, Fanout's CPU and its peak RSS; with
// BENCH_BIG_SSH2=1 a bare ssh2 loop over the same targets is timed too, for reference.
import type { BenchContext, BenchSshd } from './context'
import { sshdIdle } from './sampling'
import { ssh2Loop } from './ssh2-loop'

export interface BigResult {
  targets: number
  sshds: number
  concurrency: number
  wallS: number
  cpuMsPerTarget: number
  rssBaseMiB: number
  rssPeakMiB: number
  hwmMiB: number | null
  sshdCpuMsPerTarget: number | null
  ssh2WallS: number | null
  ssh2SshdCpuMsPerTarget: number | null
}

export async function bigScenario(ctx: BenchContext): Promise<BigResult> {
  const { bigTargets: targets, bigSshd, concurrency } = ctx.config
  const hosts: BenchSshd[] = []
  for (let i = 0; i < bigSshd; i++) hosts.push(await ctx.sshd())
  const sshds = hosts.map((h) => ({ host: h.host, port: h.port, fingerprint: h.hostKeyFingerprint }))
  const pids = hosts.map((h) => h.pid)
  const sshdTotal = () => {
    const each = hosts.map((h) => h.cpuMs())
    return each.includes(null) ? NaN : (each as number[]).reduce((a, b) => a + b, 0)
  }
  const perTarget = (ms: number) => (Number.isNaN(ms) ? null : ms / targets)

  async function ssh2Reference() {
    const before = sshdTotal()
    const t0 = performance.now()
    const outputs = await ssh2Loop({
      sshds,
      targets,
      concurrency,
      username: ctx.username,
      privateKey: ctx.key.privateKey,
      command: 'echo hello',
    })
    const ms = performance.now() - t0
    if (outputs.some((o) => o.toString() !== 'hello\n')) throw new Error('ssh2 loop: a target did not print hello')
    await sshdIdle(pids)
    ctx.log(`big ssh2: ${(ms / 1000).toFixed(1)} s`)
    return { wallS: ms / 1000, sshdCpuMsPerTarget: perTarget(sshdTotal() - before) }
  }

  const proc = await ctx.fanout('big', 'sqlite')
  const setup = await proc.setup({ sshds, username: ctx.username, privateKey: ctx.key.privateKey, targets })
  ctx.log(`big: ${setup.targets} targets created in ${(setup.setupMs / 1000).toFixed(1)} s`)
  const warm = Math.min(targets, 100)
  const job = { content: 'echo hello\n', concurrency, expect: { kind: 'text', text: 'hello\n' } } as const
  await proc.run({ ...job, targets: warm })
  await sshdIdle(pids)
  const sshd0 = sshdTotal()
  const m = await proc.run({ ...job, targets })
  await sshdIdle(pids)
  const sshdMs = sshdTotal() - sshd0
  ctx.log(`big fanout: ${(m.wallMs / 1000).toFixed(1)} s, peak RSS ${m.rssPeakMiB.toFixed(0)} MiB`)
  await proc.stop()

  const reference = ctx.config.bigSsh2 ? await ssh2Reference() : null
  return {
    targets,
    sshds: bigSshd,
    concurrency,
    wallS: m.wallMs / 1000,
    cpuMsPerTarget: m.cpuMs / targets,
    rssBaseMiB: m.rssBaseMiB,
    rssPeakMiB: m.rssPeakMiB,
    hwmMiB: m.hwmMiB,
    sshdCpuMsPerTarget: perTarget(sshdMs),
    ssh2WallS: reference?.wallS ?? null,
    ssh2SshdCpuMsPerTarget: reference?.sshdCpuMsPerTarget ?? null,
  }
}
