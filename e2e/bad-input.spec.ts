import { expect, type Page, test } from '@playwright/test'
import { countOf, fieldErrors, nested, postSigned, tenantIdOf, uploadZeros } from './fixtures/bad-input'
import { digestOf } from './fixtures/walk'
import { callAction } from './server-actions'
import { addBashScript, addTargets, admin, scriptIdOf, setUpTenants, switchUser } from './support'

// Bad input wherever a user or an API client can send it: each answer is a 4xx or a field
// error saying what is wrong, and nothing of it is written, not even a valid neighbour sent
// along. (Other tenants' ids: e2e/cross-tenant-walk.spec.ts.)

test.describe.configure({ mode: 'serial' })

const slug = 'badin'
const password = 'badin-password-1'
const who = 'admin@badin.test'
const nowhere = { host: '127.0.0.1', port: 1, username: 'nobody' }
const made = { scriptId: '', taskId: '', fileId: '', token: '', hook: { url: '', secret: '' } }
const printable = /^Use printable characters only/
const controls = ['nul\u0000', 'esc\u001b[31m', 'two\nlines', 'rlo\u202egnp.exe']

// One page for the whole spec, signed in as the tenant's admin unless a test says otherwise.
let page: Page
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ baseURL: test.info().project.use.baseURL })
})
test.afterAll(() => page.close())

const task = (more: Record<string, unknown>) => ({
  tenant: slug,
  name: 'Bad task',
  type: 'manual',
  steps: [{ kind: 'script', scriptId: made.scriptId, parameters: {} }],
  labels: ['bad'],
  ...more,
})

test('set up a tenant with a target, a script, a file, a task with a webhook and a token', async () => {
  await setUpTenants(page, [['Bad Input', slug]], [[who, slug, 'admin']], password)
  const request = await switchUser(page, who, password)
  await addTargets(request, slug, nowhere, [['bad-1', 'bad']])
  await addBashScript(request, slug, { name: 'Echo', content: 'echo "$V"\n', parameters: [] })
  made.scriptId = scriptIdOf(slug, 'Echo')
  const file = await request.post(`/api/tenants/${slug}/files`, {
    multipart: { file: { name: 'app.conf', mimeType: 'text/plain', buffer: Buffer.from('x=1\n') } },
  })
  made.fileId = ((await file.json()) as { id: string }).id
  made.taskId = (
    (await callAction(request, `/${slug}/tasks/new`, 'createTaskAction', task({}))).data as { id: string }
  ).id
  const hook = await callAction(request, `/${slug}/tasks/${made.taskId}`, 'createWebhookAction', {
    tenant: slug,
    taskId: made.taskId,
    name: 'CI',
  })
  made.hook = hook.data as typeof made.hook
  const token = await callAction(request, `/${slug}/settings/tokens`, 'createApiTokenAction', {
    tenant: slug,
    name: 'CI',
    scope: 'run',
  })
  made.token = (token.data as { secret: string }).secret
  expect(made).toMatchObject({ fileId: expect.any(String), token: expect.stringMatching(/^fo_/) })
})

test('huge values: a field error, or a 413 past the 1 MB a form may send; nothing saved', async () => {
  const { request } = page
  const before = digestOf(tenantIdOf(slug))
  const script = (name: string, content: string) =>
    callAction(request, `/${slug}/scripts/new`, 'createScriptAction', {
      tenant: slug,
      language: 'bash',
      description: '',
      message: '',
      parameters: [],
      name,
      content,
    })
  expect(fieldErrors(await script('n'.repeat(100_000), 'echo\n'))).toEqual({ name: ['At most 100 characters.'] })
  const long = await script('Long', `echo ${'x'.repeat(500_000)}\n`)
  expect(fieldErrors(long)).toEqual({ content: ['Scripts are limited to 256 KiB.'] })
  const huge = await script('Huge', `echo ${'x'.repeat(2_000_000)}\n`)
  expect(huge.status).toBe(413)
  expect(huge.body).toBe('This form is larger than the 1 MB the server accepts: shorten what you entered.')
  // In the browser the form says so, and keeps what was typed.
  await page.goto(`/${slug}/targets/new`)
  await page.getByLabel('Name').fill('huge-1')
  await page.getByLabel('Description').fill('d'.repeat(1_100_000))
  await page.getByRole('button', { name: 'Create target' }).click()
  await expect(page.getByText('This form is larger than the 1 MB the server accepts')).toBeVisible()
  await expect(page.getByLabel('Name')).toHaveValue('huge-1')
  expect(digestOf(tenantIdOf(slug))).toEqual(before)
})

