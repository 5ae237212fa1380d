import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { checkEndpoint, checkEndpoints, trustPresentedHostKey } from '@/lib/targets/check'
import { sealCredential } from '@/lib/targets/credentials'
import { startPeriodicChecks } from '@/lib/targets/periodic-check'
import { platformKey } from '@/lib/targets/platform-key'
import { createProxy } from '@/lib/targets/proxy-queries'
import { createTarget, getTarget } from '@/lib/targets/queries'
import { createTenant } from '@/lib/tenants/queries'
import { addAuthorizedKey, generateKeyPair, type SshHost, startSshd } from '../support/sshd'

const provider = process.env.FANOUT_TEST_DB
let hosts: SshHost[] = []
let n = 0

async function tenantWithKey() {
  const tenant = await createTenant({ name: `Checks ${++n}`, slug: `checks-${n}-${Date.now().toString(36)}` })
  const scope = { tenantId: tenant.id, userId: 'test', role: 'admin' as const }
  const key = await platformKey(scope)
  return { tenant, scope, publicKey: key!.publicKey }
}

const base = { resourcePool: null, region: null, encoding: 'utf-8' as const, description: '', labels: [] }
const platform = { credentialType: 'platform_key', credentialSecret: null }

beforeAll(async () => {
  hosts = await Promise.all([startSshd(), startSshd(), startSshd()])
})
afterAll(async () => {
  await Promise.all(hosts.map((h) => h.stop()))
})

