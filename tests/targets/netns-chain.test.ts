// Proxy chains over a real network (issue #3): the target sits in a network namespace that
// only jump host 2 reaches, and jump host 2 only jump host 1 (tests/support/netns.ts), so
// the chain is proven to be needed, not just configured. Through the product path: a tenant
// with its platform key, proxies and targets in the database, checks by lib/targets/check.
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { connect, exec, SshError } from '@/lib/ssh'
import { resolveEndpoint } from '@/lib/targets/chain'
import { checkEndpoint } from '@/lib/targets/check'
import { platformKey } from '@/lib/targets/platform-key'
import { createProxy } from '@/lib/targets/proxy-queries'
import { createTarget, getTarget } from '@/lib/targets/queries'
import { createTenant } from '@/lib/tenants/queries'
import { startTopology, type Topology } from '../support/netns'

let topo: Topology
let buildMs = 0
let setupError: unknown
let scope: { tenantId: string; userId: string; role: 'admin' }

const base = { resourcePool: null, region: null, encoding: 'utf-8' as const, description: '', labels: [] }
const platform = { credentialType: 'platform_key', credentialSecret: null }
const fast = 2_000 // far below the 10 s connect timeout: a refusal by the kernel, not a timeout

beforeAll(async () => {
  try {
    const started = performance.now()
    topo = await startTopology()
    buildMs = performance.now() - started
    const tenant = await createTenant({ name: 'Netns chain', slug: `netns-${Date.now().toString(36)}` })
    scope = { tenantId: tenant.id, userId: 'test', role: 'admin' }
    const key = await platformKey(scope)
    topo.authorize(key!.publicKey)
  } catch (err) {
    setupError = err
  }
})

// Not root, or no `ip netns`: every test fails with the reason (a failed beforeAll would
// only mark them skipped, and CI must not pass without them).
beforeEach(() => {
  if (setupError) throw setupError
})

afterAll(async () => {
  await topo?.destroy()
})

async function proxy(name: string, host: Topology['jump1'], viaProxyId: string | null) {
  return createProxy(scope, { name, host: host.host, port: host.port, username: host.username, viaProxyId }, platform)
}

