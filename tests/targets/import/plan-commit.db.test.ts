import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { sealCredential } from '@/lib/targets/credentials'
import { parseImport } from '@/lib/targets/import/parse'
import { commitImport, ImportRefused } from '@/lib/targets/import/commit'
import { type PlanOptions, planImport } from '@/lib/targets/import/plan'
import type { ImportFormat } from '@/lib/targets/import/types'
import { createProxy } from '@/lib/targets/proxy-queries'
import { createTarget } from '@/lib/targets/queries'
import { makeMember, makeTenant } from '../../support/factories'
import { fixture } from './helpers'

const provider = process.env.FANOUT_TEST_DB

async function adminScope() {
  const tenant = await makeTenant('Import')
  const { user } = await makeMember(tenant.id, 'admin')
  return { tenantId: tenant.id, userId: user.id, role: 'admin' as const }
}
type Scope = Awaited<ReturnType<typeof adminScope>>

const plan = (scope: Scope, format: ImportFormat, text: string, options: Partial<PlanOptions> = {}) =>
  planImport(scope, format, parseImport(format, text), { existing: 'skip', ...options })

const targets = (scope: Scope) =>
  db.target.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: { name: 'asc' },
    include: { labels: { select: { label: true }, orderBy: { label: 'asc' } } },
  })

const base = { resourcePool: null, region: null, encoding: 'utf-8' as const, description: '', proxyId: null }

