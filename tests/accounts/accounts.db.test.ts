import { describe, expect, it } from 'vitest'
import {
  createExecAccount,
  deleteExecAccount,
  findExecAccount,
  listExecAccounts,
  updateExecAccount,
} from '@/lib/accounts/queries'
import { createAccountSchema } from '@/lib/accounts/schema'
import { accountTable } from '@/lib/accounts/table'
import { db } from '@/lib/db'
import { createTask } from '@/lib/tasks/save'
import { taskSchema } from '@/lib/tasks/schema'
import { memberTenant, saveScript } from '../support/engine-fixtures'
import { makeTenant } from '../support/factories'

const allRows = { ...accountTable.cache.parse({}), perPage: 100 }

async function taskRunningAs(scope: Awaited<ReturnType<typeof memberTenant>>, name: string, account: string) {
  const scriptId = await saveScript(scope, 'id -un\n')
  const target = await db.target.create({
    data: {
      tenantId: scope.tenantId,
      name: `t-${name}`,
      host: '127.0.0.1',
      port: 22,
      username: 'u',
      credentialType: 'platform_key',
    },
  })
  const input = taskSchema.parse({
    tenant: 'x',
    name,
    type: 'manual',
    steps: [{ kind: 'script', scriptId, runAs: account }],
    targetIds: [target.id],
  })
  const created = await createTask(scope, input)
  if (!created.ok) throw new Error(JSON.stringify(created))
  return created.id
}

describe(`execution accounts (${process.env.FANOUT_TEST_DB})`, () => {
  it('takes only Unix user names', () => {
    const parse = (name: string) => createAccountSchema.safeParse({ tenant: 'x', name }).success
    for (const good of ['deploy', 'svc_app', '_backup', 'www-data', 'a1']) expect(parse(good)).toBe(true)
    for (const bad of ['', 'Deploy', '-rf', '1abc', 'two words', 'a;b', 'x'.repeat(33), 'root$'])
      expect(parse(bad)).toBe(false)
  })

  it('refuses to delete an account a task step runs as, naming the tasks; a rename carries over to the steps', async () => {
    const scope = await memberTenant('Accounts')
    const { id } = await createExecAccount(scope, { name: 'deploy', description: 'Owns the app' })
    await taskRunningAs(scope, 'Deploy app', 'deploy')
    await taskRunningAs(scope, 'Rotate logs', 'deploy')

    const account = (await findExecAccount(scope, id))!
    expect(await deleteExecAccount(scope, account)).toEqual({ ok: false, tasks: ['Deploy app', 'Rotate logs'] })
    const { rows } = await listExecAccounts(scope, allRows)
    expect(rows.map((r) => [r.name, r.tasks.map((t) => t.name)])).toEqual([['deploy', ['Deploy app', 'Rotate logs']]])

    await updateExecAccount(scope, account, { name: 'deployer', description: 'Owns the app' })
    const steps = await db.taskStep.findMany({ where: { tenantId: scope.tenantId } })
    expect(steps.map((s) => s.runAs)).toEqual(['deployer', 'deployer'])

    await db.taskStep.updateMany({ where: { tenantId: scope.tenantId }, data: { runAs: null } })
    expect(await deleteExecAccount(scope, { id, name: 'deployer' })).toEqual({ ok: true })
    expect(await findExecAccount(scope, id)).toBeNull()
  })

  it('keeps each tenant to its own accounts', async () => {
    const scope = await memberTenant('Mine')
    const other = await makeTenant('Theirs')
    const theirs = await createExecAccount({ tenantId: other.id }, { name: 'shared-name', description: '' })
    await createExecAccount(scope, { name: 'shared-name', description: 'mine' })
    expect(await findExecAccount(scope, theirs.id)).toBeNull()
    expect(await deleteExecAccount(scope, { id: theirs.id, name: 'shared-name' })).toEqual({ ok: true })
    expect(await db.execAccount.count({ where: { id: theirs.id } })).toBe(1)
    const { rows } = await listExecAccounts(scope, allRows)
    expect(rows.map((r) => r.description)).toEqual(['mine'])
  })
})