test('control characters in any name: a field error on that field, nothing saved', async () => {
  const system = await switchUser(page, admin.email, admin.password)
  for (const name of controls) {
    const tenant = await callAction(system, '/admin', 'createTenantAction', { name, slug: 'badin-x' })
    expect(fieldErrors(tenant).name, JSON.stringify(name)).toEqual([expect.stringMatching(printable)])
    const user = { name, email: 'x@badin.test', password, isSystemAdmin: false }
    const person = await callAction(system, '/admin/users', 'createUserAction', user)
    expect(fieldErrors(person).name, JSON.stringify(name)).toEqual([expect.stringMatching(printable)])
  }
  expect(countOf('Tenant', 'slug', 'badin-x') + countOf('User', 'email', 'x@badin.test')).toBe(0)

  const request = await switchUser(page, who, password)
  const before = digestOf(tenantIdOf(slug))
  const endpoint = { host: '127.0.0.1', port: 22, username: 'deploy', credentialType: 'platform_key' }
  const forms: [page: string, action: string, input: Record<string, unknown>, field?: string][] = [
    [`/${slug}/targets/new`, 'createTargetAction', endpoint],
    [`/${slug}/proxies/new`, 'createProxyAction', endpoint],
    [`/${slug}/scripts/new`, 'createScriptAction', { language: 'bash', content: 'echo\n' }],
    [`/${slug}/tasks/new`, 'createTaskAction', task({})],
    [`/${slug}/settings/channels`, 'createChannelAction', { kind: 'webhook', url: 'http://127.0.0.1:1/' }],
    [`/${slug}/settings/tokens`, 'createApiTokenAction', { scope: 'read' }],
    [`/${slug}/settings/accounts`, 'createAccountAction', {}],
    [`/${slug}/settings`, 'addMemberAction', { email: 'new@badin.test', role: 'viewer', password }],
    [`/${slug}/tasks/${made.taskId}`, 'createWebhookAction', { taskId: made.taskId }],
    [`/${slug}/settings/rules`, 'createDangerRuleAction', { pattern: 'rm -rf', action: 'warn' }, 'description'],
  ]
  for (const [from, action, input, field = 'name'] of forms) {
    for (const name of controls) {
      const result = await callAction(request, from, action, { tenant: slug, ...input, [field]: name })
      // Execution accounts are Unix user names, a stricter rule with its own message.
      const message = action === 'createAccountAction' ? /^Use a Unix user name/ : printable
      expect(fieldErrors(result)[field]?.[0], `${action} ${JSON.stringify(name)}: ${result.body}`).toMatch(message)
    }
  }
  expect(digestOf(tenantIdOf(slug))).toEqual(before)
})

test('names in any script, with emoji and right-to-left text, are kept and listed as typed', async () => {
  const { request } = page
  const names = { target: '東京-サーバー-🚀', script: 'デプロイ 👩‍💻 פריסה', task: 'مهمة يومية ✅ 每日任务' }
  await addTargets(request, slug, nowhere, [[names.target, 'bad']])
  await addBashScript(request, slug, { name: names.script, content: 'echo\n', parameters: [] })
  const created = await callAction(request, `/${slug}/tasks/new`, 'createTaskAction', task({ name: names.task }))
  expect(created.serverError ?? created.validationErrors).toBeUndefined()
  for (const [list, name] of Object.entries({ targets: names.target, scripts: names.script, tasks: names.task })) {
    await page.goto(`/${slug}/${list}`)
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible()
  }
})

