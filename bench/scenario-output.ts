// One target printing a lot (BENCH_OUTPUT_MB MiB of text lines) to stdout: how fast Fanout
// takes it from the channel into OutputChunk rows, from "run now" to the run finished. The
// default cap (FANOUT_OUTPUT_CAP, 10 MiB) would keep only the first 10 MiB, so this Fanout
// process runs with the cap raised above the output size and every byte is checked back.
// The bare ssh2 read of the same command is the reference for the channel alone.
import type { BenchContext } from './context'
import { median, sshdIdle } from './sampling'
import { ssh2Loop } from './ssh2-loop'

export interface OutputResult {
  bytes: number
  outputCap: number
  command: string
  /** MB (10^6 bytes) of output persisted per second, median. */
  mbPerS: number
  samplesS: number[]
  /** OutputChunk rows the output was stored in (one per flush), median. */
  chunkRows: number
  /** CPU of the Fanout process over the run, median. */
  cpuS: number
  pg?: { mbPerS: number; samplesS: number[]; chunkRows: number; cpuS: number }
  ssh2MbPerS: number
  ssh2SamplesS: number[]
}

const line = 'fanout benchmark output 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ'

export async function outputScenario(ctx: BenchContext): Promise<OutputResult> {
  const { runs, warmup, outputMiB, tools } = ctx.config
  const bytes = outputMiB * 1024 * 1024
  const outputCap = Math.max(64 * 1024 * 1024, bytes + 1024 * 1024)
  const command = `yes '${line}' | head -c ${bytes}`
  const sshd = await ctx.sshd()
  const address = { host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprint }
  const rate = (ms: number) => bytes / 1e6 / (ms / 1000)

  async function fanoutRate(label: string, provider: 'sqlite' | 'postgresql') {
    const proc = await ctx.fanout(label, provider, outputCap)
    await proc.setup({ sshds: [address], username: ctx.username, privateKey: ctx.key.privateKey, targets: 1 })
    const samples: number[] = []
    const rows: number[] = []
    const cpu: number[] = []
    for (let i = 0; i < warmup + runs; i++) {
      const m = await proc.run({
        content: `${command}\n`,
        targets: 1,
        concurrency: 1,
        expect: { kind: 'repeat', line, bytes },
      })
      if (m.persistedBytes !== bytes) throw new Error(`${label}: ${m.persistedBytes} bytes persisted, not ${bytes}`)
      await sshdIdle([sshd.pid])
      ctx.log(
        `output ${label} ${i < warmup ? 'warm-up' : 'run'}: ${(m.wallMs / 1000).toFixed(2)} s, ` +
          `${rate(m.wallMs).toFixed(0)} MB/s, ${m.chunkRows} chunk rows, CPU ${(m.cpuMs / 1000).toFixed(2)} s`,
      )
      if (i < warmup) continue
      samples.push(m.wallMs / 1000)
      rows.push(m.chunkRows)
      cpu.push(m.cpuMs / 1000)
    }
    await proc.stop()
    return { mbPerS: rate(median(samples) * 1000), samplesS: samples, chunkRows: median(rows), cpuS: median(cpu) }
  }

  const sqlite = await fanoutRate('output', 'sqlite')
  const pg = tools.includes('fanout_pg') ? await fanoutRate('output-pg', 'postgresql') : undefined
  const ssh2Samples: number[] = []
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now()
    const [out] = await ssh2Loop({
      sshds: [address],
      targets: 1,
      concurrency: 1,
      username: ctx.username,
      privateKey: ctx.key.privateKey,
      command,
    })
    const ms = performance.now() - t0
    if (out.length !== bytes) throw new Error(`ssh2 read ${out.length} bytes, not ${bytes}`)
    await sshdIdle([sshd.pid])
    if (i >= warmup) ssh2Samples.push(ms / 1000)
  }
  return {
    bytes,
    outputCap,
    command,
    ...sqlite,
    pg,
    ssh2MbPerS: rate(median(ssh2Samples) * 1000),
    ssh2SamplesS: ssh2Samples,
  }
}