async function target(name: string, proxyId: string | null) {
  const { host, port, username } = topo.target
  return createTarget(scope, { ...base, name, host, port, username, proxyId }, platform)
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await run()
  return [result, performance.now() - started]
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function ip(...args: string[]) {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

describe('proxy chains through network namespaces', () => {
  it('builds the topology quickly', () => {
    console.info(`netns topology ${topo.prefix} built in ${Math.round(buildMs)} ms`)
    expect(buildMs).toBeLessThan(10_000)
  })

  it('cannot reach the target or jump2 from the root namespace: "no route to host" at once', async () => {
    // The kernel's own lookup (no packet sent): the unreachable routes answer, not the default route.
    for (const h of [topo.target, topo.jump2]) {
      expect(() => ip('route', 'get', h.host)).toThrow(/No route to host/)
    }
    expect(ip('route', 'get', topo.jump1.host)).toContain(`dev ${topo.prefix}a0`)

    const direct = await target('db-direct', null)
    const [result, ms] = await timed(() => checkEndpoint(scope, 'target', direct.id))
    expect(result).toMatchObject({ status: 'unreachable' })
    expect(result?.message).toBe(`Target db-direct (${topo.target.host}:22): no route to host`)
    expect(ms).toBeLessThan(fast)

    // The same through lib/ssh alone, with the system error code.
    const resolved = await resolveEndpoint(scope, 'target', direct.id)
    const error = await connect(resolved!).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(SshError)
    expect(error).toMatchObject({ kind: 'unreachable', code: 'EHOSTUNREACH', hop: { label: 'db-direct' } })
  })

  it('reaches jump1 directly, recording its host key', async () => {
    const p1 = await proxy('jump-1-alone', topo.jump1, null)
    expect(await checkEndpoint(scope, 'proxy', p1.id)).toMatchObject({ status: 'online', message: null })
    const row = await db.proxy.findFirst({ where: { id: p1.id } })
    expect(row).toMatchObject({ status: 'online', hostKeyFingerprint: topo.jump1.hostKeyFingerprint })
  })

  it('fails behind jump1 alone: jump1 has no route to the target, and the target is named', async () => {
    const p1 = await proxy('jump-1', topo.jump1, null)
    const t = await target('db-behind-jump-1', p1.id)
    const [result, ms] = await timed(() => checkEndpoint(scope, 'target', t.id))
    // jump1 itself is fine: the failure belongs to the hop it could not reach.
    expect(result?.status).toBe('unreachable')
    expect(result?.message).toMatch(
      new RegExp(
        `^Target db-behind-jump-1 \\(${escapeRegExp(topo.target.host)}:22\\): unreachable from proxy jump-1: `,
      ),
    )
    expect(ms).toBeLessThan(fast)
    expect(await db.proxy.findFirst({ where: { id: p1.id } })).toMatchObject({
      hostKeyFingerprint: topo.jump1.hostKeyFingerprint,
    })
    expect(await getTarget(scope, t.id)).toMatchObject({ status: 'unreachable', hostKeyFingerprint: null })
  })

  it('fails as proxy_failed naming the second proxy when jump1 cannot reach it', async () => {
    // The target's namespace runs an sshd too: as a proxy behind jump1 it is out of reach.
    const p1 = await proxy('edge', topo.jump1, null)
    const inner = await proxy('inner', topo.target, p1.id)
    const t = await target('db-behind-inner', inner.id)
    const [result, ms] = await timed(() => checkEndpoint(scope, 'target', t.id))
    expect(result?.status).toBe('proxy_failed')
    expect(result?.message).toMatch(
      new RegExp(`^Proxy inner \\(${escapeRegExp(topo.target.host)}:22\\): unreachable from proxy edge: `),
    )
    expect(ms).toBeLessThan(fast)
    const resolved = await resolveEndpoint(scope, 'target', t.id)
    const error = await connect(resolved!).catch((err: unknown) => err)
    expect(error).toMatchObject({
      kind: 'proxy_failed',
      causeKind: 'unreachable',
      hop: { label: 'inner', index: 1, isTarget: false },
    })
  })

  it('fails as proxy_failed naming jump2 when jump2 is used without jump1 in front', async () => {
    const p2 = await proxy('jump-2-alone', topo.jump2, null)
    const t = await target('db-behind-jump-2-alone', p2.id)
    const [result, ms] = await timed(() => checkEndpoint(scope, 'target', t.id))
    expect(result?.status).toBe('proxy_failed')
    expect(result?.message).toBe(`Proxy jump-2-alone (${topo.jump2.host}:22): no route to host`)
    expect(ms).toBeLessThan(fast)

    const resolved = await resolveEndpoint(scope, 'target', t.id)
    const error = await connect(resolved!).catch((err: unknown) => err)
    expect(error).toMatchObject({
      kind: 'proxy_failed',
      causeKind: 'unreachable',
      code: 'EHOSTUNREACH',
      hop: { label: 'jump-2-alone', index: 0, isTarget: false },
    })
  })

  it('goes through jump1 then jump2 (2 hops), records every hop’s host key, and runs a command on the target', async () => {
    const p1 = await proxy('bastion-1', topo.jump1, null)
    const p2 = await proxy('bastion-2', topo.jump2, p1.id)
    const t = await target('db-1', p2.id)
    expect(await checkEndpoint(scope, 'target', t.id)).toMatchObject({ status: 'online', message: null })
    const proxies = await db.proxy.findMany({ where: { id: { in: [p1.id, p2.id] } } })
    const fingerprints = Object.fromEntries(proxies.map((p) => [p.name, p.hostKeyFingerprint]))
    expect(fingerprints).toEqual({
      'bastion-1': topo.jump1.hostKeyFingerprint,
      'bastion-2': topo.jump2.hostKeyFingerprint,
    })
    expect(await getTarget(scope, t.id)).toMatchObject({
      status: 'online',
      hostKeyFingerprint: topo.target.hostKeyFingerprint,
    })
    expect(new Set([topo.jump1, topo.jump2, topo.target].map((h) => h.hostKeyFingerprint)).size).toBe(3)

    // The stored fingerprints are now enforced at every hop.
    const resolved = await resolveEndpoint(scope, 'target', t.id)
    expect(resolved!.proxies.map((p) => p.hostKey.fingerprint)).toEqual([
      topo.jump1.hostKeyFingerprint,
      topo.jump2.hostKeyFingerprint,
    ])
    const conn = await connect(resolved!)
    try {
      let stdout = ''
      const result = await exec(conn, 'id -un; echo "$SSH_CONNECTION"', {
        onStdout: (chunk) => (stdout += chunk.toString()),
      })
      expect(result).toEqual({ code: 0, signal: null })
      const [user, sshConnection] = stdout.trimEnd().split('\n')
      expect(user).toBe(topo.target.username)
      // The target saw the connection come from jump2's address on its link, to its own.
      const [from, , to, port] = sshConnection.split(' ')
      expect([from, to, port]).toEqual([topo.subnets.c.replace('.0/24', '.1'), topo.target.host, '22'])
    } finally {
      conn.close()
    }
  })

  it('removes every namespace, link and route on destroy()', async () => {
    const name = new RegExp(`\\b${topo.prefix}[a-z]`) // fo<pid>s<slot> then the role: j1, a0, …
    const ours = (text: string) => text.split('\n').filter((l) => name.test(l))
    expect(ours(ip('netns', 'list'))).toHaveLength(3)
    await topo.destroy()
    expect(ours(ip('netns', 'list'))).toEqual([])
    expect(ours(ip('link', 'show'))).toEqual([])
    const routes = ip('-4', 'route', 'show', 'table', 'all')
    for (const subnet of [...topo.unreachable, topo.subnets.a, topo.subnets.b, topo.subnets.c]) {
      expect(routes).not.toContain(subnet.replace('/24', ''))
    }
    await topo.destroy() // idempotent
  })
})
