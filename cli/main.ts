// fanout — the command-line client of a Fanout server's REST API (README "Command line").
// Exit codes: 0 the run succeeded (or the command did), 1 the run ended otherwise, 2 usage
// or a refusal (printed).
import { Command, Option } from 'commander'
import type { z } from 'zod'
import type { runDetail, runStarted, scriptSummary, taskDetail, taskSummary } from '../lib/api/v1/resources'
import { api, CliError, type Connection, listAll, loadConnection, saveConnection } from './client'
import { followRun } from './follow'

type TaskSummary = z.output<typeof taskSummary>
type TaskDetail = z.output<typeof taskDetail>
type ScriptSummary = z.output<typeof scriptSummary>
type RunStarted = z.output<typeof runStarted>
type RunDetail = z.output<typeof runDetail>

const print = (line = '') => process.stdout.write(`${line}\n`)
const collect = (value: string, previous: string[]) => [...previous, value]

/** "NAME=value" pairs; "1.NAME=value" names a task step (from 0). */
function parseParams(pairs: string[]) {
  return pairs.map((pair) => {
    const eq = pair.indexOf('=')
    if (eq < 1) throw new CliError(`--param takes NAME=value, not "${pair}"`)
    const key = pair.slice(0, eq)
    const dot = key.match(/^(\d+)\.(.+)$/)
    return { step: dot ? dot[1] : null, name: dot ? dot[2] : key, value: pair.slice(eq + 1) }
  })
}

/** An id, or a unique name among the listed items. */
async function resolve<T extends { id: string; name: string }>(items: () => Promise<T[]>, what: string, key: string) {
  const all = await items()
  const found = all.filter((item) => item.id === key || item.name === key)
  if (found.length === 1) return found[0]
  throw new CliError(found.length ? `Several ${what}s are named "${key}": use the id.` : `No ${what} "${key}".`)
}

async function started(connection: Connection, run: RunStarted, options: { wait?: boolean; json?: boolean }) {
  if (!options.wait) {
    if (options.json) print(JSON.stringify(run))
    else print(`Run ${run.runId} queued: ${run.url}`)
    return 0
  }
  if (!options.json) print(`Run ${run.runId}: ${run.url}`)
  const status = await followRun(connection, run.runId, { print: !options.json })
  if (options.json) print(JSON.stringify(await api<RunDetail>(connection, 'GET', `/runs/${run.runId}`)))
  else print(`Run ${run.runId} ${status}`)
  return status === 'succeeded' ? 0 : 1
}

const program = new Command('fanout')
  .description('Run Fanout tasks and scripts from a terminal, and follow their output live.')
  .showHelpAfterError()

program
  .command('login')
  .description('Remember the server and the API token (Settings → API tokens) for the next commands.')
  .requiredOption('--url <url>', 'the server, e.g. https://fanout.example.com')
  .requiredOption('--token <token>', 'an API token')
  .action(async (options: { url: string; token: string }) => {
    const connection = { url: options.url.replace(/\/+$/, ''), token: options.token }
    await api(connection, 'GET', '/tasks?limit=1')
    print(`Logged in to ${connection.url}; saved in ${saveConnection(connection)}`)
  })

const tasks = program.command('tasks').description('The tenant’s tasks.')
tasks
  .command('list')
  .option('--json', 'print JSON')
  .action(async (options: { json?: boolean }) => {
    const items = await listAll<TaskSummary>(loadConnection(), '/tasks')
    if (options.json) {
      print(JSON.stringify(items))
      return
    }
    for (const t of items)
      print(`${t.id}  ${t.name}  ${t.type}${t.enabled ? '' : ' (stopped)'}  ${t.lastStatus ?? '—'}`)
  })

