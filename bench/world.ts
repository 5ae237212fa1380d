// What a Fanout user has before pressing "run now": a tenant with an admin, a saved script
// version and N Target rows, all created through the same lib/ functions the UI uses.
import { mapWithConcurrency } from '@/lib/concurrency'
import { db } from '@/lib/db'
import { queueScriptRun } from '@/lib/runs/queue'
import { createScript } from '@/lib/scripts/save'
import { sealCredential } from '@/lib/targets/credentials'
import { createTarget } from '@/lib/targets/queries'
import { createTenant } from '@/lib/tenants/queries'
import { createUser, setMembership } from '@/lib/users/queries'
import type { SshdAddress } from './protocol'

/** Every benchmark target carries it; runs pick their targets by it, as a user picks a group. */
const label = 'bench'

export interface World {
  scope: { tenantId: string; userId: string; role: 'admin' }
  userLabel: string
  /** Target ids in creation order (t-00000, t-00001 …). */
  targetIds: string[]
  /** Script content → the saved script's id. */
  scripts: Map<string, string>
}

export async function createWorld(opts: {
  label: string
  sshds: SshdAddress[]
  username: string
  privateKey: string
  targets: number
}): Promise<World> {
  const stamp = Date.now().toString(36)
  const tenant = await createTenant({ name: `Bench ${opts.label}`, slug: `bench-${opts.label}-${stamp}` })
  const email = `bench-${stamp}@example.com`
  const user = await createUser({ name: 'Bench', email, password: 'bench-password', isSystemAdmin: false })
  await setMembership({ userId: user.id, tenantId: tenant.id, role: 'admin' })
  const scope = { tenantId: tenant.id, userId: user.id, role: 'admin' as const }
  // One uploaded key, the same file the other tools log in with.
  const sealed = sealCredential({
    credentialType: 'private_key',
    privateKey: opts.privateKey,
    passphrase: '',
    password: '',
  })
  if (!sealed.ok) throw new Error(`the benchmark key was refused: ${sealed.message}`)
  const indexes = Array.from({ length: opts.targets }, (_, i) => i)
  const created = await mapWithConcurrency(indexes, 16, (i) => {
    const sshd = opts.sshds[i % opts.sshds.length]
    const data = {
      name: `t-${String(i).padStart(5, '0')}`,
      host: sshd.host,
      port: sshd.port,
      username: opts.username,
      proxyId: null,
      resourcePool: null,
      region: null,
      encoding: 'utf-8' as const,
      description: '',
      labels: [label],
    }
    return createTarget(scope, data, {
      credentialType: sealed.credentialType,
      credentialSecret: sealed.credentialSecret,
    })
  })
  // Trusted as a connection check or a first run would have left them: the timed runs are
  // the steady state of targets used before, without a first-use write per target.
  for (const sshd of opts.sshds) {
    if (!sshd.fingerprint) continue
    await db.target.updateMany({
      where: { tenantId: tenant.id, host: sshd.host, port: sshd.port },
      data: { hostKeyFingerprint: sshd.fingerprint, status: 'online' },
    })
  }
  return { scope, userLabel: email, targetIds: created.map((t) => t.id), scripts: new Map() }
}

/** The saved script holding this content (created on first use), like a script in the library. */
async function scriptFor(world: World, content: string) {
  let scriptId = world.scripts.get(content)
  if (!scriptId) {
    const name = `bench-${world.scripts.size + 1}`
    const saved = await createScript(world.scope, {
      name,
      language: 'bash',
      description: '',
      content,
      parameters: [],
      message: '',
    })
    if (!saved.ok) throw new Error(`cannot save the benchmark script: ${saved.reason}`)
    scriptId = saved.scriptId
    world.scripts.set(content, scriptId)
  }
  return scriptId
}

/** "Run now" of a saved script on targets chosen by id or label, through lib/runs' queueScriptRun as the run dialog does. */
export async function queueOn(
  world: World,
  scriptId: string,
  chosen: { targetIds: string[]; labels: string[] },
  parallelism: number,
) {
  const queued = await queueScriptRun(
    world.scope,
    {
      scriptId,
      ...chosen,
      parameters: {},
      parallelism,
      timeoutSeconds: 600,
      maxFailedCount: null,
      maxFailedPercent: null,
    },
    { type: 'user', id: world.scope.userId, label: world.userLabel },
  )
  if (!queued.ok) throw new Error(`run not queued: ${JSON.stringify(queued)}`)
  return queued
}

/**
 * "Run now" on the first `count` targets: the script's latest version and the targets frozen
 * in a snapshot, the Run inserted, the engines woken. All targets are chosen by their label (a
 * list of more than 999 ids is more than Prisma binds in one SQLite statement); a part of them by id.
 */
export async function queueRun(world: World, content: string, count: number, parallelism: number) {
  const all = count === world.targetIds.length
  const chosen = all ? { targetIds: [], labels: [label] } : { targetIds: world.targetIds.slice(0, count), labels: [] }
  const queued = await queueOn(world, await scriptFor(world, content), chosen, parallelism)
  if (queued.targets !== count) throw new Error(`run queued on ${queued.targets} targets, not ${count}`)
  return { id: queued.runId }
}
