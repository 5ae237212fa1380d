import 'server-only'
import { decryptSecret } from '@/lib/crypto/envelope'
import type { SshConnection } from '@/lib/ssh'
import { runScriptOnTarget } from './execute-target'
import { loadFileStep, type UploadFile, uploadFilesToTarget } from './file-step'
import type { RunOutputSink } from './output-sink'
import { maskText, SecretMasker, secretPatterns } from './secret-mask'
import type { FileStep, RunSnapshot, ScriptStep, WorkStep } from './snapshot'
import { previousHostFiles, type StepResults } from './step-hosts'

// What one work step does on one target: a script (its parameters, output parameters of
// earlier steps, host lists, secret masking) or a file upload, given a connection.

type Target = RunSnapshot['targets'][number]

/** What a run's steps share while it executes. */
export interface StepContext {
  runId: string
  scope: { tenantId: string }
  targets: Target[]
  limits: RunSnapshot['limits']
  sink: RunOutputSink
  /** Output parameters written so far, by target id: later steps get them as FANOUT_OUT_*. */
  outputs: Map<string, Record<string, string>>
  /** Aborting cancels: running scripts are killed. */
  signal?: AbortSignal
  killGraceSeconds?: number
}

export type Outcome = {
  status: string
  exitCode: number | null
  error: string | null
  /** Passed to later steps as they are. */
  outputs: Record<string, string>
  /** As stored: secret values masked. */
  storedOutputs?: Record<string, string>
}
export type RunOnTarget = (conn: SshConnection, targetRunId: string, target: Target) => Promise<Outcome>

async function runScript(
  ctx: StepContext,
  conn: SshConnection,
  step: ScriptStep,
  files: Record<string, string>,
  id: string,
  target: Target,
): Promise<Outcome> {
  const env: Record<string, string> = { FANOUT_TARGET_NAME: target.name, FANOUT_RUN_ID: ctx.runId }
  for (const [key, value] of Object.entries(ctx.outputs.get(target.id) ?? {})) env[`FANOUT_OUT_${key}`] = value
  const args = step.parameters.map((p) => (p.secret ? decryptSecret(p.value) : p.value))
  step.parameters.forEach((p, i) => (env[`FANOUT_PARAM_${p.name}`] = args[i]))
  const secrets = args.filter((_, i) => step.parameters[i].secret)
  const patterns = secretPatterns(secrets, target.encoding)
  const masks = { stdout: new SecretMasker(patterns), stderr: new SecretMasker(patterns) }
  const outcome = await runScriptOnTarget(conn, {
    invocation: {
      workDir: `fanout-${id}`,
      language: step.language,
      content: step.content,
      args,
      env,
      files,
      runAs: step.runAs,
    },
    timeoutMs: ctx.limits.timeoutSeconds * 1000,
    signal: ctx.signal,
    killGraceSeconds: ctx.killGraceSeconds,
    onStdout: (chunk) => ctx.sink.write(id, 'stdout', masks.stdout.mask(chunk)),
    onStderr: (chunk) => ctx.sink.write(id, 'stderr', masks.stderr.mask(chunk)),
  })
  ctx.sink.write(id, 'stdout', masks.stdout.end())
  ctx.sink.write(id, 'stderr', masks.stderr.end())
  // Later steps get output parameters as written; what is stored has secrets masked.
  const storedOutputs = Object.fromEntries(Object.entries(outcome.outputs).map(([k, v]) => [k, maskText(v, secrets)]))
  return { ...outcome, storedOutputs }
}

async function uploadFiles(
  ctx: StepContext,
  conn: SshConnection,
  step: FileStep,
  files: UploadFile[],
  id: string,
): Promise<Outcome> {
  // The run's timeout bounds each target's upload as it bounds each script.
  const timeout = AbortSignal.timeout(ctx.limits.timeoutSeconds * 1000)
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout
  const onStdout = (chunk: Buffer) => ctx.sink.write(id, 'stdout', chunk)
  const outcome = await uploadFilesToTarget(conn, { files, remoteDir: step.remoteDir, onStdout }, signal)
  if (outcome.status === 'cancelled' && !ctx.signal?.aborted) {
    const error = `The upload did not finish within ${ctx.limits.timeoutSeconds} s`
    return { status: 'timed_out', exitCode: null, error, outputs: {} }
  }
  return { ...outcome, exitCode: null, outputs: {} }
}

/** How to run the step on one target, or why it cannot run on any. */
export async function prepareStep(
  ctx: StepContext,
  step: WorkStep,
  previous?: StepResults,
): Promise<{ error: string } | { run: RunOnTarget }> {
  if (step.kind === 'script') {
    const files = previousHostFiles(ctx.targets, previous)
    return { run: (conn, id, target) => runScript(ctx, conn, step, files, id, target) }
  }
  // Read once for all targets: every target sends from the same buffers.
  const loaded = await loadFileStep(ctx.scope, step)
  if ('error' in loaded) return loaded
  return { run: (conn, id) => uploadFiles(ctx, conn, step, loaded.files, id) }
}