program
  .command('run')
  .description('Run a task now (by id or name).')
  .argument('<task>', 'task id or name')
  .option('-p, --param <NAME=value>', 'a parameter value (repeatable); STEP.NAME=value for one step', collect, [])
  .option('--target <id>', 'run on only this of the task’s targets (repeatable)', collect, [])
  .option('-w, --wait', 'follow the run live; exit code follows its status')
  .option('--json', 'print JSON')
  .action(async (key: string, options: { param: string[]; target: string[]; wait?: boolean; json?: boolean }) => {
    const connection = loadConnection()
    const summary = await resolve(() => listAll<TaskSummary>(connection, '/tasks'), 'task', key)
    const task = await api<TaskDetail>(connection, 'GET', `/tasks/${summary.id}`)
    const parameters: Record<string, Record<string, string>> = {}
    for (const p of parseParams(options.param)) {
      const steps = task.steps.flatMap((s, i) =>
        s.kind === 'script' && s.parameters.some((d) => d.name === p.name) && (p.step === null || p.step === String(i))
          ? [String(i)]
          : [],
      )
      if (!steps.length) throw new CliError(`No step of ${task.name} has a parameter ${p.name}.`)
      for (const step of steps) parameters[step] = { ...parameters[step], [p.name]: p.value }
    }
    const body = { parameters, ...(options.target.length ? { targetIds: options.target } : {}) }
    process.exitCode = await started(connection, await api(connection, 'POST', `/tasks/${task.id}/runs`, body), options)
  })

program
  .command('exec')
  .description('Run a script (by id or name) on targets now.')
  .argument('<script>', 'script id or name')
  .requiredOption('-t, --targets <list>', 'comma-separated: label:NAME or a target id, e.g. label:web,ckx1…')
  .option('-p, --param <NAME=value>', 'a parameter value (repeatable)', collect, [])
  .addOption(new Option('--parallelism <n>', 'targets at once').argParser(Number))
  .addOption(new Option('--timeout <seconds>', 'timeout per target').argParser(Number))
  .option('-w, --wait', 'follow the run live; exit code follows its status')
  .option('--json', 'print JSON')
  .action(async (key: string, options: Record<string, unknown> & { targets: string; param: string[] }) => {
    const connection = loadConnection()
    const script = await resolve(() => listAll<ScriptSummary>(connection, '/scripts'), 'script', key)
    const picks = options.targets
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const body = {
      targetIds: picks.filter((p) => !p.startsWith('label:')),
      labels: picks.filter((p) => p.startsWith('label:')).map((p) => p.slice('label:'.length)),
      parameters: Object.fromEntries(parseParams(options.param).map((p) => [p.name, p.value])),
      ...(options.parallelism ? { parallelism: options.parallelism } : {}),
      ...(options.timeout ? { timeoutSeconds: options.timeout } : {}),
    }
    const run = await api<RunStarted>(connection, 'POST', `/scripts/${script.id}/runs`, body)
    process.exitCode = await started(connection, run, options as { wait?: boolean; json?: boolean })
  })

const runs = program.command('runs').description('Runs and their results.')
runs
  .command('show')
  .argument('<run>', 'run id')
  .option('--json', 'print JSON')
  .action(async (id: string, options: { json?: boolean }) => {
    const run = await api<RunDetail>(loadConnection(), 'GET', `/runs/${encodeURIComponent(id)}`)
    if (options.json) {
      print(JSON.stringify(run))
      return
    }
    print(`Run ${run.id}: ${run.status}  ${run.url}`)
    print(`Started by ${run.triggeredBy.label ?? run.triggeredBy.type}, queued ${run.createdAt}`)
    if (run.error) print(`Error: ${run.error}`)
    for (const g of run.gates) {
      const by = g.decidedBy ? ` by ${g.decidedBy.label}` : ''
      print(`Confirmation ${g.key}: ${g.status}${by}${g.comment ? ` (${g.comment})` : ''}`)
    }
    for (const t of run.targetRuns) {
      const step = run.steps.length > 1 ? ` step ${t.stepIndex + 1}` : ''
      print(
        `  ${t.targetName}${step}  ${t.status}${t.exitCode === null ? '' : ` exit ${t.exitCode}`}${t.error ? `  ${t.error}` : ''}`,
      )
    }
    process.exitCode = run.status === 'succeeded' ? 0 : 1
  })

runs
  .command('confirm')
  .description('Continue a run waiting for confirmation, or abort it.')
  .argument('<run>', 'run id')
  .option('--abort', 'abort the run instead of continuing it')
  .option('--comment <text>', 'recorded with the decision')
  .option('--json', 'print JSON')
  .action(async (id: string, options: { abort?: boolean; comment?: string; json?: boolean }) => {
    const body = { decision: options.abort ? 'abort' : 'continue', comment: options.comment ?? '' }
    const run = await api<RunDetail>(loadConnection(), 'POST', `/runs/${encodeURIComponent(id)}/confirm`, body)
    if (options.json) print(JSON.stringify(run))
    else print(`Run ${run.id} ${options.abort ? 'aborted' : 'continued'}: ${run.status}  ${run.url}`)
  })

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`fanout: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 2
})