test('an invalid cron, an impossible date or an invalid regex: a field error naming it', async () => {
  const { request } = page
  // A line a pattern with nested repeats backtracks on without end.
  await addBashScript(request, slug, { name: 'Repeats', content: `echo ${'a'.repeat(64)}!\n`, parameters: [] })
  const before = digestOf(tenantIdOf(slug))
  const schedules: [Record<string, unknown>, string, RegExp][] = [
    [{ type: 'cron', cron: '61 * * * *' }, 'cron', /^Not a valid cron expression: .*minute: 61/],
    [{ type: 'cron', cron: '0 0 30 2 *' }, 'cron', /^This expression never fires\.$/],
    [{ type: 'cron', cron: 'every day' }, 'cron', /has 5 fields .* this has 2\.$/],
    [{ type: 'cron', cron: '0 3 * * *', timezone: 'Mars/Olympus' }, 'timezone', /^Choose a time zone/],
    [{ type: 'once', runAt: '2027-02-30T10:00' }, 'runAt', /^Enter the date and time to run at\.$/],
  ]
  for (const [schedule, field, message] of schedules) {
    const result = await callAction(request, `/${slug}/tasks/new`, 'createTaskAction', task(schedule))
    expect(fieldErrors(result), JSON.stringify(schedule)).toEqual({ [field]: [expect.stringMatching(message)] })
  }
  const patterns: [string, RegExp][] = [
    ['(rm', /^Not a valid regular expression: .*Unterminated group$/],
    ['[a-', /Unterminated character class$/],
    ['a{2,1}', /numbers out of order/],
    ['x*', /^This pattern matches empty text/],
    ['(a+)+$', /^This pattern takes too long on line 1 of the script “Repeats”: simplify it\.$/],
  ]
  for (const [pattern, message] of patterns) {
    const rule = { tenant: slug, pattern, action: 'block', description: 'Bad rule' }
    const result = await callAction(request, `/${slug}/settings/rules`, 'createDangerRuleAction', rule)
    expect(fieldErrors(result), pattern).toEqual({ pattern: [expect.stringMatching(message)] })
  }
  expect(digestOf(tenantIdOf(slug))).toEqual(before)
})