describe(`connection checks (${provider})`, () => {
  it('reaches a target with the platform key, trusting and storing its host key on first use', async () => {
    const { scope, publicKey } = await tenantWithKey()
    const [host] = hosts
    addAuthorizedKey(host, publicKey)
    const t = await createTarget(scope, { ...base, name: 'web-1', host: host.host, port: host.port, username: host.username, proxyId: null }, platform)
    const result = await checkEndpoint(scope, 'target', t.id)
    expect(result).toMatchObject({ status: 'online', message: null })
    const row = await getTarget(scope, t.id)
    expect(row).toMatchObject({ status: 'online', hostKeyFingerprint: host.hostKeyFingerprint, presentedHostKey: null })
    expect(row?.lastCheckedAt).toBeInstanceOf(Date)
  })

  it('goes through a chain of two proxies and records every hop’s host key', async () => {
    const { scope, publicKey } = await tenantWithKey()
    for (const h of hosts) addAuthorizedKey(h, publicKey)
    const [h1, h2, target] = hosts
    const p1 = await createProxy(scope, { name: 'bastion-1', host: h1.host, port: h1.port, username: h1.username, viaProxyId: null }, platform)
    const p2 = await createProxy(scope, { name: 'bastion-2', host: h2.host, port: h2.port, username: h2.username, viaProxyId: p1.id }, platform)
    const t = await createTarget(scope, { ...base, name: 'db-1', host: target.host, port: target.port, username: target.username, proxyId: p2.id }, platform)
    expect((await checkEndpoint(scope, 'target', t.id))?.status).toBe('online')
    const proxies = await db.proxy.findMany({ where: { tenantId: scope.tenantId }, orderBy: { name: 'asc' } })
    expect(proxies.map((p) => p.hostKeyFingerprint)).toEqual([h1.hostKeyFingerprint, h2.hostKeyFingerprint])
  })

  it('refuses a host whose key changed, shows both keys, and connects again once an admin re-trusts', async () => {
    const { scope, publicKey } = await tenantWithKey()
    const [host] = hosts
    addAuthorizedKey(host, publicKey)
    const t = await createTarget(scope, { ...base, name: 'moved', host: host.host, port: host.port, username: host.username, proxyId: null }, platform)
    const old = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
    await db.target.update({ where: { id: t.id }, data: { hostKeyFingerprint: old } })

    const refused = await checkEndpoint(scope, 'target', t.id)
    expect(refused?.status).toBe('host_key_mismatch')
    expect(refused?.message).toContain(host.hostKeyFingerprint)
    expect(await getTarget(scope, t.id)).toMatchObject({ hostKeyFingerprint: old, presentedHostKey: host.hostKeyFingerprint })

    expect(await trustPresentedHostKey(scope, 'target', t.id)).toEqual({ name: 'moved', previous: old, trusted: host.hostKeyFingerprint })
    expect((await checkEndpoint(scope, 'target', t.id))?.status).toBe('online')
  })

  it('classifies failures: wrong key → auth failed, closed port → unreachable, broken proxy → proxy failed', async () => {
    const { scope } = await tenantWithKey()
    const [host] = hosts
    const stranger = generateKeyPair()
    const sealed = sealCredential({ credentialType: 'private_key', privateKey: stranger.privateKey, passphrase: '', password: '' })
    if (!sealed.ok) throw new Error(sealed.message)
    const { ok: _ok, ...credential } = sealed
    const denied = await createTarget(scope, { ...base, name: 'denied', host: host.host, port: host.port, username: host.username, proxyId: null }, credential)
    const closed = await createTarget(scope, { ...base, name: 'closed', host: '127.0.0.1', port: 1, username: 'x', proxyId: null }, platform)
    const deadProxy = await createProxy(scope, { name: 'dead', host: '127.0.0.1', port: 1, username: 'x', viaProxyId: null }, platform)
    const behind = await createTarget(scope, { ...base, name: 'behind', host: host.host, port: host.port, username: host.username, proxyId: deadProxy.id }, platform)

    const results = await checkEndpoints(scope, 'target', [denied.id, closed.id, behind.id])
    const byId = Object.fromEntries(results.map((r) => [r.id, r]))
    expect(byId[denied.id].status).toBe('auth_failed')
    expect(byId[closed.id].status).toBe('unreachable')
    expect(byId[behind.id].status).toBe('proxy_failed')
    expect(byId[behind.id].message).toContain('dead')
    // No secret in any stored message.
    const stored = await db.target.findMany({ where: { tenantId: scope.tenantId }, select: { statusMessage: true } })
    expect(JSON.stringify(stored)).not.toContain('PRIVATE KEY')
  })

  it("never touches another tenant's target", async () => {
    const a = await tenantWithKey()
    const b = await tenantWithKey()
    const [host] = hosts
    const t = await createTarget(a.scope, { ...base, name: 'mine', host: host.host, port: host.port, username: host.username, proxyId: null }, platform)
    expect(await checkEndpoint(b.scope, 'target', t.id)).toBeNull()
    expect(await checkEndpoints(b.scope, 'target', [t.id])).toEqual([])
    expect(await trustPresentedHostKey(b.scope, 'target', t.id)).toBeNull()
    expect(await getTarget(b.scope, t.id)).toBeNull()
    expect((await getTarget(a.scope, t.id))?.status).toBe('unknown')
  })
})

describe(`periodic checks (${provider})`, () => {
  it('re-check targets that are due, on their own, and stop when told', async () => {
    const { scope, publicKey } = await tenantWithKey()
    const [host] = hosts
    addAuthorizedKey(host, publicKey)
    const due = await createTarget(scope, { ...base, name: 'due', host: host.host, port: host.port, username: host.username, proxyId: null }, platform)
    const fresh = await createTarget(scope, { ...base, name: 'fresh', host: host.host, port: host.port, username: host.username, proxyId: null }, platform)
    const recently = new Date()
    await db.target.update({ where: { id: fresh.id }, data: { lastCheckedAt: recently } })

    // Due means never checked, or checked longer ago than the interval (an hour here).
    const stop = startPeriodicChecks(3600, { tickMs: 100 })
    try {
      for (let i = 0; i < 60 && (await getTarget(scope, due.id))?.status !== 'online'; i++) await new Promise((r) => setTimeout(r, 100))
    } finally {
      stop()
    }
    expect((await getTarget(scope, due.id))?.status).toBe('online')
    // Checked a moment ago: not due, so untouched.
    expect((await getTarget(scope, fresh.id))?.status).toBe('unknown')
  })
})
