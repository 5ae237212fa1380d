import { type APIRequestContext, expect, test } from '@playwright/test'
import { digestOf, objectsOf, pathsOfBuild, serverActions } from './fixtures/walk'
import { callAction, e2eDatabase } from './server-actions'
import { addBashScript, addTargets, scriptIdOf, setUpTenants, switchUser } from './support'

// Every server action, page and route handler of the build, walked by the admin of one
// tenant with the ids of another tenant's objects (PRODUCT.md §6): whatever it is, it must
// neither change nor show anything of the other tenant. New ones join the walk by being built.

test.describe.configure({ mode: 'serial' })

const password = 'walk-password-1'
const people = { a: 'admin@walka.test', b: 'admin@walkb.test' }
// Names only tenant A's objects carry: a response naming one has leaked it.
const secrets = [
  'walk-host-a',
  'Walk script A',
  'Walk task A',
  'walk-rule-a',
  'walk-token-a',
  'walkdeploy',
  'walk-proxy-a',
  'walk-hook-a',
  'walk-channel-a',
  'walk-file-a',
]

test('set up tenant A with one object of each kind, and tenant B', async ({ page }) => {
  await setUpTenants(
    page,
    [
      ['Walk A', 'walka'],
      ['Walk B', 'walkb'],
    ],
    [
      [people.a, 'walka', 'admin'],
      [people.b, 'walkb', 'admin'],
    ],
    password,
  )
  const request = await switchUser(page, people.a, password)
  // Port 1: closed, so the run below ends at once, connection refused.
  await addTargets(request, 'walka', { host: '127.0.0.1', port: 1, username: 'walk' }, [['walk-host-a', 'walk']])
  await addBashScript(request, 'walka', { name: 'Walk script A', content: 'echo walk\n', parameters: [] })
  const scriptId = scriptIdOf('walka', 'Walk script A')
  const made = [
    await callAction(request, '/walka/tasks/new', 'createTaskAction', {
      tenant: 'walka',
      name: 'Walk task A',
      type: 'manual',
      steps: [{ kind: 'script', scriptId, parameters: {} }],
      labels: ['walk'],
    }),
    await callAction(request, '/walka/settings/rules', 'createDangerRuleAction', {
      tenant: 'walka',
      pattern: 'walk-rule-a',
      action: 'warn',
      description: 'walk-rule-a',
    }),
    await callAction(request, '/walka/settings/tokens', 'createApiTokenAction', {
      tenant: 'walka',
      name: 'walk-token-a',
      scope: 'run',
    }),
    await callAction(request, '/walka/settings/accounts', 'createAccountAction', {
      tenant: 'walka',
      name: 'walkdeploy',
      description: '',
    }),
    await callAction(request, '/walka/proxies/new', 'createProxyAction', {
      tenant: 'walka',
      name: 'walk-proxy-a',
      host: '127.0.0.1',
      port: 1,
      username: 'walk',
      credentialType: 'platform_key',
    }),
    await callAction(request, '/walka/settings/channels', 'createChannelAction', {
      tenant: 'walka',
      name: 'walk-channel-a',
      kind: 'webhook',
      url: 'http://127.0.0.1:1/walk',
      // Enabled, it would be sent A's failed run and retry meanwhile: a write of A's own.
      enabled: false,
    }),
    await callAction(request, '/walka/scripts', 'startScriptRunAction', {
      tenant: 'walka',
      scriptId,
      labels: ['walk'],
    }),
  ]
  for (const result of made) expect(result.serverError, JSON.stringify(result)).toBeUndefined()
  const upload = await request.post('/api/tenants/walka/files', {
    multipart: { file: { name: 'walk-file-a.txt', mimeType: 'text/plain', buffer: Buffer.from('walk\n') } },
  })
  expect(upload.status()).toBe(201)
  const taskId = objectsOf('walka', people.a).Task
  const hook = await callAction(request, `/walka/tasks/${taskId}`, 'createWebhookAction', {
    tenant: 'walka',
    taskId,
    name: 'walk-hook-a',
  })
  expect(hook.serverError, JSON.stringify(hook)).toBeUndefined()
  // The run ends (and is notified) before the walk: nothing of A moves by itself meanwhile.
  await expect
    .poll(
      () => {
        const db = e2eDatabase()
        try {
          return db.prepare("SELECT count(*) AS n FROM Run WHERE notifiedAt IS NULL AND title LIKE 'Walk%'").get()
        } finally {
          db.close()
        }
      },
      { timeout: 15_000 },
    )
    .toEqual({ n: 0 })
})