test('an inventory with one bad line: the preview names the line, the import saves no line', async () => {
  const { request } = page
  const before = digestOf(tenantIdOf(slug))
  const inventories: [format: string, text: string, line: number, message: RegExp][] = [
    ['csv', 'name,host,colour\nweb-1,10.0.0.1,red\n', 1, /^Unknown column "colour"\. The columns are name, host/],
    ['csv', 'name,host,port\ngood-1,10.0.0.1,22\nbad-1,10.0.0.2,70000\n', 3, /^Port "70000": Ports run from 1/],
    ['csv', 'name,host\ngood-2,10.0.0.1\ngood-2,10.0.0.2\n', 3, /^The name good-2 is already on line 2\.$/],
    ['csv', 'name,host\ngood-3,10.0.0.1\n"open,10.0.0.2\n', 3, /^CSV: Quote Not Closed/],
    ['yaml', 'all:\n  hosts:\n    good-4:\n    bad-4: [\n', 5, /^YAML: Flow sequence/],
    ['yaml', 'all:\n  hosts:\n    good-5:\n    bad-5:\n      ansible_port: 0\n', 5, /Ports run from 1 to 65535/],
    ['ini', '[web\ngood-6\n', 1, /^Host pattern \[web has a "\[" without its "\]"\.$/],
    ['ini', '[web]\ngood-7\nbad\u001b7\n', 3, /Name "bad\\u001b7": Use printable characters only/],
  ]
  for (const [format, text, line, message] of inventories) {
    const input = { tenant: slug, format, text, existing: 'update', defaultUser: 'deploy' }
    const preview = await callAction(request, `/${slug}/targets/import`, 'previewImportAction', input)
    const { errors } = preview.data as { errors: { line: number; message: string }[] }
    expect(errors[0], text).toEqual({ line, message: expect.stringMatching(message) })
    const commit = await callAction(request, `/${slug}/targets/import`, 'commitImportAction', input)
    expect(commit.serverError, text).toMatch(/^Fix the (error|\d errors) first; nothing was imported\.$/)
  }
  expect(digestOf(tenantIdOf(slug))).toEqual(before)
})

test('upload names and file-step directories cannot climb out of the directory named', async () => {
  const { request } = page
  const before = digestOf(tenantIdOf(slug))
  const names: [string, string][] = [
    ['../../etc/passwd', 'The file name “../../etc/passwd” contains a “/”: give a plain file name, not a path.'],
    ['..\\..\\windows.ini', 'The file name “..\\..\\windows.ini” contains a “\\”: give a plain file name, not a path.'],
    ['..', '“..” is not a file name.'],
    ['app\u0000.conf', 'The file name contains a control character (a newline, tab …).'],
    ['gnp\u202eexe.png', 'The file name contains a control character (a newline, tab …).'],
  ]
  for (const [name, error] of names) {
    const upload = await request.post(`/api/tenants/${slug}/files`, {
      multipart: { file: { name, mimeType: 'text/plain', buffer: Buffer.from('x\n') } },
    })
    expect({ status: upload.status(), body: await upload.json() }, name).toEqual({ status: 400, body: { error } })
  }
  // The directory is the user's to choose (absolute, or from the login user's home, .. and
  // all): it only has to be one the target reads as typed. A valid step before it is not saved.
  const steps = (remoteDir: string) => [
    { kind: 'script', scriptId: made.scriptId, parameters: {} },
    { kind: 'file', fileIds: [made.fileId], remoteDir },
  ]
  const dirs: [string, string][] = [
    ['/srv\u0000/etc', 'The directory contains a control character (a newline, NUL …).'],
    ['conf\nd', 'The directory contains a control character (a newline, NUL …).'],
    ['~/conf', 'Relative paths already start in the home directory: drop the ~.'],
  ]
  for (const [remoteDir, error] of dirs) {
    const input = task({ name: 'Copy', steps: steps(remoteDir) })
    const result = await callAction(request, `/${slug}/tasks/new`, 'createTaskAction', input)
    expect(fieldErrors(result), JSON.stringify(remoteDir)).toEqual({ 'steps.1.remoteDir': [error] })
  }
  expect(digestOf(tenantIdOf(slug))).toEqual(before)
})

test('an upload past the 50 MiB cap: 413 with a message, nothing stored, with or without a length', async ({
  baseURL,
}) => {
  test.setTimeout(60_000)
  const files = countOf('StoredFile', 'tenantId', tenantIdOf(slug))
  const url = `${baseURL}/api/tenants/${slug}/files`
  const cap = 50 * 1024 * 1024
  // Refused on its Content-Length, and just past the cap, refused on the file's own size;
  // sent without a length (chunked), refused once the body passes the cap.
  const uploads: [size: number, chunked: boolean][] = [
    [cap + 512 * 1024, false],
    [cap + 1, false],
    [cap + 512 * 1024, true],
    [cap + 1, true],
  ]
  for (const [size, chunked] of uploads) {
    expect(await uploadZeros(page, url, size, { chunked }), `${size}${chunked ? ' chunked' : ''}`).toEqual({
      status: 413,
      body: JSON.stringify({ error: 'The file is larger than 50 MiB.' }),
    })
  }
  expect(countOf('StoredFile', 'tenantId', tenantIdOf(slug))).toBe(files)
  // A chunked upload within the cap is stored as any other.
  expect((await uploadZeros(page, url, 1024 * 1024, { chunked: true })).status).toBe(201)
  expect(countOf('StoredFile', 'tenantId', tenantIdOf(slug))).toBe(files + 1)
})

test('malformed JSON to the API or a webhook: 400 saying what is wrong, nothing queued', async ({ request }) => {
  const tenantId = tenantIdOf(slug)
  const runs = countOf('Run', 'tenantId', tenantId)
  const notJson = /^The body is not valid JSON\.$/
  const bodies: [what: string, body: string, contentType: string, api: RegExp, hook: RegExp][] = [
    ['broken', '{"parameters": {', 'application/json', notJson, notJson],
    ['form', 'labels=bad', 'application/x-www-form-urlencoded', notJson, notJson],
    ['array', '[{"labels": ["bad"]}]', 'application/json', /expected object, received array/, /^body: .*array/],
    ['text', '"bad"', 'application/json', /expected object, received string/, /^body: .*string/],
    ['deep', `{"parameters": ${nested(5000)}}`, 'application/json', /expected record|expected string/, /^parameters: /],
    ['deep array', `${'['.repeat(30_000)}${']'.repeat(30_000)}`, 'application/json', /received array/, /array/],
  ]
  const bearer = { authorization: `Bearer ${made.token}` }
  for (const [what, body, contentType, api, hook] of bodies) {
    for (const path of [`/api/v1/scripts/${made.scriptId}/runs`, `/api/v1/tasks/${made.taskId}/runs`]) {
      const answer = await request.post(path, {
        headers: { ...bearer, 'content-type': contentType },
        data: Buffer.from(body),
      })
      expect(answer.status(), `${what} to ${path}`).toBe(400)
      expect(await answer.json(), `${what} to ${path}`).toMatchObject({
        error: expect.stringMatching(api),
        field: expect.any(String),
        issues: expect.any(Array),
      })
    }
    const answer = await postSigned(request, made.hook, Buffer.from(body), contentType)
    expect(answer.status(), `${what} to the webhook`).toBe(400)
    expect(((await answer.json()) as { error: string }).error, `${what} to the webhook`).toMatch(hook)
  }
  const large = await postSigned(request, made.hook, Buffer.from(JSON.stringify({ V: 'x'.repeat(70_000) })))
  expect({ status: large.status(), body: await large.json() }).toEqual({
    status: 413,
    body: { error: 'The body is larger than 64 KiB.' },
  })
  expect(countOf('Run', 'tenantId', tenantId)).toBe(runs)
})
