// Messages between the runner (run.ts) and a Fanout process (fanout-worker.ts), over the
// IPC channel of child_process.fork.

export interface SshdAddress {
  host: string
  port: number
  /** Its host key's fingerprint, stored as trusted on the targets (as after a first connection). */
  fingerprint?: string
}

/** What every target must have printed (and Fanout persisted): checked after each run. */
export type ExpectedStdout = { kind: 'text'; text: string } | { kind: 'repeat'; line: string; bytes: number }

export type WorkerRequest =
  | {
      type: 'setup'
      label: string
      sshds: SshdAddress[]
      username: string
      privateKey: string
      targets: number
    }
  | { type: 'run'; content: string; targets: number; concurrency: number; expect: ExpectedStdout }
  | { type: 'stop' }

export interface SetupResult {
  setupMs: number
  targets: number
}

export interface RunMeasurement {
  /** From "run now" (script version and targets read, snapshot built, Run inserted) to every row persisted. */
  wallMs: number
  /** CPU of the whole Fanout process (user + system), until the finished run was seen (≤ 200 ms later). */
  cpuMs: number
  rssBaseMiB: number
  /** Largest process.memoryUsage.rss() sampled every 50 ms during the run. */
  rssPeakMiB: number
  /** The kernel's peak RSS (VmHWM) over the run, when it could be reset at the start. */
  hwmMiB: number | null
  /** Bytes of stdout read back from the OutputChunk rows, all target-runs together. */
  persistedBytes: number
  /** How many OutputChunk rows held them (one per target-run and stream per flush). */
  chunkRows: number
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'setup'; result: SetupResult }
  | { type: 'run'; result: RunMeasurement }
  | { type: 'error'; message: string }