test("B's admin walks every server action with A's ids: nothing of A changes or shows", async ({ page }) => {
  test.setTimeout(120_000)
  const ids = objectsOf('walka', people.a)
  const before = digestOf(ids.Tenant)
  const request = await switchUser(page, people.b, password)
  // Every id-like field an action may take, filled with A's objects; `id` takes each in turn.
  const fields = {
    taskId: ids.Task,
    scriptId: ids.Script,
    targetId: ids.Target,
    runId: ids.Run,
    userId: ids.User,
    proxyId: ids.Proxy,
    channelId: ids.NotifyChannel,
    targetIds: [ids.Target],
    fileIds: [ids.StoredFile].filter(Boolean),
    membershipId: ids.Membership,
    tenantId: ids.Tenant,
    accountId: ids.ExecAccount,
    ruleId: ids.DangerRule,
    tokenId: ids.ApiToken,
    webhookId: ids.TaskWebhook,
    channelIds: [ids.NotifyChannel],
  }
  for (const [field, id] of Object.entries(fields)) expect([id].flat()[0], `A has no object for ${field}`).toBeTruthy()
  const walked = serverActions('walkb')
  expect(walked.length).toBeGreaterThan(60)
  const answers: string[] = []
  // An action at a time, all of A's ids for it at once.
  for (const { name, page: from } of walked) {
    const calls = Object.entries(ids).map(async ([table, id]) => {
      const result = await callAction(request, from, name, { tenant: 'walkb', ...fields, id, version: 1 })
      answers.push(`${name} ${table} ${result.status}`)
      expect(result.status, `${name} with A's ${table}`).toBeLessThan(500)
      for (const secret of secrets) expect(result.body, `${name} with A's ${table}`).not.toContain(secret)
    })
    // Aimed at A itself, a tenant B's admin does not belong to: refused whatever it is.
    const aimed = callAction(request, from, name, { tenant: 'walka', ...fields, id: ids.Task }).then((result) => {
      expect(result.data, `${name} aimed at tenant A`).toBeUndefined()
      for (const secret of secrets) expect(result.body, `${name} aimed at A`).not.toContain(secret)
    })
    await Promise.all([...calls, aimed])
  }
  expect(answers.length).toBe(walked.length * Object.keys(ids).length)
  expect(digestOf(ids.Tenant)).toEqual(before)
})

/** Which of A's objects a path parameter names: by its name, or for [id] by the segment before it. */
const tableOf: Record<string, string> = {
  runId: 'Run',
  scriptId: 'Script',
  targetId: 'Target',
  taskId: 'Task',
  proxyId: 'Proxy',
  targetRunId: 'TargetRun',
  'runs/id': 'Run',
  'scripts/id': 'Script',
  'targets/id': 'Target',
  'tasks/id': 'Task',
  'hooks/id': 'TaskWebhook',
}

/** The pattern's URLs as B would try them: with A's ids, in B's tenant and in A's. */
function urlsOf(pattern: string, ids: Record<string, string>): { url: string; crosses: boolean }[] {
  let crosses = false
  const filled = pattern
    .replace('[...nextauth]', 'session')
    .replace(/([^/]+)\/\[id\]/, (_, before) => `${before}/[${before}/id]`)
    .replace(/\[([^\]]+)\]/g, (whole, name: string) => {
      if (name === 'tenant') return whole
      const table = tableOf[name]
      if (!table || !ids[table]) throw new Error(`The walk does not know what ${name} of ${pattern} names`)
      crosses = true
      return ids[table]
    })
  if (!filled.includes('[tenant]')) return [{ url: filled, crosses }]
  return [
    { url: filled.replace('[tenant]', 'walkb'), crosses },
    { url: filled.replace('[tenant]', 'walka'), crosses: true },
  ]
}

test("B's admin walks every page and route with A's ids, signed in and with a token: not found", async ({ page }) => {
  test.setTimeout(120_000)
  const ids = objectsOf('walka', people.a)
  const before = digestOf(ids.Tenant)
  const request = await switchUser(page, people.b, password)
  const token = await callAction(request, '/walkb/settings/tokens', 'createApiTokenAction', {
    tenant: 'walkb',
    name: 'walker',
    scope: 'run',
  })
  // A body every route's schema takes, so that each gets as far as looking the id up.
  const body = { decision: 'continue', comment: 'walk', targetIds: [ids.Target], parameters: {} }
  const headers = { authorization: `Bearer ${(token.data as { secret: string }).secret}` }
  const paths = pathsOfBuild()
  expect(paths.filter((p) => p.kind === 'route').length).toBeGreaterThan(20)
  let crossed = 0
  for (const { pattern, kind } of paths) {
    const methods = kind === 'page' ? ['GET'] : ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
    for (const { url, crosses } of urlsOf(pattern, ids)) {
      await Promise.all(
        methods.map(async (method) => {
          const answer = await send(request, { method, url, headers, body })
          const what = `${method} ${url} (${pattern})`
          expect(answer.status, what).toBeLessThan(500)
          for (const secret of secrets) expect(answer.body, what).not.toContain(secret)
          if (!crosses) return
          crossed++
          // A webhook's id is public, its signature is the key: unsigned, it is refused.
          const refusal = pattern.startsWith('/api/hooks/') ? 401 : 404
          expect([refusal, 405], what).toContain(answer.status)
        }),
      )
    }
  }
  expect(crossed).toBeGreaterThan(50)
  expect(digestOf(ids.Tenant)).toEqual(before)
})

/** One request with both B's session cookie (the context's) and B's token; the body read whole or cut at 64 KiB. */
async function send(
  request: APIRequestContext,
  { method, url, headers, body }: { method: string; url: string; headers: Record<string, string>; body: object },
) {
  const answer = await request.fetch(url, {
    method,
    headers,
    data: method === 'GET' ? undefined : body,
    maxRedirects: 0,
  })
  return { status: answer.status(), body: (await answer.text()).slice(0, 65_536) }
}