describe(`import plan and commit (${provider})`, () => {
  it('creates every host of an inventory with the platform key, labels and fields', async () => {
    const scope = await adminScope()
    const preview = await plan(scope, 'ini', fixture('inventory.ini'))
    expect(preview.errors).toEqual([])
    expect(preview.counts).toEqual({ create: 16, update: 0, skip: 0 })
    expect(await commitImport(scope, preview)).toEqual({ created: 16, updated: 0, skipped: 0 })

    const rows = await targets(scope)
    expect(rows).toHaveLength(16)
    expect(rows.every((t) => t.credentialType === 'platform_key' && t.credentialSecret === null)).toBe(true)
    const replica = rows.find((t) => t.name === 'db-replica.example.com')!
    expect(replica).toMatchObject({
      host: '10.0.2.20',
      port: 5022,
      username: 'dbadmin',
      status: 'unknown',
      encoding: 'utf-8',
    })
    expect(replica.labels.map((l) => l.label)).toEqual(['backend', 'db', 'prod'])
    const labelled = await db.targetLabel.count({ where: { tenantId: scope.tenantId, label: 'prod' } })
    expect(labelled).toBe(14)
  })

  it('creates CSV rows with pool, region, encoding and a proxy named by the file', async () => {
    const scope = await adminScope()
    const platform = { credentialType: 'platform_key', credentialSecret: null }
    await createProxy(
      scope,
      { name: 'bastion', host: '10.9.9.9', port: 22, username: 'jump', viaProxyId: null },
      platform,
    )
    const csv =
      'name,host,user,labels,resource_pool,region,encoding,proxy\nweb-1,10.0.0.1,deploy,web,pool-a,eu,gbk,bastion\nweb-2,10.0.0.2,deploy,,,,,\n'
    const preview = await plan(scope, 'csv', csv)
    expect(preview.errors).toEqual([])
    await commitImport(scope, preview)
    const [web1, web2] = await targets(scope)
    expect(web1).toMatchObject({ name: 'web-1', resourcePool: 'pool-a', region: 'eu', encoding: 'gbk' })
    expect(web1.proxyId).toBe((await db.proxy.findFirst({ where: { tenantId: scope.tenantId, name: 'bastion' } }))!.id)
    expect(web2).toMatchObject({ name: 'web-2', proxyId: null, resourcePool: null, encoding: 'utf-8' })
  })

  it('refuses an unknown proxy and a missing SSH user on their lines; a default user fills in', async () => {
    const scope = await adminScope()
    const csv = 'name,host,user,proxy\na,10.0.0.1,root,nowhere\nb,10.0.0.2,,\n'
    const preview = await plan(scope, 'csv', csv)
    expect(preview.errors).toEqual([
      { line: 2, message: 'a: there is no proxy named nowhere.' },
      {
        line: 3,
        message: 'b: no SSH user. Set ansible_user (or a user column), or a default SSH user for the import.',
      },
    ])
    const withDefault = await plan(scope, 'csv', 'name,host\nb,10.0.0.2\n', { defaultUser: 'ubuntu' })
    expect(withDefault.rows[0]).toMatchObject({ action: 'create', username: 'ubuntu' })
  })

  it('skips or updates existing names as chosen; an update keeps the credential and host key unless the address moves', async () => {
    const scope = await adminScope()
    const sealed = sealCredential({ credentialType: 'password', password: 'hunter2', privateKey: '', passphrase: '' })
    if (!sealed.ok) throw new Error('seal failed')
    const credential = { credentialType: sealed.credentialType, credentialSecret: sealed.credentialSecret }
    const same = await createTarget(
      scope,
      { ...base, name: 'same', host: '10.0.0.1', port: 22, username: 'old', labels: ['legacy'] },
      credential,
    )
    const moved = await createTarget(
      scope,
      { ...base, name: 'moved', host: '10.0.0.2', port: 22, username: 'old', labels: [] },
      credential,
    )
    await db.target.updateMany({
      where: { tenantId: scope.tenantId },
      data: { hostKeyFingerprint: 'SHA256:trusted', status: 'online' },
    })
    const ini =
      '[web]\nsame ansible_host=10.0.0.1\nmoved ansible_host=10.0.0.2 ansible_port=2222 ansible_user=new\nfresh ansible_user=u\n'

    const skip = await plan(scope, 'ini', ini, { existing: 'skip' })
    expect(skip.rows.map((r) => [r.name, r.action])).toEqual([
      ['same', 'skip'],
      ['moved', 'skip'],
      ['fresh', 'create'],
    ])
    expect(await commitImport(scope, skip)).toEqual({ created: 1, updated: 0, skipped: 2 })
    expect((await targets(scope)).find((t) => t.name === 'moved')).toMatchObject({ port: 22, username: 'old' })

    const update = await plan(scope, 'ini', ini, { existing: 'update', defaultUser: 'ignored-for-updates' })
    expect(update.counts).toEqual({ create: 0, update: 3, skip: 0 })
    expect(await commitImport(scope, update)).toEqual({ created: 0, updated: 3, skipped: 0 })
    const rows = await targets(scope)
    const after = Object.fromEntries(rows.map((t) => [t.name, t]))
    // Same address: credential, trusted key and status stay; the file's labels replace the old ones.
    expect(after.same).toMatchObject({
      id: same.id,
      username: 'old',
      credentialType: 'password',
      credentialSecret: credential.credentialSecret,
      hostKeyFingerprint: 'SHA256:trusted',
      status: 'online',
    })
    expect(after.same.labels.map((l) => l.label)).toEqual(['web'])
    // New port: the host key must be trusted afresh, the credential stays.
    expect(after.moved).toMatchObject({
      id: moved.id,
      port: 2222,
      username: 'new',
      credentialType: 'password',
      hostKeyFingerprint: null,
      status: 'unknown',
    })
  })

  it('keeps labels on update when a CSV has no labels column', async () => {
    const scope = await adminScope()
    const platform = { credentialType: 'platform_key', credentialSecret: null }
    await createTarget(
      scope,
      { ...base, name: 'a', host: '10.0.0.1', port: 22, username: 'u', labels: ['keep'] },
      platform,
    )
    const preview = await plan(scope, 'csv', 'name,host,region\na,10.0.0.1,eu\n', { existing: 'update' })
    await commitImport(scope, preview)
    const [a] = await targets(scope)
    expect(a).toMatchObject({ region: 'eu', username: 'u' })
    expect(a.labels.map((l) => l.label)).toEqual(['keep'])
  })

  it('imports the maximum of 5,000 hosts in one transaction', async () => {
    const scope = await adminScope()
    const preview = await plan(scope, 'ini', '[web]\nweb[0001:5000]\n[prod:children]\nweb\n', { defaultUser: 'ops' })
    expect(preview.counts.create).toBe(5000)
    expect(await commitImport(scope, preview)).toEqual({ created: 5000, updated: 0, skipped: 0 })
    expect(await db.target.count({ where: { tenantId: scope.tenantId } })).toBe(5000)
    expect(await db.targetLabel.count({ where: { tenantId: scope.tenantId } })).toBe(10000)
    const again = await plan(scope, 'ini', '[web]\nweb[0001:5000]\n', { existing: 'update' })
    expect(await commitImport(scope, again)).toEqual({ created: 0, updated: 5000, skipped: 0 })
    expect(await db.targetLabel.count({ where: { tenantId: scope.tenantId } })).toBe(5000)
  })

  it('writes nothing when a row has an error', async () => {
    const scope = await adminScope()
    const preview = await plan(scope, 'csv', 'name,host,user\na,10.0.0.1,u\nb,10.0.0.2,u\nc,bad host,u\n')
    expect(preview.errors).toEqual([{ line: 4, message: 'Host "bad host": Use a host name or an IP address.' }])
    await expect(commitImport(scope, preview)).rejects.toThrow(ImportRefused)
    await expect(commitImport(scope, preview)).rejects.toThrow('Fix the error first; nothing was imported.')
    expect(await targets(scope)).toEqual([])
  })

  it('rolls back the rows already written when a later row fails inside the transaction', async () => {
    const scope = await adminScope()
    const rows = Array.from({ length: 700 }, (_, i) => `h${String(i).padStart(3, '0')},10.0.${i >> 8}.${i & 255},u,web`)
    const preview = await plan(scope, 'csv', ['name,host,user,labels', ...rows].join('\n'))
    expect(preview.counts.create).toBe(700)
    // Someone creates one of the names after the preview: its row (in the second batch) fails.
    const platform = { credentialType: 'platform_key', credentialSecret: null }
    await createTarget(
      scope,
      { ...base, name: 'h650', host: '10.9.9.9', port: 22, username: 'x', labels: [] },
      platform,
    )
    await expect(commitImport(scope, preview)).rejects.toThrow(
      'A target with one of these names was created meanwhile; nothing was imported. Preview again.',
    )
    expect((await targets(scope)).map((t) => t.name)).toEqual(['h650'])
    expect(await db.targetLabel.count({ where: { tenantId: scope.tenantId } })).toBe(0)
  })

  it('never treats another tenant’s targets as existing, nor touches them', async () => {
    const scope = await adminScope()
    const other = await adminScope()
    const platform = { credentialType: 'platform_key', credentialSecret: null }
    await createTarget(
      other,
      { ...base, name: 'web1', host: '10.1.1.1', port: 22, username: 'theirs', labels: ['theirs'] },
      platform,
    )
    await createProxy(
      other,
      { name: 'their-proxy', host: '10.1.1.2', port: 22, username: 'p', viaProxyId: null },
      platform,
    )

    const preview = await plan(scope, 'ini', '[web]\nweb1 ansible_host=10.0.0.1 ansible_user=mine\n', {
      existing: 'update',
    })
    expect(preview.rows.map((r) => r.action)).toEqual(['create'])
    await commitImport(scope, preview)
    const proxied = await plan(scope, 'csv', 'name,host,user,proxy\nweb2,10.0.0.2,u,their-proxy\n')
    expect(proxied.errors).toEqual([{ line: 2, message: 'web2: there is no proxy named their-proxy.' }])

    const [theirs] = await targets(other)
    expect(theirs).toMatchObject({ host: '10.1.1.1', username: 'theirs' })
    expect(theirs.labels.map((l) => l.label)).toEqual(['theirs'])
    const [mine] = await targets(scope)
    expect(mine).toMatchObject({ name: 'web1', host: '10.0.0.1', username: 'mine' })
  })
})
