import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { type SshHost, startSshd } from '../tests/support/sshd'
import { callAction } from './server-actions'
import { addBashScript, addTargets, scriptIdOf, setUpTenants, switchUser, trustPlatformKey } from './support'

// The command-line client against a running server and real sshd: it logs in with an API
// token, runs a task and a script, streams each host's lines as they come, and its exit
// code follows the run.

test.describe.configure({ mode: 'serial' })

const password = 'cli-password-1'
const people = { admin: 'admin@clico.test' }
let host: SshHost
// Where `fanout login` keeps its config for these tests.
const configHome = mkdtempSync(path.join(tmpdir(), 'fanout-cli-'))

test.beforeAll(async () => {
  host = await startSshd()
})
test.afterAll(async () => {
  await host?.stop()
})

const as = (page: Page, email: string) => switchUser(page, email, password)

/** Runs the CLI as a user would (node cli/bin.mjs …) and collects what it printed. */
function fanout(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['cli/bin.mjs', ...args], {
      env: { ...process.env, XDG_CONFIG_HOME: configHome, FANOUT_URL: '', FANOUT_TOKEN: '' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

test('set up a tenant with two targets, a task that succeeds, one that fails, and a run token', async ({
  page,
  baseURL,
}) => {
  await setUpTenants(page, [['CLI Co', 'clico']], [[people.admin, 'clico', 'admin']], password)
  const request = await as(page, people.admin)
  await trustPlatformKey(page, 'clico', host)
  await addTargets(request, 'clico', host, [
    ['cli-1', 'cli'],
    ['cli-2', 'cli'],
  ])
  await addBashScript(request, 'clico', {
    name: 'Count',
    content: 'for i in 1 2 3; do echo "count $i ${FANOUT_PARAM_GREETING} on $FANOUT_TARGET_NAME"; sleep 0.3; done\n',
    parameters: [
      {
        name: 'GREETING',
        type: 'string',
        description: '',
        required: false,
        default: '',
        options: [],
        keepStoredDefault: false,
      },
    ],
  })
  await addBashScript(request, 'clico', {
    name: 'Fail',
    content: 'echo "broken on $FANOUT_TARGET_NAME" >&2; exit 4\n',
    parameters: [],
  })
  for (const [name, script] of [
    ['Counting', 'Count'],
    ['Failing', 'Fail'],
  ]) {
    const created = await callAction(request, '/clico/tasks/new', 'createTaskAction', {
      tenant: 'clico',
      name,
      type: 'manual',
      steps: [{ kind: 'script', scriptId: scriptIdOf('clico', script), parameters: {} }],
      labels: ['cli'],
    })
    expect(created.serverError, JSON.stringify(created)).toBeUndefined()
  }
  const token = await callAction(request, '/clico/settings/tokens', 'createApiTokenAction', {
    tenant: 'clico',
    name: 'cli test',
    scope: 'run',
  })
  expect(token.serverError, JSON.stringify(token)).toBeUndefined()
  const login = await fanout('login', '--url', baseURL!, '--token', (token.data as { secret: string }).secret)
  expect(login.stderr).toBe('')
  expect(login.code).toBe(0)
  expect(login.stdout).toContain(`Logged in to ${baseURL}`)
})

test('fanout run --wait streams each host’s lines and exits 0; a failed run exits 1', async () => {
  const list = await fanout('tasks', 'list')
  expect(list.code).toBe(0)
  expect(list.stdout).toMatch(/Counting/)
  expect(list.stdout).toMatch(/Failing/)

  const ok = await fanout('run', 'Counting', '--param', 'GREETING=hello', '--wait')
  expect(ok.stderr).toBe('')
  expect(ok.code).toBe(0)
  for (const name of ['cli-1', 'cli-2'])
    for (const i of [1, 2, 3]) expect(ok.stdout).toContain(`[${name}] count ${i} hello on ${name}\n`)
  expect(ok.stdout).toMatch(/Run \w+ succeeded\n$/)

  const failed = await fanout('run', 'Failing', '--wait')
  expect(failed.code).toBe(1)
  expect(failed.stderr).toContain('[cli-1] broken on cli-1\n')
  expect(failed.stdout).toMatch(/Run \w+ failed\n$/)
  const runId = failed.stdout.match(/Run (\w+):/)![1]
  const shown = await fanout('runs', 'show', runId)
  expect(shown.code).toBe(1)
  expect(shown.stdout).toContain('cli-2  failed exit 4')
})

test('fanout exec runs a script on a label; bad input is refused with exit code 2', async () => {
  const ran = await fanout('exec', 'Count', '--targets', 'label:cli', '--wait', '--json')
  expect(ran.code).toBe(0)
  const run = JSON.parse(ran.stdout) as { status: string; targetRuns: { targetName: string }[] }
  expect(run.status).toBe('succeeded')
  expect(run.targetRuns.map((t) => t.targetName).sort()).toEqual(['cli-1', 'cli-2'])

  const unknown = await fanout('run', 'No such task')
  expect(unknown.code).toBe(2)
  expect(unknown.stderr).toContain('No task "No such task".')
  const badParam = await fanout('run', 'Counting', '--param', 'NOPE=1')
  expect(badParam.code).toBe(2)
  expect(badParam.stderr).toContain('No step of Counting has a parameter NOPE.')
})
