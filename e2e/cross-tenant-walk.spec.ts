import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { callAction, e2eDatabase } from './server-actions'
import { addBashScript, addTargets, scriptIdOf, setUpTenants, switchUser } from './support'

// Every server action of the build, walked by the admin of one tenant with the ids of
// another tenant's objects (PRODUCT.md §6): whatever an action is, it must neither change
// nor show anything of the other tenant. New actions join the walk by being built.

test.describe.configure({ mode: 'serial' })

const password = 'walk-password-1'
const people = { a: 'admin@walka.test', b: 'admin@walkb.test' }
// Names only tenant A's objects carry: a response naming one has leaked it.
const secrets = ['walk-host-a', 'Walk script A', 'Walk task A', 'walk-rule-a', 'walk-token-a', 'walkdeploy']

type Manifest = { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> }

/** Each action once, with a page that uses it (an action is found through its page's bundle). */
function actions(): { name: string; page: string }[] {
  const file = path.join(__dirname, '../.next/server/server-reference-manifest.json')
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  const seen = new Map<string, string>()
  for (const { exportedName, workers } of Object.values(manifest.node)) {
    const worker = Object.keys(workers)[0]
    const page = worker
      .replace(/^app/, '')
      .replace(/\/\([^)]+\)/g, '')
      .replace(/\/page$/, '')
      .replace('[tenant]', 'walkb')
      .replace(/\[[^\]]+\]/g, 'x')
    if (!seen.has(exportedName)) seen.set(exportedName, page || '/')
  }
  return [...seen].map(([name, page]) => ({ name, page }))
}

/** One id of each of tenant A's objects, by table. */
function objectsOf(slug: string): Record<string, string> {
  const db = e2eDatabase()
  try {
    const tenant = (db.prepare('SELECT id FROM Tenant WHERE slug = ?').get(slug) as { id: string }).id
    const ids: Record<string, string> = { Tenant: tenant }
    for (const table of tenantTables(db)) {
      const row = db.prepare(`SELECT id FROM "${table}" WHERE tenantId = ? LIMIT 1`).get(tenant) as
        { id: string } | undefined
      if (row) ids[table] = row.id
    }
    const user = db.prepare('SELECT id FROM User WHERE email = ?').get(people.a) as { id: string }
    return { ...ids, User: user.id }
  } finally {
    db.close()
  }
}

function tenantTables(db: ReturnType<typeof e2eDatabase>): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'")
    .all() as {
    name: string
  }[]
  return tables
    .map((t) => t.name)
    .filter((name) => name !== 'AuditEvent')
    .filter((name) => {
      const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]
      return columns.some((c) => c.name === 'tenantId') && columns.some((c) => c.name === 'id')
    })
}

/** Everything tenant A owns, hashed: equal before and after means nothing of it was written. */
function digestOf(tenantId: string): string {
  const db = e2eDatabase()
  try {
    const hash = createHash('sha256')
    for (const table of tenantTables(db)) {
      const rows = (
        db.prepare(`SELECT * FROM "${table}" WHERE tenantId = ? ORDER BY id`).all(tenantId) as object[]
      ).map(
        // The periodic connection check may record a target's status meanwhile: not a write of B's.
        (row) => (table === 'Target' ? { ...row, status: null, statusMessage: null, lastCheckedAt: null } : row),
      )
      hash.update(table).update(JSON.stringify(rows, (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
    }
    hash.update(JSON.stringify(db.prepare('SELECT * FROM Tenant WHERE id = ?').get(tenantId)))
    return hash.digest('hex')
  } finally {
    db.close()
  }
}

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
    await callAction(request, '/walka/scripts', 'startScriptRunAction', {
      tenant: 'walka',
      scriptId,
      labels: ['walk'],
    }),
  ]
  for (const result of made) expect(result.serverError, JSON.stringify(result)).toBeUndefined()
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
  const ids = objectsOf('walka')
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
  }
  const walked = actions()
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
  expect(digestOf(ids.Tenant)).toBe(before)
})
