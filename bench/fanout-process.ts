// The runner's handle on one Fanout process (fanout-worker.ts): forks it with its own
// database and settings, then sends one request at a time and waits for the answer.
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { RunMeasurement, SetupResult, WorkerReply, WorkerRequest } from './protocol'

export interface FanoutProcessOptions {
  label: string
  /** A PostgreSQL URL, or null for the embedded SQLite default in dataDir. */
  databaseUrl: string | null
  dataDir: string
  maxSsh: number
  outputCap?: number
  cpuProfDir: string | null
}

export class FanoutProcess {
  private pending: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | null = null
  private exited: Error | null = null

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (reply: WorkerReply) => {
      const pending = this.pending
      this.pending = null
      if (!pending) return
      if (reply.type === 'error') pending.reject(new Error(`Fanout process ${label}: ${reply.message}`))
      else pending.resolve(reply)
    })
    child.on('exit', (code, signal) => {
      this.exited = new Error(`Fanout process ${label} exited (${signal ?? code})`)
      this.pending?.reject(this.exited)
      this.pending = null
    })
  }

  static async start(o: FanoutProcessOptions): Promise<FanoutProcess> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FANOUT_DATA_DIR: o.dataDir,
      FANOUT_MASTER_KEY: randomBytes(32).toString('hex'),
      FANOUT_MAX_SSH: String(o.maxSsh),
      BENCH_LABEL: o.label,
    }
    delete env.DATABASE_URL
    if (o.databaseUrl) env.DATABASE_URL = o.databaseUrl
    if (o.outputCap) env.FANOUT_OUTPUT_CAP = String(o.outputCap)
    delete env.BENCH_CPU_PROF
    if (o.cpuProfDir) env.BENCH_CPU_PROF = o.cpuProfDir
    const child = fork(path.join(__dirname, 'fanout-worker.ts'), [], {
      env,
      execArgv: ['--require', path.join(__dirname, 'server-only-shim.cjs'), '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const proc = new FanoutProcess(o.label, child)
    await proc.next()
    return proc
  }

  get pid() {
    return this.child.pid
  }

  private next(): Promise<WorkerReply> {
    if (this.exited) return Promise.reject(this.exited)
    return new Promise((resolve, reject) => (this.pending = { resolve, reject }))
  }

  private async request<T extends WorkerReply['type']>(req: WorkerRequest, type: T) {
    const answer = this.next()
    this.child.send(req)
    const reply = await answer
    if (reply.type !== type) throw new Error(`Fanout process ${this.label} answered ${reply.type} to ${req.type}`)
    return reply as Extract<WorkerReply, { type: T }>
  }

  async setup(req: Omit<Extract<WorkerRequest, { type: 'setup' }>, 'type' | 'label'>): Promise<SetupResult> {
    return (await this.request({ type: 'setup', label: this.label, ...req }, 'setup')).result
  }

  async run(req: Omit<Extract<WorkerRequest, { type: 'run' }>, 'type'>): Promise<RunMeasurement> {
    return (await this.request({ type: 'run', ...req }, 'run')).result
  }

  async stop() {
    if (this.exited) return
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    this.child.send({ type: 'stop' } satisfies WorkerRequest)
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000)
    await gone
    clearTimeout(timer)
  }
}
