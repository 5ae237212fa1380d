import 'server-only'
import { describeEndpoint, exec, type SshConnection, SshError } from '@/lib/ssh'
import {
  killCommand,
  parseOutputParameters,
  type ScriptInvocation,
  scriptExec,
  sudoCheckCommand,
  sudoRefusal,
} from './remote'
import { TrailerSplitter } from './trailer'

export type TargetOutcomeStatus = 'succeeded' | 'failed' | 'timed_out' | 'cancelled'

export interface TargetOutcome {
  status: TargetOutcomeStatus
  exitCode: number | null
  /** KEY=VALUE pairs the script wrote to $FANOUT_OUTPUT. */
  outputs: Record<string, string>
  error: string | null
}

export interface RunScriptOptions {
  invocation: ScriptInvocation
  timeoutMs: number
  /** Aborting cancels: the script's whole process group is killed. */
  signal?: AbortSignal
  /** A returned promise pauses reading the script's output until it settles (backpressure). */
  onStdout?: (chunk: Buffer) => unknown
  onStderr?: (chunk: Buffer) => unknown
  /** How long a killed script may take to honour TERM before KILL; also on a lost connection. */
  killGraceSeconds?: number
}

// After a timeout or a cancel, how long past the kill's grace period a host may take to
// confirm the script ended. A host that stopped answering (a stalled network) would
// otherwise hold its target-run, and the run, until keep-alives notice minutes later.
const KILL_ANSWER_MS = 10_000

async function quietExec(conn: SshConnection, command: string) {
  const out: Buffer[] = []
  await conn.exec(command, { onStdout: (c) => out.push(c) })
  return Buffer.concat(out).toString('utf8')
}

/**
 * Asks sudo first, in its own exec: a refusal then fails the target with sudo's reason,
 * never mistaken for the script's own exit code 1 (which is what sudo exits with too).
 */
async function sudoRefused(conn: SshConnection, account: string): Promise<string | null> {
  const err: Buffer[] = []
  const result = await conn.exec(sudoCheckCommand(account), { onStderr: (c) => err.push(c) })
  return result.code === 0 ? null : sudoRefusal(account, result.code, Buffer.concat(err).toString('utf8'))
}

/**
 * Runs one script on one connected target and waits for it to end. A timeout or a cancel
 * kills the script's process group (TERM, then KILL after the grace period) and still
 * waits for the wrapper to report, so nothing is left running when this resolves. Should
 * this process die instead, the host kills the group itself when the channel goes away.
 */
export async function runScriptOnTarget(conn: SshConnection, options: RunScriptOptions): Promise<TargetOutcome> {
  const { invocation } = options
  const grace = options.killGraceSeconds ?? 5
  let stoppedAs: 'timed_out' | 'cancelled' | null = null
  let killing: Promise<unknown> | null = null
  let abandoned: NodeJS.Timeout | undefined
  let unanswered: string | null = null
  const stop = (reason: 'timed_out' | 'cancelled') => {
    if (stoppedAs) return
    stoppedAs = reason
    killing = quietExec(conn, killCommand(invocation.workDir, grace, invocation.runAs)).catch(() => {})
    const waitMs = grace * 1000 + KILL_ANSWER_MS
    abandoned = setTimeout(() => {
      const target = describeEndpoint(conn.hops[conn.hops.length - 1], true)
      unanswered =
        `${target}: the host stopped answering (no reply within ${waitMs / 1000} s after the script was told to stop); ` +
        'the connection was closed and the script may still be running there'
      void conn.close()
    }, waitMs)
  }
  const timer = setTimeout(() => stop('timed_out'), options.timeoutMs)
  const onAbort = () => stop('cancelled')
  options.signal?.addEventListener('abort', onAbort, { once: true })
  if (options.signal?.aborted) onAbort()
  try {
    const refused = invocation.runAs ? await sudoRefused(conn, invocation.runAs) : null
    if (refused) return { status: 'failed', exitCode: null, outputs: {}, error: refused }
    const { command, stdin, outputsMarker } = scriptExec(invocation, grace)
    const trailer = new TrailerSplitter(outputsMarker)
    const result = await exec(conn, command, {
      stdin,
      holdStdin: true,
      onStdout: (chunk) => {
        const own = trailer.push(chunk)
        return own.length ? options.onStdout?.(own) : undefined
      },
      onStderr: options.onStderr,
    })
    const rest = trailer.end()
    if (rest.length) await options.onStdout?.(rest)
    await killing
    const outputs = parseOutputParameters(trailer.trailer)
    if (stoppedAs) return { status: stoppedAs, exitCode: result.code, outputs, error: null }
    return { status: result.code === 0 ? 'succeeded' : 'failed', exitCode: result.code, outputs, error: null }
  } catch (error) {
    if (!(error instanceof SshError)) throw error
    return { status: stoppedAs ?? 'failed', exitCode: null, outputs: {}, error: unanswered ?? error.message }
  } finally {
    clearTimeout(timer)
    clearTimeout(abandoned)
    options.signal?.removeEventListener('abort', onAbort)
  }
}
